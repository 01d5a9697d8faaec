package app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.spring.WechatPayBoot4HealthAutoConfiguration;
import dev.wxpay.spring.WechatPayMerchantsAutoConfiguration;
import dev.wxpay.spring.fixtures.TwoMerchants;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import java.io.IOException;
import java.nio.file.Files;
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
    static TwoMerchants merchants;

    @BeforeAll
    static void start() throws IOException {
        merchants = new TwoMerchants(Files.createTempDirectory("wxpay-boot4-merchants"));
    }

    @AfterAll
    static void stop() {
        merchants.close();
    }

    @Test
    @DisplayName("each merchant's injected PayscorePlansApi signs as that merchant, and the health has both entries UP")
    void twoMerchants() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WechatPayMerchantsAutoConfiguration.class,
                        WechatPayBoot4HealthAutoConfiguration.class))
                .withPropertyValues(merchants.merchant("alpha", TwoMerchants.ALPHA, true))
                .withPropertyValues(merchants.merchant("beta", TwoMerchants.BETA, false))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    for (SimulatedMerchant m : List.of(TwoMerchants.ALPHA, TwoMerchants.BETA)) {
                        String name = m == TwoMerchants.ALPHA ? "alpha" : "beta";
                        RecordedRequest call = merchants.createPlan(BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                                context.getBeanFactory(), PayscorePlansApi.class, name));
                        assertThat(call.mchid()).contains(m.mchid());
                        assertThat(call.signatureVerified()).isTrue();
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
