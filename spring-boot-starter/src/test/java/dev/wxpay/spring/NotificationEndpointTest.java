package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.runtime.Notification;
import dev.wxpay.spring.fixtures.StarterProperties;
import dev.wxpay.spring.fixtures.TestPem;
import dev.wxpay.testkit.NotificationDelivery;
import dev.wxpay.testkit.WechatPaySimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = NotificationEndpointTest.App.class,
        properties = "server.address=127.0.0.1")
@DisplayName("A Spring Boot application configured only by wxpay.* answers the simulator's notifications")
class NotificationEndpointTest {
    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025";
    static final KeyPair PLATFORM = TestPem.rsa();
    static final WechatPaySimulator SIM = WechatPaySimulator.builder().platformKey(PLATFORM, PUBLIC_KEY_ID)
            .notificationRetryDelays(List.of(Duration.ZERO)).start();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final BlockingQueue<Notification<UserSignPlan>> HANDLED = new LinkedBlockingQueue<>();

    @LocalServerPort
    int port;

    @Autowired
    PayscorePlansApi plans;

    @Autowired
    UserSignPlansApi signPlans;

    @Autowired
    MeterRegistry meters;

    long observed(String eventType, String outcome) {
        Timer timer = meters.find(WechatPayNotifications.OBSERVATION).tag("event.type", eventType)
                .tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @DynamicPropertySource
    static void wxpay(DynamicPropertyRegistry registry) throws Exception {
        StarterProperties.firstMerchant(SIM, Files.createTempDirectory("wxpay-starter-test"))
                .forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void clear() {
        HANDLED.clear();
    }

    /** The documented controller: the raw body as bytes, the headers as received. */
    @SpringBootApplication
    @Import(TestMetrics.class)
    @RestController
    static class App {
        private final WechatPayNotifications notifications;

        App(WechatPayNotifications notifications) {
            this.notifications = notifications;
        }

        @PostMapping("/wxpay/notify/sign-plan")
        ResponseEntity<?> signPlan(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
            return notifications.handle(headers, body, UserSignPlan.class, HANDLED::add);
        }

        @PostMapping("/wxpay/notify/failing")
        ResponseEntity<?> failing(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
            return notifications.handle(headers, body, UserSignPlan.class, n -> {
                throw new IllegalStateException("the database is down");
            });
        }
    }

    String signPlan(String path) {
        String planId = plans.createPayscorePlan(new CreatePayscorePlanRequest()
                .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787").planName("瑜伽课1节")
                .planDuration(30).deductionQuantity(1).totalOriginalPrice(10000L).totalActualPrice(9000L)
                .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                        .planDetailName("第1节课")))
                .merchantPlanNo("P" + System.nanoTime())).getPlanId();
        String no = "S" + System.nanoTime();
        signPlans.createUserSignPlan(new CreateUserSignPlanRequest()
                .serviceId("2002000000000558128851361561536").planId(planId).appid("wxd678efh567hg6787")
                .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").merchantSignPlanNo(no)
                .notifyUrl("http://127.0.0.1:" + port + path)
                .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(1).merchantPlanDetailNo(no + "-1"))));
        return no;
    }

    @Test
    @DisplayName("PAYSCORE.USER_SIGN_PLAN reaches the handler typed and verified, and WeChat Pay gets 204")
    void signNotificationIsHandled() throws Exception {
        String no = signPlan("/wxpay/notify/sign-plan");

        NotificationDelivery delivery = SIM.simulateUserSign(no);
        delivery.completion().get(60, TimeUnit.SECONDS);

        assertThat(delivery.attempts()).first().satisfies(a -> assertThat(a.status()).isEqualTo(204));
        Notification<UserSignPlan> n = HANDLED.poll(10, TimeUnit.SECONDS);
        assertThat(n).isNotNull();
        assertThat(n.eventType()).isEqualTo("PAYSCORE.USER_SIGN_PLAN");
        assertThat(n.id()).isEqualTo(delivery.notificationId());
        assertThat(n.resource().getMerchantSignPlanNo()).isEqualTo(no);
        assertThat(n.resource().getSignState()).isEqualTo("SIGNED");
        assertThat(observed("PAYSCORE.USER_SIGN_PLAN", "HANDLED")).isPositive();
    }

    @Test
    @DisplayName("a tampered notification gets 400 with the FAIL body and never reaches the handler")
    void tamperedNotificationIsRefused() throws Exception {
        String no = signPlan("/wxpay/notify/failing");
        NotificationDelivery delivery = SIM.simulateUserSign(no);
        delivery.completion().get(60, TimeUnit.SECONDS);
        String original = delivery.lastBody();
        HANDLED.clear();

        // Signed correctly over the original body, as WeChat Pay would; then one field changes on the way.
        String tampered = original.replace("\"PAYSCORE.USER_SIGN_PLAN\"", "\"PAYSCORE.USER_CANCEL_SIGN_PLAN\"");
        assertThat(tampered).isNotEqualTo(original);
        HttpResponse<String> refused = post("/wxpay/notify/sign-plan", original, tampered);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"code\":\"FAIL\"").contains("signature");
        assertThat(HANDLED).isEmpty();
        assertThat(observed("unknown", "REJECTED")).isEqualTo(1);

        // The same headers over the untampered body are accepted, so the 400 came from the change alone.
        HttpResponse<String> accepted = post("/wxpay/notify/sign-plan", original, original);
        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(HANDLED.poll(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    @DisplayName("an exception from the handler is answered 500 so that WeChat Pay delivers the notification again")
    void handlerFailureIsRetried() throws Exception {
        String no = signPlan("/wxpay/notify/failing");
        NotificationDelivery delivery = SIM.simulateUserSign(no);
        delivery.completion().get(60, TimeUnit.SECONDS);

        assertThat(delivery.succeeded()).isFalse();
        assertThat(delivery.attempts()).isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(500));
        assertThat(observed("PAYSCORE.USER_SIGN_PLAN", "HANDLER_FAILED")).isGreaterThanOrEqualTo(
                delivery.attempts().size());
    }

    HttpResponse<String> post(String path, String signedBody, String sentBody) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] nonceBytes = new byte[16];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(PLATFORM.getPrivate());
        rsa.update((timestamp + "\n" + nonce + "\n" + signedBody + "\n").getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(rsa.sign());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Wechatpay-Timestamp", timestamp).header("Wechatpay-Nonce", nonce)
                .header("Wechatpay-Signature", signature).header("Wechatpay-Serial", PUBLIC_KEY_ID)
                .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                .POST(HttpRequest.BodyPublishers.ofString(sentBody, StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
