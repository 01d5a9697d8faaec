package dev.wxpay.it;

import static dev.wxpay.it.Fixtures.SUB_MCHID;
import static dev.wxpay.it.Fixtures.assertSent;
import static dev.wxpay.it.Fixtures.awkwardNo;
import static dev.wxpay.it.Fixtures.encodeSegment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerPayscorePlansApi;
import dev.wxpay.payscore.api.PartnerSignPlanServiceOrdersApi;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.SignPlanServiceOrdersApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePartnerSignPlanServiceOrderRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanResponse;
import dev.wxpay.payscore.model.CreateSignPlanServiceOrderRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanResponse;
import dev.wxpay.payscore.model.PartnerSignPlanServiceOrder;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.SignPlanServiceOrder;
import dev.wxpay.payscore.model.StopPartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.StopUserSignPlanRequest;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("User sign plans and their service orders, partner and direct, end to end in both call styles")
class UserSignPlanOperationsTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension WXPAY = WechatPaySimulatorExtension.builder()
            .simulator(b -> b.notificationRetryDelays(List.of(Duration.ZERO)).notificationTimeout(Duration.ofSeconds(1)))
            .build();

    static final String PARTNER = "/v3/payscore/sign-plan/partner/user-sign-plans";
    static final String DIRECT = "/v3/payscore/sign-plan/user-sign-plans";
    /** Notifications go nowhere in these tests; the notification flow has its own test. */
    static final String NOTIFY_URL = "http://127.0.0.1:9/notify";

    static String partnerPlanId(WechatPayClient client) {
        return new PartnerPayscorePlansApi(client).createPartnerPayscorePlan(Fixtures.partnerPlan(Fixtures.plainNo("P")))
                .getPlanId();
    }

    static String directPlanId(WechatPayClient client) {
        return new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D"))).getPlanId();
    }

    // ---- the seed: createPartnerUserSignPlan ----

    @Test
    @DisplayName("createPartnerUserSignPlan (the seed) through the API class")
    void createPartnerApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);

        CreatePartnerUserSignPlanResponse response = new PartnerUserSignPlansApi(client)
                .createPartnerUserSignPlan(request);

        assertSent(sim, "createPartnerUserSignPlan", "POST", PARTNER, request);
        assertThat(response.getPackage()).isNotBlank();
        assertUnsignedPartner(response.getSignPlan(), request, m);
    }

    @Test
    @DisplayName("createPartnerUserSignPlan (the seed) through v3().payscore().signPlan().partner().userSignPlans().post()")
    void createPartnerChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);

        ApiResponse<CreatePartnerUserSignPlanResponse> response = new Wxpay(client).v3().payscore().signPlan()
                .partner().userSignPlans().post(request);

        assertSent(sim, "createPartnerUserSignPlan", "POST", PARTNER, request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.data().getPackage()).isNotBlank();
        assertUnsignedPartner(response.data().getSignPlan(), request, m);
    }

    @Test
    @DisplayName("getPartnerUserSignPlan through the API class")
    void getPartnerApi(WechatPaySimulator sim, WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        PartnerUserSignPlansApi api = new PartnerUserSignPlansApi(client);
        PartnerUserSignPlan created = api.createPartnerUserSignPlan(request).getSignPlan();

        PartnerUserSignPlan read = api.getPartnerUserSignPlan(request.getMerchantSignPlanNo(), SUB_MCHID);

        assertSent(sim, "getPartnerUserSignPlan", "GET", PARTNER + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read).isEqualTo(created);
        assertThat(read.getSignedDetailList().get(0).getUseTime()).isEmpty();
    }

    @Test
    @DisplayName("getPartnerUserSignPlan through the Wxpay chain")
    void getPartnerChain(WechatPaySimulator sim, WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        Wxpay wxpay = new Wxpay(client);
        PartnerUserSignPlan created = wxpay.v3().payscore().signPlan().partner().userSignPlans().post(request).data()
                .getSignPlan();

        ApiResponse<PartnerUserSignPlan> read = wxpay.v3().payscore().signPlan().partner().userSignPlans()
                .merchantSignPlanNo(request.getMerchantSignPlanNo()).get(SUB_MCHID);

        assertSent(sim, "getPartnerUserSignPlan", "GET", PARTNER + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read.data()).isEqualTo(created);
    }

    @Test
    @DisplayName("stopPartnerUserSignPlan through the API class")
    void stopPartnerApi(WechatPaySimulator sim, WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        PartnerUserSignPlansApi api = new PartnerUserSignPlansApi(client);
        api.createPartnerUserSignPlan(request);
        StopPartnerUserSignPlanRequest stop = new StopPartnerUserSignPlanRequest().subMchid(SUB_MCHID)
                .stopReason("用户协商后停止");

        PartnerUserSignPlan stopped = api.stopPartnerUserSignPlan(request.getMerchantSignPlanNo(), stop);

        assertSent(sim, "stopPartnerUserSignPlan", "POST", PARTNER + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "/stop", stop);
        assertThat(stopped.getSignState()).isEqualTo("TERMINATED");
        assertThat(stopped.getCancelSignType()).isEqualTo("MERCHANT");
        assertThat(stopped.getCancelReason()).isEqualTo("用户协商后停止");
        assertThat(stopped.getCancelSignTime()).isNotNull();
    }

    @Test
    @DisplayName("stopPartnerUserSignPlan through the Wxpay chain")
    void stopPartnerChain(WechatPaySimulator sim, WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        Wxpay wxpay = new Wxpay(client);
        wxpay.v3().payscore().signPlan().partner().userSignPlans().post(request);
        StopPartnerUserSignPlanRequest stop = new StopPartnerUserSignPlanRequest().subMchid(SUB_MCHID)
                .stopReason("停止");

        ApiResponse<PartnerUserSignPlan> stopped = wxpay.v3().payscore().signPlan().partner().userSignPlans()
                .merchantSignPlanNo(request.getMerchantSignPlanNo()).stop().post(stop);

        assertSent(sim, "stopPartnerUserSignPlan", "POST", PARTNER + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "/stop", stop);
        assertThat(stopped.data().getSignState()).isEqualTo("TERMINATED");
    }

    // ---- direct ----

    @Test
    @DisplayName("createUserSignPlan through the API class")
    void createDirectApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);

        CreateUserSignPlanResponse response = new UserSignPlansApi(client).createUserSignPlan(request);

        assertSent(sim, "createUserSignPlan", "POST", DIRECT, request);
        assertUnsignedDirect(response.getSignPlan(), request, m);
        assertThat(response.getPackage()).isNotBlank();
    }

    @Test
    @DisplayName("createUserSignPlan through the Wxpay chain")
    void createDirectChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);

        ApiResponse<CreateUserSignPlanResponse> response = new Wxpay(client).v3().payscore().signPlan()
                .userSignPlans().post(request);

        assertSent(sim, "createUserSignPlan", "POST", DIRECT, request);
        assertUnsignedDirect(response.data().getSignPlan(), request, m);
    }

    @Test
    @DisplayName("getUserSignPlan through the API class")
    void getDirectApi(WechatPaySimulator sim, WechatPayClient client) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);
        UserSignPlansApi api = new UserSignPlansApi(client);
        UserSignPlan created = api.createUserSignPlan(request).getSignPlan();

        UserSignPlan read = api.getUserSignPlan(request.getMerchantSignPlanNo());

        assertSent(sim, "getUserSignPlan", "GET", DIRECT + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()), null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("getUserSignPlan through the Wxpay chain")
    void getDirectChain(WechatPaySimulator sim, WechatPayClient client) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);
        Wxpay wxpay = new Wxpay(client);
        UserSignPlan created = wxpay.v3().payscore().signPlan().userSignPlans().post(request).data().getSignPlan();

        UserSignPlan read = wxpay.v3().payscore().signPlan().userSignPlans()
                .merchantSignPlanNo(request.getMerchantSignPlanNo()).get().data();

        assertSent(sim, "getUserSignPlan", "GET", DIRECT + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()), null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("stopUserSignPlan through the API class")
    void stopDirectApi(WechatPaySimulator sim, WechatPayClient client) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);
        UserSignPlansApi api = new UserSignPlansApi(client);
        api.createUserSignPlan(request);
        StopUserSignPlanRequest stop = new StopUserSignPlanRequest().stopReason("用户协商后停止");

        UserSignPlan stopped = api.stopUserSignPlan(request.getMerchantSignPlanNo(), stop);

        assertSent(sim, "stopUserSignPlan", "POST", DIRECT + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "/stop", stop);
        assertThat(stopped.getSignState()).isEqualTo("TERMINATED");
        assertThat(stopped.getSignedDetailList().get(0).getPlanDetailState()).isEqualTo("SIGN_PLAN_CANCELED");
    }

    @Test
    @DisplayName("stopUserSignPlan through the Wxpay chain")
    void stopDirectChain(WechatPaySimulator sim, WechatPayClient client) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);
        Wxpay wxpay = new Wxpay(client);
        wxpay.v3().payscore().signPlan().userSignPlans().post(request);
        StopUserSignPlanRequest stop = new StopUserSignPlanRequest().stopReason("停止");

        ApiResponse<UserSignPlan> stopped = wxpay.v3().payscore().signPlan().userSignPlans()
                .merchantSignPlanNo(request.getMerchantSignPlanNo()).stop().post(stop);

        assertSent(sim, "stopUserSignPlan", "POST", DIRECT + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "/stop", stop);
        assertThat(stopped.data().getSignState()).isEqualTo("TERMINATED");
    }

    // ---- service orders, against a plan the simulated user signed ----

    static String signedPartnerSignPlanId(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        String id = new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(request).getSignPlan()
                .getSignPlanId();
        sim.simulateUserSign(request.getMerchantSignPlanNo());
        return id;
    }

    static String signedDirectSignPlanId(WechatPaySimulator sim, WechatPayClient client) {
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(directPlanId(client), awkwardNo("U"), NOTIFY_URL);
        String id = new UserSignPlansApi(client).createUserSignPlan(request).getSignPlan().getSignPlanId();
        sim.simulateUserSign(request.getMerchantSignPlanNo());
        return id;
    }

    @Test
    @DisplayName("createPartnerSignPlanServiceOrder through the API class")
    void partnerOrderApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) throws Exception {
        CreatePartnerSignPlanServiceOrderRequest request = Fixtures.partnerOrder(signedPartnerSignPlanId(sim, client),
                Fixtures.plainNo("O"));

        PartnerSignPlanServiceOrder order = new PartnerSignPlanServiceOrdersApi(client)
                .createPartnerSignPlanServiceOrder(request);

        assertSent(sim, "createPartnerSignPlanServiceOrder", "POST", "/v3/payscore/sign-plan/partner/serviceorder",
                request);
        assertThat(order.getOutOrderNo()).isEqualTo(request.getOutTradeNo());
        assertThat(order.getMchid()).isEqualTo(m.mchid());
        assertThat(order.getSubMchid()).isEqualTo(SUB_MCHID);
        assertThat(order.getState()).isEqualTo("CREATED");
        assertThat(order.getServiceIntroduction()).isEqualTo("瑜伽课第1节");
        assertThat(order.getTimeRange().getStartTime()).isEqualTo("20301225091010");
    }

    @Test
    @DisplayName("createPartnerSignPlanServiceOrder through the Wxpay chain")
    void partnerOrderChain(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        CreatePartnerSignPlanServiceOrderRequest request = Fixtures.partnerOrder(signedPartnerSignPlanId(sim, client),
                Fixtures.plainNo("O"));

        ApiResponse<PartnerSignPlanServiceOrder> order = new Wxpay(client).v3().payscore().signPlan().partner()
                .serviceorder().post(request);

        assertSent(sim, "createPartnerSignPlanServiceOrder", "POST", "/v3/payscore/sign-plan/partner/serviceorder",
                request);
        assertThat(order.data().getOutOrderNo()).isEqualTo(request.getOutTradeNo());
        assertThat(order.data().getOrderId()).matches("\\d{31}");
    }

    @Test
    @DisplayName("createSignPlanServiceOrder through the API class")
    void directOrderApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreateSignPlanServiceOrderRequest request = Fixtures.directOrder(signedDirectSignPlanId(sim, client),
                Fixtures.plainNo("O"));

        SignPlanServiceOrder order = new SignPlanServiceOrdersApi(client).createSignPlanServiceOrder(request);

        assertSent(sim, "createSignPlanServiceOrder", "POST", "/v3/payscore/sign-plan/serviceorder", request);
        assertThat(order.getOutOrderNo()).isEqualTo(request.getOutTradeNo());
        assertThat(order.getMchid()).isEqualTo(m.mchid());
        assertThat(order.getState()).isEqualTo("CREATED");
    }

    @Test
    @DisplayName("createSignPlanServiceOrder through the Wxpay chain")
    void directOrderChain(WechatPaySimulator sim, WechatPayClient client) throws Exception {
        CreateSignPlanServiceOrderRequest request = Fixtures.directOrder(signedDirectSignPlanId(sim, client),
                Fixtures.plainNo("O"));

        SignPlanServiceOrder order = new Wxpay(client).v3().payscore().signPlan().serviceorder().postAsync(request)
                .get(10, TimeUnit.SECONDS).data();

        assertSent(sim, "createSignPlanServiceOrder", "POST", "/v3/payscore/sign-plan/serviceorder", request);
        assertThat(order.getOutOrderNo()).isEqualTo(request.getOutTradeNo());
    }

    static void assertUnsignedPartner(PartnerUserSignPlan p, CreatePartnerUserSignPlanRequest request,
                                      SimulatedMerchant m) {
        assertThat(p.getSignPlanId()).matches("\\d{32}");
        assertThat(p.getSignState()).isEqualTo("UNSIGNED");
        assertThat(p.getMerchantSignPlanNo()).isEqualTo(request.getMerchantSignPlanNo());
        assertThat(p.getMchid()).isEqualTo(m.mchid());
        assertThat(p.getSubMchid()).isEqualTo(SUB_MCHID);
        assertThat(p.getPlanId()).isEqualTo(request.getPlanId());
        assertThat(p.getMerchantCallbackUrl()).isEqualTo(NOTIFY_URL);
        assertThat(p.getTotalOriginPrice()).isEqualTo(20000L);
        assertThat(p.getPlanOverTime()).isNotNull();
        assertThat(p.getSignTime()).isNull();
        assertThat(p.getSignedDetailList()).extracting(d -> d.getMerchantPlanDetailNo())
                .containsExactly(request.getMerchantSignPlanNo() + "-1", request.getMerchantSignPlanNo() + "-2");
    }

    static void assertUnsignedDirect(UserSignPlan p, CreateUserSignPlanRequest request, SimulatedMerchant m) {
        assertThat(p.getSignState()).isEqualTo("UNSIGNED");
        assertThat(p.getMerchantSignPlanNo()).isEqualTo(request.getMerchantSignPlanNo());
        assertThat(p.getMchid()).isEqualTo(m.mchid());
        assertThat(p.getOpenid()).isEqualTo(Fixtures.OPENID);
        assertThat(p.getSignedDetailList()).hasSize(1);
        assertThat(p.getSignedDetailList().get(0).getPlanDetailState()).isEqualTo("NOT_USED");
        assertThat(p.getSignedDetailList().get(0).getOrderId()).isEmpty();
    }
}
