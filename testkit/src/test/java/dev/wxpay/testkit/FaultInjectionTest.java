package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Injected faults break answers in the ways a client must notice")
class FaultInjectionTest extends ThingsSimulatorFixture {

    static final String GET = "/v3/things/T-1?sub_mchid=1";

    @Test
    @DisplayName("a 5xx fault for the next call answers SYSTEM_ERROR once, then the simulator is healthy again")
    void serverErrorForNextCall() {
        simulator.faults().forNextCalls(1, Fault.serverError(503));

        MerchantCalls.Answer failed = merchant.call("GET", GET, null);
        MerchantCalls.Answer ok = merchant.call("GET", GET, null);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("code").asText()).isEqualTo("SYSTEM_ERROR");
        assertThat(failed.header("Request-ID")).isNotBlank();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    @DisplayName("a fault for one operation leaves the others alone, until cleared")
    void perOperation() {
        simulator.faults().forOperation("getThing", Fault.serverError(500));

        assertThat(merchant.call("POST", "/v3/things/T-1/close", null).status()).isEqualTo(204);
        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(500);
        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(500);
        simulator.faults().clear();
        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a fault limited to N calls of one operation is used up after N")
    void perOperationTimes() {
        simulator.faults().forOperation("getThing", 2, Fault.serverError(502));

        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(502);
        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(502);
        assertThat(merchant.call("GET", GET, null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a tampered body no longer matches its signature, though it is still JSON")
    void tamperedBody() {
        simulator.faults().forNextCalls(1, Fault.tamperedBody());

        MerchantCalls.Answer a = merchant.call("GET", GET, null);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("thing_no").asText()).isEqualTo("T-10");
        assertThat(a.verifies(simulator.platformPublicKey())).isFalse();
    }

    @Test
    @DisplayName("a wrong serial names a key id that is not the simulator's, over a valid signature")
    void wrongSerial() {
        simulator.faults().forNextCalls(1, Fault.wrongSerial());

        MerchantCalls.Answer a = merchant.call("GET", GET, null);

        assertThat(a.header("Wechatpay-Serial")).startsWith("PUB_KEY_ID_").isNotEqualTo(simulator.publicKeyId());
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("a stale timestamp is ten minutes old, over a valid signature")
    void staleTimestamp() {
        simulator.faults().forNextCalls(1, Fault.staleTimestamp());
        long now = Clock.systemUTC().instant().getEpochSecond();

        MerchantCalls.Answer a = merchant.call("GET", GET, null);

        assertThat(now - Long.parseLong(a.header("Wechatpay-Timestamp"))).isGreaterThan(300);
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("a SIGNTEST probe carries a WECHATPAY/SIGNTEST/ signature that does not verify")
    void signTestProbe() {
        simulator.faults().forNextCalls(1, Fault.signTestProbe());

        MerchantCalls.Answer a = merchant.call("GET", GET, null);

        assertThat(a.header("Wechatpay-Signature")).startsWith("WECHATPAY/SIGNTEST/");
        assertThat(a.verifies(simulator.platformPublicKey())).isFalse();
    }

    @Test
    @DisplayName("a delay holds the answer back, so a client with a shorter timeout gives up")
    void delay() {
        simulator.faults().forNextCalls(1, Fault.delay(Duration.ofSeconds(30)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUri() + GET))
                .timeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    @DisplayName("faults name real operations and sensible counts")
    void argumentsChecked() {
        assertThatThrownBy(() -> simulator.faults().forOperation("nope", Fault.tamperedBody()))
                .hasMessageContaining("unknown operationId nope");
        assertThatThrownBy(() -> simulator.faults().forNextCalls(0, Fault.tamperedBody()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.serverError(404)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the server reads chunked bodies, keeps connections alive and answers Expect: 100-continue")
    void wireDetails() throws IOException {
        String body = "{\"name\":\"ball\",\"items\":[{\"seq\":1}]}";
        // The JDK client sends a body of unknown length chunked.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(simulator.baseUri() + "/v3/things"))
                .header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        try {
            HttpResponse<String> r1 = http.send(chunked, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> r2 = http.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(r1.statusCode()).isEqualTo(401); // unsigned, but read to the end and answered
            assertThat(r2.statusCode()).isEqualTo(401);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        RecordedRequest last = simulator.lastRequest().orElseThrow();
        assertThat(last.bodyText()).isEqualTo(body);
        assertThat(last.header("Transfer-Encoding")).contains("chunked");
    }
}
