package dev.wxpay.it;

import static dev.wxpay.it.Fixtures.SUB_MCHID;
import static dev.wxpay.it.Fixtures.assertSent;
import static dev.wxpay.it.Fixtures.awkwardNo;
import static dev.wxpay.it.Fixtures.encodeSegment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerPayscorePlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePartnerPayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.PartnerPayscorePlan;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.payscore.model.StopPartnerPayscorePlanRequest;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WechatPaySimulatorExtension.class)
@DisplayName("PayScore plans, partner and direct, end to end in both call styles")
class PayscorePlanOperationsTest {

    static final String PARTNER = "/v3/payscore/plan/partner/payscore-plans";
    static final String DIRECT = "/v3/payscore/plan/payscore-plans";

    // ---- partner ----

    @Test
    @DisplayName("createPartnerPayscorePlan through the API class")
    void createPartnerApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));

        PartnerPayscorePlan plan = new PartnerPayscorePlansApi(client).createPartnerPayscorePlan(request);

        assertSent(sim, "createPartnerPayscorePlan", "POST", PARTNER, request);
        assertPartnerPlan(plan, request, m, "NORMAL");
    }

    @Test
    @DisplayName("createPartnerPayscorePlan through the Wxpay chain")
    void createPartnerChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));

        ApiResponse<PartnerPayscorePlan> response = new Wxpay(client).v3().payscore().plan().partner().payscorePlans()
                .post(request);

        assertSent(sim, "createPartnerPayscorePlan", "POST", PARTNER, request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId());
        assertPartnerPlan(response.data(), request, m, "NORMAL");
    }

    @Test
    @DisplayName("getPartnerPayscorePlan through the API class: encoded path, sub_mchid query")
    void getPartnerApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));
        PartnerPayscorePlansApi api = new PartnerPayscorePlansApi(client);
        PartnerPayscorePlan created = api.createPartnerPayscorePlan(request);

        PartnerPayscorePlan read = api.getPartnerPayscorePlan(request.getMerchantPlanNo(), SUB_MCHID);

        assertSent(sim, "getPartnerPayscorePlan", "GET", PARTNER + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("getPartnerPayscorePlan through the Wxpay chain")
    void getPartnerChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));
        Wxpay wxpay = new Wxpay(client);
        PartnerPayscorePlan created = wxpay.v3().payscore().plan().partner().payscorePlans().post(request).data();

        ApiResponse<PartnerPayscorePlan> read = wxpay.v3().payscore().plan().partner().payscorePlans()
                .merchantPlanNo(request.getMerchantPlanNo()).get(SUB_MCHID);

        assertSent(sim, "getPartnerPayscorePlan", "GET", PARTNER + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read.data()).isEqualTo(created);
    }

    @Test
    @DisplayName("getPartnerPayscorePlan encodes the query value as sent and signed")
    void queryValueEncoded(WechatPaySimulator sim, WechatPayClient client) {
        String sub = "1900 0109&x=Ω";
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(Fixtures.plainNo("P")).subMchid(sub);
        PartnerPayscorePlansApi api = new PartnerPayscorePlansApi(client);
        api.createPartnerPayscorePlan(request);

        PartnerPayscorePlan read = api.getPartnerPayscorePlan(request.getMerchantPlanNo(), sub);

        assertSent(sim, "getPartnerPayscorePlan", "GET", PARTNER + "/merchant-plan-no/"
                + request.getMerchantPlanNo() + "?sub_mchid=" + encodeSegment(sub), null);
        assertThat(sim.lastRequest().orElseThrow().queryParams()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("sub_mchid=" + sub);
        assertThat(read.getSubMchid()).isEqualTo(sub);
    }

    @Test
    @DisplayName("stopPartnerPayscorePlan through the API class")
    void stopPartnerApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));
        PartnerPayscorePlansApi api = new PartnerPayscorePlansApi(client);
        api.createPartnerPayscorePlan(request);
        StopPartnerPayscorePlanRequest stop = new StopPartnerPayscorePlanRequest().subMchid(SUB_MCHID);

        PartnerPayscorePlan stopped = api.stopPartnerPayscorePlan(request.getMerchantPlanNo(), stop);

        assertSent(sim, "stopPartnerPayscorePlan", "POST", PARTNER + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "/stop", stop);
        assertPartnerPlan(stopped, request, m, "TERMINATED");
        assertThat(stopped.getStopMchid()).isEqualTo(m.mchid());
        assertThat(stopped.getStopTime().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
    }

    @Test
    @DisplayName("stopPartnerPayscorePlan through the Wxpay chain")
    void stopPartnerChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePartnerPayscorePlanRequest request = Fixtures.partnerPlan(awkwardNo("P"));
        Wxpay wxpay = new Wxpay(client);
        wxpay.v3().payscore().plan().partner().payscorePlans().post(request);
        StopPartnerPayscorePlanRequest stop = new StopPartnerPayscorePlanRequest().subMchid(SUB_MCHID);

        ApiResponse<PartnerPayscorePlan> stopped = wxpay.v3().payscore().plan().partner().payscorePlans()
                .merchantPlanNo(request.getMerchantPlanNo()).stop().post(stop);

        assertSent(sim, "stopPartnerPayscorePlan", "POST", PARTNER + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "/stop", stop);
        assertPartnerPlan(stopped.data(), request, m, "TERMINATED");
    }

    // ---- direct ----

    @Test
    @DisplayName("createPayscorePlan through the API class")
    void createDirectApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));

        PayscorePlan plan = new PayscorePlansApi(client).createPayscorePlan(request);

        assertSent(sim, "createPayscorePlan", "POST", DIRECT, request);
        assertDirectPlan(plan, request, m, "NORMAL");
    }

    @Test
    @DisplayName("createPayscorePlan through the Wxpay chain")
    void createDirectChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));

        ApiResponse<PayscorePlan> plan = new Wxpay(client).v3().payscore().plan().payscorePlans().post(request);

        assertSent(sim, "createPayscorePlan", "POST", DIRECT, request);
        assertDirectPlan(plan.data(), request, m, "NORMAL");
    }

    @Test
    @DisplayName("getPayscorePlan through the API class: no query at all")
    void getDirectApi(WechatPaySimulator sim, WechatPayClient client) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));
        PayscorePlansApi api = new PayscorePlansApi(client);
        PayscorePlan created = api.createPayscorePlan(request);

        PayscorePlan read = api.getPayscorePlan(request.getMerchantPlanNo());

        assertSent(sim, "getPayscorePlan", "GET", DIRECT + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()), null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("getPayscorePlan through the Wxpay chain")
    void getDirectChain(WechatPaySimulator sim, WechatPayClient client) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));
        Wxpay wxpay = new Wxpay(client);
        PayscorePlan created = wxpay.v3().payscore().plan().payscorePlans().post(request).data();

        PayscorePlan read = wxpay.v3().payscore().plan().payscorePlans().merchantPlanNo(request.getMerchantPlanNo())
                .get().data();

        assertSent(sim, "getPayscorePlan", "GET", DIRECT + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()), null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("stopPayscorePlan through the API class: a POST without body or Content-Type, signed over \"\"")
    void stopDirectApi(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));
        PayscorePlansApi api = new PayscorePlansApi(client);
        api.createPayscorePlan(request);

        PayscorePlan stopped = api.stopPayscorePlan(request.getMerchantPlanNo());

        assertSent(sim, "stopPayscorePlan", "POST", DIRECT + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "/stop", null);
        assertDirectPlan(stopped, request, m, "TERMINATED");
    }

    @Test
    @DisplayName("stopPayscorePlan through the Wxpay chain")
    void stopDirectChain(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant m) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));
        Wxpay wxpay = new Wxpay(client);
        wxpay.v3().payscore().plan().payscorePlans().post(request);

        ApiResponse<PayscorePlan> stopped = wxpay.v3().payscore().plan().payscorePlans()
                .merchantPlanNo(request.getMerchantPlanNo()).stop().post();

        assertSent(sim, "stopPayscorePlan", "POST", DIRECT + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "/stop", null);
        assertDirectPlan(stopped.data(), request, m, "TERMINATED");
    }

    static void assertPartnerPlan(PartnerPayscorePlan plan, CreatePartnerPayscorePlanRequest request,
                                  SimulatedMerchant m, String state) {
        assertThat(plan.getPlanId()).matches("\\d{32}");
        assertThat(plan.getMerchantPlanNo()).isEqualTo(request.getMerchantPlanNo());
        assertThat(plan.getMchid()).isEqualTo(m.mchid());
        assertThat(plan.getSubMchid()).isEqualTo(request.getSubMchid());
        assertThat(plan.getPlanState()).isEqualTo(state);
        assertThat(plan.getTotalOriginalPrice()).isEqualTo(20000L);
        assertThat(plan.getTotalActualPrice()).isEqualTo(18000L);
        assertThat(plan.getPlanDetailList()).hasSize(2);
        assertThat(plan.getPlanDetailList().get(1).getPlanDetailNo()).isEqualTo(2);
        assertThat(plan.getPlanDetailList().get(0).getPlanDiscountDescription()).isEqualTo("九折");
    }

    static void assertDirectPlan(PayscorePlan plan, CreatePayscorePlanRequest request, SimulatedMerchant m,
                                 String state) {
        assertThat(plan.getPlanId()).matches("\\d{32}");
        assertThat(plan.getMerchantPlanNo()).isEqualTo(request.getMerchantPlanNo());
        assertThat(plan.getMchid()).isEqualTo(m.mchid());
        assertThat(plan.getPlanState()).isEqualTo(state);
        assertThat(plan.getPlanDuration()).isEqualTo(30);
        assertThat(plan.getDeductionQuantity()).isEqualTo(2);
        assertThat(plan.getPlanDetailList()).extracting(d -> d.getPlanDetailName()).containsExactly("第1节课", "第2节课");
    }
}
