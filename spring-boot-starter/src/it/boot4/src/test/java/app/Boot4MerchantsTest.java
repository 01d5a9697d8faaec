package app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.spring.WechatPayBoot4HealthAutoConfiguration;
import dev.wxpay.spring.WechatPayMerchantsAutoConfiguration;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("On Spring Boot 4 several merchants get their own qualified API beans and one wxpay health entry each")
class Boot4MerchantsTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final SimulatedMerchant ALPHA = SimulatedMerchant.generate("1900000101", RANDOM);
    static final SimulatedMerchant BETA = SimulatedMerchant.generate("1900000102", RANDOM);
    static WechatPaySimulator sim;
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        sim = WechatPaySimulator.builder().merchant(ALPHA).merchant(BETA).start();
        dir = Files.createTempDirectory("wxpay-boot4-merchants");
        Files.writeString(dir.resolve("alpha_key.pem"), ALPHA.privateKeyPem().orElseThrow(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("beta_key.pem"), BETA.privateKeyPem().orElseThrow(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("pub_key.pem"), sim.platformPublicKeyPem(), StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String[] merchant(String name, SimulatedMerchant m, boolean primary) {
        String prefix = "wxpay.merchants." + name + ".";
        return new String[] {
            prefix + "merchant-id=" + m.mchid(),
            prefix + "merchant-serial-number=" + m.certificateSerialNo(),
            prefix + "private-key=file:" + dir.resolve(name + "_key.pem"),
            prefix + "public-key-id=" + sim.publicKeyId(),
            prefix + "public-key=file:" + dir.resolve("pub_key.pem"),
            prefix + "base-uri=" + sim.baseUri(),
            prefix + "primary=" + primary,
        };
    }

    @Test
    @DisplayName("each merchant's injected PayscorePlansApi signs as that merchant, and the health has both entries UP")
    void twoMerchants() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WechatPayMerchantsAutoConfiguration.class,
                        WechatPayBoot4HealthAutoConfiguration.class))
                .withPropertyValues(merchant("alpha", ALPHA, true)).withPropertyValues(merchant("beta", BETA, false))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    for (SimulatedMerchant m : List.of(ALPHA, BETA)) {
                        String name = m == ALPHA ? "alpha" : "beta";
                        BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                                PayscorePlansApi.class, name).createPayscorePlan(new CreatePayscorePlanRequest()
                                .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787")
                                .planName("瑜伽课1节").planDuration(30).deductionQuantity(1)
                                .totalOriginalPrice(10000L).totalActualPrice(9000L)
                                .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L)
                                        .actualPrice(9000L).planDetailName("第1节课")))
                                .merchantPlanNo("P" + System.nanoTime()));
                        assertThat(sim.lastRequest().orElseThrow().mchid()).contains(m.mchid());
                        assertThat(sim.lastRequest().orElseThrow().signatureVerified()).isTrue();
                    }
                    CompositeHealthContributor wxpay = context.getBean("wxpayHealthContributor",
                            CompositeHealthContributor.class);
                    for (String name : List.of("alpha", "beta")) {
                        HealthIndicator indicator = (HealthIndicator) wxpay.getContributor(name);
                        assertThat(indicator.health().getStatus()).as(name).isEqualTo(Status.UP);
                    }
                });
    }
}
