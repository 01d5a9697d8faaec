package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PartnerPayscorePlansApi;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.payscore.notification.PayscoreNotifications;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.NotificationDelivery;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Sign and cancel notifications reach the merchant's handler as typed sign plans")
class NotificationFlowTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension WXPAY = WechatPaySimulatorExtension.builder()
            .simulator(b -> b.notificationRetryDelays(List.of(Duration.ZERO)))
            .build();

    static SignPlanNotifyEndpoint endpoint;

    @BeforeAll
    static void start(NotificationParser parser) {
        endpoint = new SignPlanNotifyEndpoint(parser);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    static String partnerSignPlan(WechatPayClient client) {
        String planId = new PartnerPayscorePlansApi(client)
                .createPartnerPayscorePlan(Fixtures.partnerPlan(Fixtures.plainNo("P"))).getPlanId();
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(planId, Fixtures.awkwardNo("S"),
                endpoint.url("partner"));
        new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(request);
        return request.getMerchantSignPlanNo();
    }

    static String directSignPlan(WechatPayClient client) {
        String planId = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")))
                .getPlanId();
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, Fixtures.awkwardNo("U"),
                endpoint.url("direct"));
        new UserSignPlansApi(client).createUserSignPlan(request);
        return request.getMerchantSignPlanNo();
    }

    @Test
    @DisplayName("partner mode: PAYSCORE.USER_SIGN_PLAN arrives verified, decrypted and typed, and is acknowledged")
    void partnerSign(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        String no = partnerSignPlan(client);

        NotificationDelivery delivery = sim.simulateUserSign(no);
        Notification<PartnerUserSignPlan> n = SignPlanNotifyEndpoint.next(endpoint.partner);

        assertThat(n.eventType()).isEqualTo(PayscoreNotifications.PAYSCORE_USER_SIGN_PLAN);
        assertThat(n.id()).isEqualTo(delivery.notificationId());
        assertThat(n.resource().getMerchantSignPlanNo()).isEqualTo(no);
        assertThat(n.resource().getSignState()).isEqualTo("SIGNED");
        assertThat(n.resource().getSignTime()).isNotNull();
        assertThat(n.resource().getSubMchid()).isEqualTo(Fixtures.SUB_MCHID);
        assertThat(n.plaintext()).isEqualTo(delivery.resourcePlaintext());
        assertThat(delivery.completion().get(10, TimeUnit.SECONDS).attempts())
                .extracting(NotificationDelivery.Attempt::status).containsExactly(204);
    }

    @Test
    @DisplayName("partner mode: PAYSCORE.USER_CANCEL_SIGN_PLAN carries the TERMINATED plan and the user's reason")
    void partnerCancel(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        String no = partnerSignPlan(client);
        sim.simulateUserSign(no);
        SignPlanNotifyEndpoint.next(endpoint.partner);

        NotificationDelivery delivery = sim.simulateUserCancel(no, "课程不合适");
        Notification<PartnerUserSignPlan> n = SignPlanNotifyEndpoint.next(endpoint.partner);

        assertThat(n.eventType()).isEqualTo(PayscoreNotifications.PAYSCORE_USER_CANCEL_SIGN_PLAN);
        assertThat(n.resource().getSignState()).isEqualTo("TERMINATED");
        assertThat(n.resource().getCancelSignType()).isEqualTo("USER");
        assertThat(n.resource().getCancelReason()).isEqualTo("课程不合适");
        assertThat(n.resource().getCancelSignTime()).isNotNull();
        assertThat(delivery.completion().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    }

    @Test
    @DisplayName("direct mode: PAYSCORE.USER_SIGN_PLAN arrives as a typed UserSignPlan")
    void directSign(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        String no = directSignPlan(client);

        sim.simulateUserSign(no);
        Notification<UserSignPlan> n = SignPlanNotifyEndpoint.next(endpoint.direct);

        assertThat(n.eventType()).isEqualTo(PayscoreNotifications.PAYSCORE_USER_SIGN_PLAN);
        assertThat(n.resource().getMerchantSignPlanNo()).isEqualTo(no);
        assertThat(n.resource().getSignState()).isEqualTo("SIGNED");
        assertThat(n.resource().getSignTime().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
    }

    @Test
    @DisplayName("direct mode: PAYSCORE.USER_CANCEL_SIGN_PLAN arrives as a typed UserSignPlan")
    void directCancel(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        String no = directSignPlan(client);

        sim.simulateUserCancel(no);
        Notification<UserSignPlan> n = SignPlanNotifyEndpoint.next(endpoint.direct);

        assertThat(n.eventType()).isEqualTo(PayscoreNotifications.PAYSCORE_USER_CANCEL_SIGN_PLAN);
        assertThat(n.resource().getSignState()).isEqualTo("TERMINATED");
        assertThat(n.resource().getCancelSignType()).isEqualTo("USER");
        assertThat(new UserSignPlansApi(client).getUserSignPlan(no).getSignState()).isEqualTo("TERMINATED");
    }

    @Test
    @DisplayName("a handler that cannot decrypt answers 4xx FAIL, and the simulator retries, then gives up")
    void failureAnswerMakesWechatPayRetry(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        NotificationParser wrongKey = NotificationParser.builder()
                .wechatPayPublicKey(sim.publicKeyId(), sim.platformPublicKey())
                .apiV3Key("0123456789abcdef0123456789abcdef").build();
        try (SignPlanNotifyEndpoint misconfigured = new SignPlanNotifyEndpoint(wrongKey)) {
            String planId = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")))
                    .getPlanId();
            CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, Fixtures.plainNo("U"),
                    misconfigured.url("direct"));
            new UserSignPlansApi(client).createUserSignPlan(request);

            NotificationDelivery delivery = sim.simulateUserSign(request.getMerchantSignPlanNo())
                    .completion().get(10, TimeUnit.SECONDS);

            assertThat(delivery.succeeded()).isFalse();
            assertThat(delivery.attempts()).extracting(NotificationDelivery.Attempt::status).containsExactly(400, 400);
            assertThat(SignPlanNotifyEndpoint.next(misconfigured.answers).body()).contains("\"code\":\"FAIL\"");
            assertThat(misconfigured.direct).isEmpty();
        }
    }
}
