package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The transport seam: WechatPayClient.Builder.transport(...)")
class TransportSeamTest {

    private static WechatPayClient.Builder builder(Transport transport) {
        return WechatPayClient.builder()
                .baseUri(URI.create("https://wechatpay.test/prefix"))
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .transport(transport);
    }

    @Test
    @DisplayName("hands the transport the signed request exactly as built, with the client's timeout")
    void transportGetsSignedRequestAndTimeout() {
        List<WireRequest> sent = new ArrayList<>();
        List<Duration> timeouts = new ArrayList<>();
        Transport recording = (request, timeout) -> {
            sent.add(request);
            timeouts.add(timeout);
            return WireResponse.of(204, Map.of(), null);
        };
        WechatPayClient client = builder(recording).timeout(Duration.ofMillis(1234)).build();

        client.execute(ApiRequest.builder("POST", "/v3/x/{no}/stop").pathParam("no", "a b")
                .body(Map.of("k", "v")).build(), Void.class);

        assertThat(timeouts).containsExactly(Duration.ofMillis(1234));
        WireRequest request = sent.get(0);
        assertThat(request.uri()).isEqualTo(URI.create("https://wechatpay.test/prefix/v3/x/a%20b/stop"));
        assertThat(request.pathAndQuery()).isEqualTo("/prefix/v3/x/a%20b/stop");
        assertThat(request.bodyAsString()).isEqualTo("{\"k\":\"v\"}");
        String authorization = request.header("Authorization");
        Map<String, String> fields = LoopbackWechatPay.parseAuthorization(authorization);
        byte[] message = RequestSigner.message("POST", "/prefix/v3/x/a%20b/stop",
                Long.parseLong(fields.get("timestamp")), fields.get("nonce_str"),
                "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(RequestSignerTest.jdkVerifies(TestKeys.MERCHANT, message, fields.get("signature"))).isTrue();
    }

    @Test
    @DisplayName("passes the transport's answer through the verifier: an unsigned 200 body is refused")
    void answerIsVerified() {
        Transport unsigned = (request, timeout) -> WireResponse.of(200,
                Map.of("Content-Type", List.of("application/json")), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        WechatPayClient client = builder(unsigned).build();
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/x").build(), JsonNode.class))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    @DisplayName("fails the call with IllegalStateException when the transport returns null")
    void nullFromTransport() {
        WechatPayClient client = builder((request, timeout) -> null).build();
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/x").build(), Void.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transport returned a null response");
    }

    @Test
    @DisplayName("builds the default JDK transport pinned to HTTP/1.1 without redirects")
    void defaultJdkTransport() {
        JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(3));
        assertThat(transport.httpClient().version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(transport.httpClient().followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
        assertThat(transport.httpClient().connectTimeout()).contains(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("refuses, before sending, a request whose URI has raw non-ASCII characters the JDK would re-encode")
    void jdkTransportRefusesUnencodedUri() {
        JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(1));
        WireRequest request = WireRequest.of("GET", URI.create("http://127.0.0.1:9/v3/\u4e2d"), Map.of(), null);
        assertThatThrownBy(() -> transport.send(request, Duration.ofSeconds(1)))
                .isInstanceOf(WechatPayException.class).isNotInstanceOf(TransportException.class)
                .hasMessageContaining("not percent-encoded");
    }
}
