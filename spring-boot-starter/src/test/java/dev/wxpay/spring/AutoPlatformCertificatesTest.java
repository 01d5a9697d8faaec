package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.PlatformCertificates;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.fixtures.TestPem;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("wxpay.auto-platform-certificates downloads WeChat Pay's platform certificates at startup and trusts them")
class AutoPlatformCertificatesTest {
    static final SimulatedMerchant MERCHANT = SimulatedMerchant.generate("1900000109", new SecureRandom());
    static WechatPaySimulator sim;
    static WechatPaySimulator publicKeyOnly;

    @TempDir
    static Path dir;

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            WechatPayAutoConfiguration.class, WechatPayNotificationsAutoConfiguration.class,
            WechatPayHealthAutoConfiguration.class));

    @BeforeAll
    static void start() {
        sim = WechatPaySimulator.builder().merchant(MERCHANT).start();
        publicKeyOnly = WechatPaySimulator.builder().merchant(MERCHANT).publicKeyOnly(true).start();
        TestPem.write(dir, "apiclient_key.pem", MERCHANT.privateKeyPem().orElseThrow());
    }

    @AfterAll
    static void stop() {
        sim.close();
        publicKeyOnly.close();
    }

    /** No public key and no certificate files: the download is the only trusted WeChat Pay key. */
    static String[] auto(WechatPaySimulator simulator) {
        return new String[] {
            "wxpay.merchant-id=" + MERCHANT.mchid(),
            "wxpay.merchant-serial-number=" + MERCHANT.certificateSerialNo(),
            "wxpay.private-key=file:" + dir.resolve("apiclient_key.pem"),
            "wxpay.auto-platform-certificates=true",
            "wxpay.api-v3-key=" + MERCHANT.apiV3Key(),
            "wxpay.base-uri=" + simulator.baseUri(),
        };
    }

    @Test
    @DisplayName("the client trusts the downloaded certificate, verifies a PayScore answer with it, and the parser and health share the set")
    void downloadsAndTrusts() {
        runner.withPropertyValues(auto(sim)).run(context -> {
            assertThat(context).hasNotFailed();
            WechatPayClient client = context.getBean(WechatPayClient.class);
            PlatformCertificates certificates = client.platformCertificates().orElseThrow();
            assertThat(certificates.serials()).isNotEmpty();
            assertThat(sim.requests()).anyMatch(r -> r.path().startsWith("/v3/certificates"));

            new PayscorePlansApi(client).createPayscorePlan(new CreatePayscorePlanRequest()
                    .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787").planName("瑜伽课1节")
                    .planDuration(30).deductionQuantity(1).totalOriginalPrice(10000L).totalActualPrice(9000L)
                    .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                            .planDetailName("第1节课")))
                    .merchantPlanNo("P" + System.nanoTime()));
            RecordedRequest call = sim.lastRequest().orElseThrow();
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.signatureVerified()).isTrue();

            assertThat(context).hasSingleBean(NotificationParser.class);
            Health health = context.getBean(WechatPayHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).doesNotContainKey("publicKeyId")
                    .containsKey("daysUntilNearestCertificateExpiry");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) health.getDetails()
                    .get("platformCertificates");
            assertThat(listed).extracting(c -> c.get("serialNumber")).containsExactlyInAnyOrderElementsOf(
                    certificates.serials());
        });
    }

    @Test
    @DisplayName("without wxpay.api-v3-key the application does not start, and the report names that property")
    void needsTheApiV3Key() {
        runner.withPropertyValues(auto(sim)).withPropertyValues("wxpay.api-v3-key=").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis a = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(a).isNotNull();
            assertThat(a.getDescription()).contains("Property: wxpay.api-v3-key")
                    .contains("no value, but wxpay.auto-platform-certificates is true");
            assertThat(a.getAction()).contains("encrypts the downloaded platform certificates");
        });
    }

    @Test
    @DisplayName("a merchant in public-key mode (no certificates to download) gets a report naming the property and the public key")
    void refusedDownloadIsReported() {
        runner.withPropertyValues(auto(publicKeyOnly)).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis a = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(a).isNotNull();
            assertThat(a.getDescription()).contains("Property: wxpay.auto-platform-certificates")
                    .contains("GET /v3/certificates was refused");
            assertThat(a.getAction()).contains("set wxpay.public-key-id and wxpay.public-key instead");
            assertThat(a.getDescription() + a.getAction()).doesNotContain(MERCHANT.apiV3Key());
        });
    }
}
