package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.fixtures.TwoMerchants;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Several merchants under wxpay.merchants.<name> get their own beans, qualified by name, and never cross")
class WechatPayMerchantsTest {
    static final SimulatedMerchant ALPHA = TwoMerchants.ALPHA;
    static final SimulatedMerchant BETA = TwoMerchants.BETA;
    static TwoMerchants merchants;
    static WechatPaySimulator sim;

    @TempDir
    static Path dir;

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            WechatPayMerchantsAutoConfiguration.class, WechatPayAutoConfiguration.class,
            WechatPayNotificationsAutoConfiguration.class, WechatPayHealthAutoConfiguration.class));

    @BeforeAll
    static void start() {
        merchants = new TwoMerchants(dir);
        sim = merchants.sim();
    }

    @AfterAll
    static void stop() {
        merchants.close();
    }

    static String[] merchant(String name, SimulatedMerchant m, boolean primary) {
        return merchants.merchant(name, m, primary);
    }

    static RecordedRequest createPlan(WechatPayClient client) {
        return merchants.createPlan(new PayscorePlansApi(client));
    }

    @Test
    @DisplayName("each merchant's client signs with its own key, and the primary one is injected without a qualifier")
    void twoMerchantsNeverCross() {
        runner.withPropertyValues(merchant("alpha", ALPHA, true)).withPropertyValues(merchant("beta", BETA, false))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WechatPayClient alpha = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                            WechatPayClient.class, "alpha");
                    WechatPayClient beta = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
                            WechatPayClient.class, "beta");
                    assertThat(alpha.merchantId()).isEqualTo(ALPHA.mchid());
                    assertThat(beta.merchantId()).isEqualTo(BETA.mchid());
                    assertThat(context.getBean(WechatPayClient.class)).isSameAs(alpha);
                    assertThat(context).getBeans(NotificationParser.class)
                            .containsOnlyKeys("alphaNotificationParser", "betaNotificationParser");
                    assertThat(context).getBeans(WechatPayNotifications.class)
                            .containsOnlyKeys("alphaWechatPayNotifications", "betaWechatPayNotifications");

                    RecordedRequest fromBeta = createPlan(beta);
                    assertThat(fromBeta.mchid()).contains(BETA.mchid());
                    assertThat(fromBeta.signatureVerified()).isTrue();
                    assertThat(fromBeta.status()).isEqualTo(200);
                    RecordedRequest fromAlpha = createPlan(alpha);
                    assertThat(fromAlpha.mchid()).contains(ALPHA.mchid());
                    assertThat(fromAlpha.signatureVerified()).isTrue();
                    assertThat(fromAlpha.status()).isEqualTo(200);
                });
    }

    @Test
    @DisplayName("the wxpay health has one entry per merchant, each UP with its trusted key id")
    void healthPerMerchant() {
        runner.withPropertyValues(merchant("alpha", ALPHA, true)).withPropertyValues(merchant("beta", BETA, false))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("wxpayHealthIndicator");
                    CompositeHealthContributor wxpay = context.getBean("wxpayHealthContributor",
                            CompositeHealthContributor.class);
                    for (String name : List.of("alpha", "beta")) {
                        Health health = ((HealthIndicator) wxpay.getContributor(name)).health();
                        assertThat(health.getStatus()).as(name).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("publicKeyId", sim.publicKeyId());
                    }
                    assertThat(wxpay.getContributor("gamma")).isNull();
                });
    }

    @Test
    @DisplayName("a named merchant's key error names its own property")
    void errorsNameTheMerchantsProperty() {
        runner.withPropertyValues(merchant("alpha", ALPHA, true))
                .withPropertyValues("wxpay.merchants.alpha.private-key=file:" + dir.resolve("pub_key.pem"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis a = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(a).isNotNull();
                    assertThat(a.getDescription()).contains("Property: wxpay.merchants.alpha.private-key")
                            .contains("found a public key");
                });
    }

    @Test
    @DisplayName("two primary merchants are refused, naming both")
    void twoPrimariesAreRefused() {
        runner.withPropertyValues(merchant("alpha", ALPHA, true)).withPropertyValues(merchant("beta", BETA, true))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis a = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(a).isNotNull();
                    assertThat(a.getDescription()).contains("wxpay.merchants.*.primary").contains("alpha, beta");
                });
    }

    @Test
    @DisplayName("wxpay.merchant-id beside wxpay.merchants is refused rather than silently ignored")
    void bothStylesAreRefused() {
        runner.withPropertyValues(merchant("alpha", ALPHA, true)).withPropertyValues("wxpay.merchant-id=1900000109")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis a = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(a).isNotNull();
                    assertThat(a.getDescription()).contains("Property: wxpay.merchant-id")
                            .contains("set together with wxpay.merchants (alpha)");
                });
    }
}
