package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.RequestValidationException;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.TransportException;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.Fault;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WechatPaySimulatorExtension.class)
@DisplayName("WeChat Pay's errors and transport faults reach the caller as the runtime's exceptions")
class ErrorHandlingTest {

    @AfterEach
    void clearFaults(WechatPaySimulator sim) {
        sim.faults().clear();
    }

    static WechatPayClient.Builder clientFor(WechatPaySimulator sim, SimulatedMerchant m) {
        return WechatPayClient.builder().baseUri(sim.baseUri()).merchantId(m.mchid())
                .merchantSerialNumber(m.certificateSerialNo()).merchantPrivateKey(m.privateKey().orElseThrow())
                .wechatPayPublicKey(sim.publicKeyId(), sim.platformPublicKey());
    }

    @Test
    @DisplayName("a server-side PARAM_ERROR becomes a ServiceException naming the field, with the Request-ID")
    void paramError(WechatPaySimulator sim, WechatPayClient client) {
        String planId = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")))
                .getPlanId();
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, Fixtures.plainNo("U"), "http://127.0.0.1:9/n")
                .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(7).merchantPlanDetailNo("x")));

        assertThatThrownBy(() -> new UserSignPlansApi(client).createUserSignPlan(request))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("sign_plan_detail[0].plan_detail_no");
                    assertThat(e.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId());
                });
    }

    @Test
    @DisplayName("a body missing a required field, sent past the generated checks, gets PARAM_ERROR from the server")
    void serverSideRequired(WechatPayClient client) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(
                Fixtures.JSON.convertValue(Fixtures.directPlan(Fixtures.plainNo("D")), Map.class));
        body.remove("plan_name");
        ApiRequest raw = ApiRequest.builder("POST", "/v3/payscore/plan/payscore-plans").body(body).build();

        assertThatThrownBy(() -> client.execute(raw, Void.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("plan_name");
                });
    }

    @Test
    @DisplayName("the generated client refuses a missing required field before sending anything")
    void clientSideRequired(WechatPaySimulator sim, WechatPayClient client) {
        int before = sim.requests().size();
        CreatePayscorePlanRequest request = Fixtures.directPlan(Fixtures.plainNo("D")).merchantPlanNo(null);

        assertThatThrownBy(() -> new Wxpay(client).v3().payscore().plan().payscorePlans().post(request))
                .isInstanceOfSatisfying(RequestValidationException.class,
                        e -> assertThat(e.violations()).contains("merchant_plan_no is required"));
        assertThat(sim.requests()).hasSize(before);
    }

    @Test
    @DisplayName("duplicates and unknown numbers come back as ServiceExceptions with WeChat-style codes")
    void duplicateAndUnknown(WechatPayClient client) {
        CreatePayscorePlanRequest request = Fixtures.directPlan(Fixtures.plainNo("D"));
        PayscorePlansApi api = new PayscorePlansApi(client);
        api.createPayscorePlan(request);

        assertThatThrownBy(() -> api.createPayscorePlan(request))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_REQUEST"));
        assertThatThrownBy(() -> new PartnerUserSignPlansApi(client).getPartnerUserSignPlan("nope", Fixtures.SUB_MCHID))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("RESOURCE_NOT_EXISTS");
                });
    }

    @Test
    @DisplayName("a request signed with a key WeChat Pay does not know gets SIGN_ERROR")
    void signError(WechatPaySimulator sim, SimulatedMerchant m) {
        SimulatedMerchant impostor = SimulatedMerchant.generate(m.mchid(), new SecureRandom());
        WechatPayClient client = clientFor(sim, m).merchantPrivateKey(impostor.privateKey().orElseThrow()).build();

        assertThatThrownBy(() -> new PayscorePlansApi(client).getPayscorePlan("whatever"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("SIGN_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("signature");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("a client whose clock is ten minutes off gets SIGN_ERROR for its timestamp")
    void skewedClock(WechatPaySimulator sim, SimulatedMerchant m) {
        WechatPayClient client = clientFor(sim, m)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).build();

        assertThatThrownBy(() -> new PayscorePlansApi(client).getPayscorePlan("whatever"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("SIGN_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("timestamp");
                });
    }

    @Test
    @DisplayName("an injected 5xx becomes a ServiceException with SYSTEM_ERROR and the Request-ID")
    void serverError(WechatPaySimulator sim, WechatPayClient client) {
        sim.faults().forOperation("createPayscorePlan", 1, Fault.serverError(503));

        assertThatThrownBy(() -> new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D"))))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo("SYSTEM_ERROR");
                    assertThat(e.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId());
                });
    }

    @Test
    @DisplayName("tampered body, wrong serial, stale timestamp and SIGNTEST probe each fail verification")
    void verificationFaults(WechatPaySimulator sim, WechatPayClient client) {
        for (Fault fault : List.of(Fault.tamperedBody(), Fault.wrongSerial(), Fault.staleTimestamp(),
                Fault.signTestProbe())) {
            sim.faults().forNextCalls(1, fault);

            assertThatThrownBy(() -> new PayscorePlansApi(client)
                    .createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D"))))
                    .as(fault.toString())
                    .isInstanceOfSatisfying(VerificationException.class,
                            e -> assertThat(e.requestId()).isEqualTo(sim.lastRequest().orElseThrow().requestId()));
        }
    }

    @Test
    @DisplayName("a delayed answer beyond the client's timeout becomes a TransportException marked as timeout")
    void delay(WechatPaySimulator sim, SimulatedMerchant m) {
        WechatPayClient client = clientFor(sim, m).timeout(Duration.ofMillis(300)).build();
        sim.faults().forNextCalls(1, Fault.delay(Duration.ofSeconds(20)));

        assertThatThrownBy(() -> new PayscorePlansApi(client).getPayscorePlan("slow"))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue());
    }
}
