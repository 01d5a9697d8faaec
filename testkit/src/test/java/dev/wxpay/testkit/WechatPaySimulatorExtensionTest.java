package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WechatPayClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WechatPaySimulatorExtension.class)
@DisplayName("The JUnit extension injects a running simulator and a client that trusts it")
class WechatPaySimulatorExtensionTest {

    @AfterEach
    void clearFaults(WechatPaySimulator simulator) {
        simulator.faults().clear();
    }

    static ApiRequest createPlan(String no) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", "2002000000000558128851361561536");
        body.put("appid", "wxd678efh567hg6787");
        body.put("plan_name", "瑜伽课");
        body.put("plan_duration", 30);
        body.put("deduction_quantity", 2);
        body.put("total_original_price", 20000);
        body.put("total_actual_price", 18000);
        body.put("merchant_plan_no", no);
        return ApiRequest.builder("POST", "/v3/payscore/plan/payscore-plans").operationId("createPayscorePlan")
                .body(body).build();
    }

    @Test
    @DisplayName("the injected client's signed call is verified by the simulator, and its answer by the client")
    void clientTalksToSimulator(WechatPaySimulator simulator, WechatPayClient client, SimulatedMerchant merchant) {
        ApiResponse<JsonNode> response = client.execute(createPlan("EXT-1"), JsonNode.class);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.data().get("plan_state").asText()).isEqualTo("NORMAL");
        assertThat(response.data().get("mchid").asText()).isEqualTo(merchant.mchid());
        assertThat(response.requestId()).isEqualTo(simulator.lastRequest().orElseThrow().requestId());
        assertThat(simulator.lastRequest().orElseThrow().signatureVerified()).isTrue();
        assertThat(client.baseUri()).isEqualTo(simulator.baseUri());
    }

    @Test
    @DisplayName("state carries across the tests of one class: the same simulator is injected every time")
    void sameSimulatorAcrossTests(WechatPaySimulator simulator, WechatPayClient client) {
        client.execute(createPlan("EXT-2"), JsonNode.class);

        ApiResponse<JsonNode> read = client.execute(ApiRequest.builder("GET",
                "/v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}")
                .pathParam("merchant_plan_no", "EXT-2").build(), JsonNode.class);

        assertThat(read.data().get("merchant_plan_no").asText()).isEqualTo("EXT-2");
    }

    @Test
    @DisplayName("a PARAM_ERROR reaches the client as a ServiceException naming the field and keeping Request-ID")
    void paramErrorBecomesServiceException(WechatPayClient client) {
        Map<String, Object> body = Map.of("service_id", "1", "appid", "wx", "merchant_plan_no", "EXT-3",
                "plan_name", "x", "plan_duration", 1, "deduction_quantity", 1, "total_actual_price", 1);
        ApiRequest request = ApiRequest.builder("POST", "/v3/payscore/plan/payscore-plans").body(body).build();

        assertThatThrownBy(() -> client.execute(request, JsonNode.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("total_original_price");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    @DisplayName("a tampered answer and a SIGNTEST probe are rejected by the client's verifier")
    void verificationFaults(WechatPaySimulator simulator, WechatPayClient client) {
        simulator.faults().forNextCalls(1, Fault.tamperedBody());
        assertThatThrownBy(() -> client.execute(createPlan("EXT-4"), JsonNode.class))
                .isInstanceOf(VerificationException.class);

        simulator.faults().forNextCalls(1, Fault.signTestProbe());
        assertThatThrownBy(() -> client.execute(createPlan("EXT-5"), JsonNode.class))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    @DisplayName("a client signing with another key gets SIGN_ERROR")
    void otherKeyGetsSignError(WechatPaySimulator simulator, SimulatedMerchant merchant) {
        SimulatedMerchant stranger = SimulatedMerchant.generate(merchant.mchid(), new java.security.SecureRandom());
        WechatPayClient client = WechatPayClient.builder().baseUri(simulator.baseUri()).merchantId(merchant.mchid())
                .merchantSerialNumber(merchant.certificateSerialNo())
                .merchantPrivateKey(stranger.privateKey().orElseThrow())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey()).build();

        assertThatThrownBy(() -> client.execute(createPlan("EXT-6"), JsonNode.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("SIGN_ERROR");
                });
        assertThat(simulator.requests()).extracting(r -> r.errorCode().orElse("")).contains("SIGN_ERROR");
        assertThat(List.of(simulator.merchants().toArray())).hasSize(1);
    }
}
