package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.fixtures.TestPem;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("With an ObservationRegistry every call is observed as wxpay.client.requests, without merchant numbers")
class WechatPayObservationTest {
    static WechatPaySimulator sim;

    @TempDir
    static Path dir;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WechatPayObservationAutoConfiguration.class,
                    WechatPayMerchantsAutoConfiguration.class, WechatPayAutoConfiguration.class))
            .withPropertyValues("wxpay.merchant-id=" + sim.merchant().mchid(),
                    "wxpay.merchant-serial-number=" + sim.merchant().certificateSerialNo(),
                    "wxpay.private-key=file:" + dir.resolve("apiclient_key.pem"),
                    "wxpay.public-key-id=" + sim.publicKeyId(),
                    "wxpay.public-key=file:" + dir.resolve("pub_key.pem"),
                    "wxpay.base-uri=" + sim.baseUri());

    @BeforeAll
    static void start() {
        sim = WechatPaySimulator.builder().start();
        SimulatedMerchant m = sim.merchant();
        TestPem.write(dir, "apiclient_key.pem", m.privateKeyPem().orElseThrow());
        TestPem.write(dir, "pub_key.pem", sim.platformPublicKeyPem());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    @DisplayName("a success and a WeChat Pay error are timed with operation, method, status, error code and outcome")
    void callsAreObserved() {
        runner.withUserConfiguration(TestMetrics.class).run(context -> {
            assertThat(context).hasNotFailed();
            WechatPayClient client = context.getBean(WechatPayClient.class);
            PayscorePlansApi api = new PayscorePlansApi(client);
            api.createPayscorePlan(new CreatePayscorePlanRequest().serviceId("2002000000000558128851361561536")
                    .appid("wxd678efh567hg6787").planName("瑜伽课1节").planDuration(30).deductionQuantity(1)
                    .totalOriginalPrice(10000L).totalActualPrice(9000L)
                    .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                            .planDetailName("第1节课")))
                    .merchantPlanNo("P" + System.nanoTime()));
            String createOperation = sim.lastRequest().orElseThrow().operationId().orElseThrow();
            ServiceException missing = catchThrowableOfType(ServiceException.class,
                    () -> api.getPayscorePlan("NO-SUCH-PLAN"));
            assertThat(missing).isNotNull();
            String getOperation = sim.lastRequest().orElseThrow().operationId().orElseThrow();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer created = meters.find(WechatPayObservationInterceptor.NAME).tag("operation", createOperation)
                    .timer();
            assertThat(created).isNotNull();
            assertThat(created.count()).isEqualTo(1);
            assertThat(tags(created)).contains("method=POST", "status=200", "error.code=none", "outcome=SUCCESS");

            Timer failed = meters.find(WechatPayObservationInterceptor.NAME).tag("operation", getOperation).timer();
            assertThat(failed).isNotNull();
            assertThat(tags(failed)).contains("method=GET", "status=" + missing.statusCode(),
                    "error.code=" + missing.errorCode(), "outcome=CLIENT_ERROR");

            String all = meters.getMeters().stream().map(WechatPayObservationTest::tags).collect(Collectors.joining());
            assertThat(all).doesNotContain(sim.merchant().mchid()).doesNotContain("NO-SUCH-PLAN");
        });
    }

    @Test
    @DisplayName("without an ObservationRegistry no observation interceptor is created and the client still is")
    void absentWithoutRegistry() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayObservationInterceptor.class)
                    .hasSingleBean(WechatPayClient.class);
        });
    }

    static String tags(Meter meter) {
        return meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(Collectors.toList()).toString();
    }

    static String tags(Timer timer) {
        return tags((Meter) timer);
    }
}
