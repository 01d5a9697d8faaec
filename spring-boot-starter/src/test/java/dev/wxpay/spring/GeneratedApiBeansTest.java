package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.fixtures.TwoMerchants;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@DisplayName("Every generated API class and chain root listed in a client index is a bean, per merchant")
class GeneratedApiBeansTest {
    static final SimulatedMerchant ALPHA = TwoMerchants.ALPHA;
    static final SimulatedMerchant BETA = TwoMerchants.BETA;
    static TwoMerchants merchants;
    static final List<String> PAYSCORE_APIS = List.of("PartnerPayscorePlansApi", "PartnerSignPlanServiceOrdersApi",
            "PartnerUserSignPlansApi", "PayscorePlansApi", "SignPlanServiceOrdersApi", "UserSignPlansApi");
    static WechatPaySimulator sim;

    @TempDir
    static Path dir;

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            WechatPayMerchantsAutoConfiguration.class, WechatPayAutoConfiguration.class,
            WechatPayNotificationsAutoConfiguration.class));

    @BeforeAll
    static void start() {
        merchants = new TwoMerchants(dir);
        sim = merchants.sim();
    }

    @AfterAll
    static void stop() {
        merchants.close();
    }

    static String[] single(SimulatedMerchant m, String keyFile) {
        return merchants.single(m, keyFile);
    }

    static String[] named(String name, SimulatedMerchant m, boolean primary) {
        return merchants.merchant(name, m, primary);
    }

    static RecordedRequest createPlan(PayscorePlansApi api) {
        return merchants.createPlan(api);
    }

    @Test
    @DisplayName("one merchant: each of the six PayScore API classes and the Wxpay chain root is injectable and calls with the starter's client")
    void singleMerchant() {
        runner.withPropertyValues(single(ALPHA, "alpha_key.pem")).run(context -> {
            assertThat(context).hasNotFailed();
            for (String api : PAYSCORE_APIS) {
                assertThat(context).as(api).hasSingleBean(Class.forName("dev.wxpay.payscore.api." + api));
            }
            // The payments client jar carries its own index: its chain root Wxpay sits beside PayScore's.
            assertThat(context).hasSingleBean(Wxpay.class).hasSingleBean(dev.wxpay.payments.Wxpay.class)
                    .hasSingleBean(dev.wxpay.payments.api.JsapiApi.class)
                    .hasSingleBean(dev.wxpay.payments.api.RefundsApi.class);
            assertThat(context).hasBean("dev.wxpay.payscore.api.PartnerUserSignPlansApi");

            RecordedRequest call = createPlan(context.getBean(PayscorePlansApi.class));
            assertThat(call.mchid()).contains(ALPHA.mchid());
            assertThat(call.signatureVerified()).isTrue();
            assertThat(call.status()).isEqualTo(200);
            String planId = context.getBean(Wxpay.class).v3().payscore().plan().payscorePlans()
                    .post(new CreatePayscorePlanRequest().serviceId("2002000000000558128851361561536")
                            .appid("wxd678efh567hg6787").planName("瑜伽课2节").planDuration(30).deductionQuantity(2)
                            .totalOriginalPrice(20000L).totalActualPrice(18000L)
                            .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                                    .planDetailName("第1节课"), new CreatePlanDetail().originalPrice(10000L)
                                    .actualPrice(9000L).planDetailName("第2节课")))
                            .merchantPlanNo("P" + System.nanoTime())).data().getPlanId();
            assertThat(planId).isNotBlank();
            assertThat(sim.lastRequest().orElseThrow().mchid()).contains(ALPHA.mchid());
        });
    }

    @Test
    @DisplayName("several merchants: each API class once per merchant, qualified by its name, the primary one unqualified, never crossing")
    void severalMerchants() {
        runner.withPropertyValues(named("alpha", ALPHA, false)).withPropertyValues(named("beta", BETA, true))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBeans(PartnerUserSignPlansApi.class).containsOnlyKeys(
                            "alpha:dev.wxpay.payscore.api.PartnerUserSignPlansApi",
                            "beta:dev.wxpay.payscore.api.PartnerUserSignPlansApi");
                    assertThat(context).getBeans(Wxpay.class).hasSize(2);
                    PayscorePlansApi alpha = BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                            context.getBeanFactory(), PayscorePlansApi.class, "alpha");
                    PayscorePlansApi beta = BeanFactoryAnnotationUtils.qualifiedBeanOfType(
                            context.getBeanFactory(), PayscorePlansApi.class, "beta");
                    assertThat(context.getBean(PayscorePlansApi.class)).isSameAs(beta);

                    RecordedRequest fromAlpha = createPlan(alpha);
                    assertThat(fromAlpha.mchid()).contains(ALPHA.mchid());
                    assertThat(fromAlpha.signatureVerified()).isTrue();
                    RecordedRequest fromBeta = createPlan(beta);
                    assertThat(fromBeta.mchid()).contains(BETA.mchid());
                    assertThat(fromBeta.signatureVerified()).isTrue();
                });
    }

    /** The application's own API bean, built with its own client. */
    @Configuration(proxyBeanMethods = false)
    static class OwnApi {
        @Bean
        UserSignPlansApi mySignPlans(WechatPayClient client) {
            return new UserSignPlansApi(client);
        }
    }

    @Test
    @DisplayName("an API class the application defines a bean of itself is not registered again, for any merchant")
    void userBeanWins() {
        runner.withUserConfiguration(OwnApi.class).withPropertyValues(single(ALPHA, "alpha_key.pem")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBeans(UserSignPlansApi.class).containsOnlyKeys("mySignPlans");
            assertThat(context).hasSingleBean(PayscorePlansApi.class);
        });
        runner.withUserConfiguration(OwnApi.class).withPropertyValues(named("alpha", ALPHA, true))
                .withPropertyValues(named("beta", BETA, false)).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBeans(UserSignPlansApi.class).containsOnlyKeys("mySignPlans");
                    assertThat(context).getBeans(PayscorePlansApi.class).hasSize(2);
                });
    }

    static URLClassLoader withIndex(String name, String text) throws IOException {
        Path root = Files.createTempDirectory(dir, "index");
        Path index = root.resolve("META-INF/wxpay/clients/" + name);
        Files.createDirectories(index.getParent());
        Files.writeString(index, text, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {toUrl(root)}, GeneratedApiBeansTest.class.getClassLoader());
    }

    static URL toUrl(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }

    @Test
    @DisplayName("an index of an unknown format stops the application, naming the index and the format read")
    void unknownFormatIsRefused() throws IOException {
        runner.withClassLoader(withIndex("com.example.future.properties",
                        "format=2\ncom.example.future.Wxpay=chain-root\n"))
                .withPropertyValues(single(ALPHA, "alpha_key.pem")).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("com.example.future.properties")
                            .hasStackTraceContaining("has format 2; this wxpay-spring-boot-starter reads format 1");
                });
    }

    @Test
    @DisplayName("an index listing a class that is not on the class path stops the application, naming class and index")
    void staleIndexIsRefused() throws IOException {
        runner.withClassLoader(withIndex("com.example.gone.properties", "format=1\npackage=com.example.gone\n"
                        + "com.example.gone.api.GoneApi=api\n"))
                .withPropertyValues(single(ALPHA, "alpha_key.pem")).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ClassNotFoundException.class);
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("com.example.gone.properties")
                            .hasStackTraceContaining("lists com.example.gone.api.GoneApi, which is not on the class path");
                });
    }
}
