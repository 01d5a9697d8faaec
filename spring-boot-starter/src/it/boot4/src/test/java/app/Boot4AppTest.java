package app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.WechatPayBoot4HealthIndicator;
import dev.wxpay.spring.fixtures.StarterProperties;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = Boot4AppTest.App.class)
@DisplayName("On Spring Boot 4 the starter configures the client, the injected API classes and the wxpay health")
class Boot4AppTest {
    static final WechatPaySimulator SIM = WechatPaySimulator.builder().start();

    @SpringBootApplication
    static class App {
    }

    @Autowired
    PayscorePlansApi plans;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void wxpay(DynamicPropertyRegistry registry) throws IOException {
        StarterProperties.firstMerchant(SIM, Files.createTempDirectory("wxpay-boot4"))
                .forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    @DisplayName("this is Spring Boot 4.0")
    void bootFour() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    }

    @Test
    @DisplayName("a PayScore call through the injected API class is signed with the merchant's key and verified")
    void injectedApiCall() {
        String planId = plans.createPayscorePlan(new CreatePayscorePlanRequest()
                .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787").planName("瑜伽课1节")
                .planDuration(30).deductionQuantity(1).totalOriginalPrice(10000L).totalActualPrice(9000L)
                .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                        .planDetailName("第1节课")))
                .merchantPlanNo("P" + System.nanoTime())).getPlanId();
        assertThat(planId).isNotBlank();
        RecordedRequest call = SIM.lastRequest().orElseThrow();
        assertThat(call.mchid()).contains(context.getBean(WechatPayClient.class).merchantId());
        assertThat(call.signatureVerified()).isTrue();
        assertThat(call.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the wxpay health is Boot 4's kind of indicator and UP with the trusted public key id")
    void health() {
        HealthIndicator wxpay = context.getBean("wxpayHealthIndicator", HealthIndicator.class);
        assertThat(wxpay).isInstanceOf(WechatPayBoot4HealthIndicator.class);
        assertThat(wxpay.health().getStatus()).isEqualTo(Status.UP);
        assertThat(wxpay.health().getDetails()).containsEntry("publicKeyId", SIM.publicKeyId());
    }
}
