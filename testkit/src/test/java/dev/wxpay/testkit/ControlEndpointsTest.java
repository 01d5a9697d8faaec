package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The control endpoints let a client in any language play the user and inject faults over HTTP")
class ControlEndpointsTest {

    static WechatPaySimulator simulator;
    static MerchantCalls merchant;
    static NotifyEndpoint endpoint;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        simulator = TestKeys.simulator().spec(PaymentsSimulatorTest.PAYMENTS).refundsSucceedAtOnce(false)
                .notificationRetryDelays(List.of(Duration.ZERO)).start();
        merchant = new MerchantCalls(simulator, java.time.Clock.systemUTC());
        endpoint = new NotifyEndpoint();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        endpoint.close();
    }

    @BeforeEach
    void noFaults() {
        simulator.faults().clear();
    }

    static HttpResponse<String> control(String method, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUri() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return MerchantCalls.JSON.readTree(r.body());
    }

    static void prepay(String no) {
        String body = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"" + simulator.merchant().mchid()
                + "\",\"description\":\"d\",\"out_trade_no\":\"" + no + "\",\"notify_url\":\"" + endpoint.url()
                + "\",\"amount\":{\"total\":100}}";
        MerchantCalls.Answer a = merchant.call("POST", "/v3/pay/transactions/native", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("POST /_testkit/faults with an operation fails its next calls, then the operation works again")
    void faultForOperation() throws Exception {
        HttpResponse<String> added = control("POST", "/_testkit/faults",
                "{\"operation\":\"nativePrepay\",\"fault\":\"server_error\",\"status\":503,\"times\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(json(added).get("pending").get(0).asText()).contains("SERVER_ERROR 503", "nativePrepay", "1 more call");
        String body = "{\"appid\":\"wx1\",\"mchid\":\"" + simulator.merchant().mchid()
                + "\",\"description\":\"d\",\"out_trade_no\":\"FAULT0001\",\"notify_url\":\"" + endpoint.url()
                + "\",\"amount\":{\"total\":1}}";
        MerchantCalls.Answer failed = merchant.call("POST", "/v3/pay/transactions/native", body);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("code").asText()).isEqualTo("SYSTEM_ERROR");
        assertThat(merchant.call("POST", "/v3/pay/transactions/native", body).status()).isEqualTo(200);
        assertThat(json(control("GET", "/_testkit/faults", null)).get("pending")).isEmpty();
    }

    @Test
    @DisplayName("a fault for a path template tampers with the answers of that path only")
    void faultForPath() throws Exception {
        prepay("FAULT0002");
        HttpResponse<String> added = control("POST", "/_testkit/faults",
                "{\"path\":\"/v3/pay/transactions/out-trade-no/{out_trade_no}\",\"fault\":\"TAMPERED_BODY\"}");
        assertThat(added.statusCode()).isEqualTo(200);
        String query = "/v3/pay/transactions/out-trade-no/FAULT0002?mchid=" + simulator.merchant().mchid();
        assertThat(merchant.call("GET", query, null).verifies(simulator.platformPublicKey())).isFalse();
        assertThat(merchant.call("GET", query, null).verifies(simulator.platformPublicKey())).as("until cleared")
                .isFalse();
        assertThat(json(control("DELETE", "/_testkit/faults", null)).get("pending")).isEmpty();
        assertThat(merchant.call("GET", query, null).verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("a fault that cannot be understood is refused, naming what is wrong")
    void badFaults() throws Exception {
        HttpResponse<String> unknownKind = control("POST", "/_testkit/faults", "{\"fault\":\"EXPLODE\",\"times\":1}");
        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(json(unknownKind).at("/detail/field").asText()).isEqualTo("fault");
        HttpResponse<String> badStatus = control("POST", "/_testkit/faults",
                "{\"fault\":\"SERVER_ERROR\",\"status\":200,\"times\":1}");
        assertThat(json(badStatus).at("/detail/field").asText()).isEqualTo("status");
        HttpResponse<String> unknownOp = control("POST", "/_testkit/faults",
                "{\"operation\":\"launchRocket\",\"fault\":\"DELAY\"}");
        assertThat(unknownOp.statusCode()).isEqualTo(404);
        assertThat(unknownOp.body()).contains("launchRocket");
        HttpResponse<String> noTimes = control("POST", "/_testkit/faults", "{\"fault\":\"WRONG_SERIAL\"}");
        assertThat(json(noTimes).at("/detail/field").asText()).isEqualTo("times");
        assertThat(control("POST", "/_testkit/faults", "not json").statusCode()).isEqualTo(400);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    @DisplayName("POST /_testkit/transactions/{out_trade_no}/pay pays the order and says which notification went out")
    void payOverHttp() throws Exception {
        prepay("CTRL0001");
        HttpResponse<String> paid = control("POST", "/_testkit/transactions/CTRL0001/pay", null);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(json(paid).get("event_type").asText()).isEqualTo("TRANSACTION.SUCCESS");
        assertThat(json(paid).get("notify_url").asText()).isEqualTo(endpoint.url());
        assertThat(control("POST", "/_testkit/transactions/CTRL0001/pay", null).statusCode()).isEqualTo(400);
        assertThat(control("POST", "/_testkit/transactions/NOSUCH/pay", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("POST /_testkit/refunds/{out_refund_no}/abnormal ends a held refund with REFUND.ABNORMAL")
    void refundOverHttp() throws Exception {
        prepay("CTRL0002");
        simulator.simulateUserPay("CTRL0002");
        String refund = "{\"out_trade_no\":\"CTRL0002\",\"out_refund_no\":\"RCTRL0002\","
                + "\"amount\":{\"refund\":10,\"total\":100,\"currency\":\"CNY\"}}";
        assertThat(merchant.call("POST", "/v3/refund/domestic/refunds", refund).status()).isEqualTo(200);
        HttpResponse<String> abnormal = control("POST", "/_testkit/refunds/RCTRL0002/abnormal", null);
        assertThat(abnormal.statusCode()).as(abnormal.body()).isEqualTo(200);
        assertThat(json(abnormal).get("event_type").asText()).isEqualTo("REFUND.ABNORMAL");
    }

    @Test
    @DisplayName("an unknown control path answers 404 listing every control endpoint")
    void listsEndpoints() throws Exception {
        HttpResponse<String> r = control("POST", "/_testkit/nothing", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("user-sign-plans/{merchant_sign_plan_no}/sign",
                "transactions/{out_trade_no}/pay", "refunds/{out_refund_no}/abnormal", "/_testkit/faults");
        assertThat(simulator.controlEndpoints()).hasSizeGreaterThanOrEqualTo(9);
    }
}
