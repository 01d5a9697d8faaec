package dev.wxpay.it;

import static dev.wxpay.it.Fixtures.SUB_MCHID;
import static dev.wxpay.it.Fixtures.assertSent;
import static dev.wxpay.it.Fixtures.awkwardNo;
import static dev.wxpay.it.Fixtures.encodeSegment;
import static dev.wxpay.it.UserSignPlanOperationsTest.partnerPlanId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanResponse;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.TransportException;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.Fault;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import dev.wxpay.transport.okhttp.OkHttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generated client on the optional OkHttp transport against the simulator, which checks every signature with its
 * own JDK code: the seed in both call styles, an encoded path with a query, a body-less POST, WeChat Pay errors,
 * tampered answers and timeouts. (The runtime's whole end-to-end suite also runs on OkHttp, in transport-okhttp.)
 */
@DisplayName("The generated client on OkHttpTransport against the simulator")
class OkHttpTransportTest {
    static final String NOTIFY_URL = UserSignPlanOperationsTest.NOTIFY_URL;

    @RegisterExtension
    static final WechatPaySimulatorExtension WXPAY = WechatPaySimulatorExtension.builder()
            .client(b -> b.transport(OkHttpTransport.create()).timeout(Duration.ofSeconds(5)))
            .build();

    @AfterEach
    void clearFaults(WechatPaySimulator sim) {
        sim.faults().clear();
    }

    @Test
    @DisplayName("creates the seed sign plan through the API class and the chain, signed as the simulator checks")
    void seedBothStyles(WechatPaySimulator sim, WechatPayClient client) {
        String planId = partnerPlanId(client);
        CreatePartnerUserSignPlanRequest first = Fixtures.partnerSignPlan(planId, awkwardNo("S"), NOTIFY_URL);
        CreatePartnerUserSignPlanResponse viaApi = new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(first);
        assertSent(sim, "createPartnerUserSignPlan", "POST", UserSignPlanOperationsTest.PARTNER, first);
        assertThat(viaApi.getSignPlan().getMerchantSignPlanNo()).isEqualTo(first.getMerchantSignPlanNo());

        CreatePartnerUserSignPlanRequest second = Fixtures.partnerSignPlan(planId, awkwardNo("S"), NOTIFY_URL);
        ApiResponse<CreatePartnerUserSignPlanResponse> viaChain = new Wxpay(client).v3().payscore().signPlan()
                .partner().userSignPlans().post(second);
        assertSent(sim, "createPartnerUserSignPlan", "POST", UserSignPlanOperationsTest.PARTNER, second);
        assertThat(viaChain.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId());
        assertThat(viaChain.data().getSignPlan().getSignState()).isEqualTo("UNSIGNED");
    }

    @Test
    @DisplayName("reads a sign plan by an awkward merchant number: one encoded path segment plus the sub_mchid query")
    void encodedPathAndQuery(WechatPaySimulator sim, WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = Fixtures.partnerSignPlan(partnerPlanId(client), awkwardNo("S"),
                NOTIFY_URL);
        PartnerUserSignPlansApi api = new PartnerUserSignPlansApi(client);
        PartnerUserSignPlan created = api.createPartnerUserSignPlan(request).getSignPlan();

        PartnerUserSignPlan read = api.getPartnerUserSignPlan(request.getMerchantSignPlanNo(), SUB_MCHID);

        assertSent(sim, "getPartnerUserSignPlan", "GET", UserSignPlanOperationsTest.PARTNER + "/merchant-sign-plan-no/"
                + encodeSegment(request.getMerchantSignPlanNo()) + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read).isEqualTo(created);
    }

    @Test
    @DisplayName("stops a direct plan with a POST that has no body and no Content-Type, signed over \"\"")
    void bodylessPost(WechatPaySimulator sim, WechatPayClient client) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(awkwardNo("D"));
        PayscorePlansApi api = new PayscorePlansApi(client);
        api.createPayscorePlan(request);

        assertThat(api.stopPayscorePlan(request.getMerchantPlanNo()).getPlanState()).isEqualTo("TERMINATED");
        assertSent(sim, "stopPayscorePlan", "POST", PayscorePlanOperationsTest.DIRECT + "/merchant-plan-no/"
                + encodeSegment(request.getMerchantPlanNo()) + "/stop", null);
    }

    @Test
    @DisplayName("maps WeChat Pay's 404 into ServiceException with code and request id")
    void serviceError(WechatPaySimulator sim, WechatPayClient client) {
        assertThatThrownBy(() -> new PayscorePlansApi(client).getPayscorePlan(awkwardNo("missing")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
                    assertThat(e.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId());
                });
    }

    @Test
    @DisplayName("refuses a tampered answer, and times out on a slow one as a TransportException marked as timeout")
    void tamperedAndSlowAnswers(WechatPaySimulator sim, WechatPayClient client) {
        sim.faults().forNextCalls(1, Fault.tamperedBody());
        assertThatThrownBy(() -> partnerPlanId(client)).isInstanceOf(VerificationException.class);

        WechatPayClient impatient = Fixtures.clientFor(sim).transport(OkHttpTransport.create())
                .timeout(Duration.ofMillis(300)).build();
        sim.faults().forNextCalls(1, Fault.delay(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> partnerPlanId(impatient))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue());
    }
}
