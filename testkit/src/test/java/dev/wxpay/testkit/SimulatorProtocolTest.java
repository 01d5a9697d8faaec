package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator checks requests and signs answers as WeChat Pay does")
class SimulatorProtocolTest extends ThingsSimulatorFixture {

    static final String THING = "{\"name\":\"ball\",\"items\":[{\"seq\":1}]}";


    @Test
    @DisplayName("a correctly signed request gets the spec's example, signed with the WeChat Pay key")
    void signedRequestGetsSignedExample() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/T-1?sub_mchid=1900000109", null);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("thing_no").asText()).isEqualTo("T-1");
        assertThat(a.json().get("count").asInt()).isEqualTo(3);
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
        assertThat(a.header("Wechatpay-Serial")).isEqualTo(simulator.publicKeyId());
        assertThat(a.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        assertThat(a.header("Request-ID")).isNotBlank();
        RecordedRequest r = simulator.lastRequest().orElseThrow();
        assertThat(r.signatureVerified()).isTrue();
        assertThat(r.operationId()).contains("getThing");
        assertThat(r.requestId()).isEqualTo(a.header("Request-ID"));
    }

    @Test
    @DisplayName("an answer without a spec example is built from the schema's property examples")
    void exampleSynthesisedFromProperties() {
        MerchantCalls.Answer a = merchant.call("POST", "/v3/things", THING);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("thing_no").asText()).isEqualTo("T-9");
        assertThat(a.json().get("count").asInt()).isEqualTo(5);
    }

    @Test
    @DisplayName("a 204 operation answers with no body, still signed over the empty string")
    void noContentIsSignedOverEmptyBody() {
        MerchantCalls.Answer a = merchant.call("POST", "/v3/things/T-1/close", null);

        assertThat(a.status()).isEqualTo(204);
        assertThat(a.body()).isEmpty();
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("response header names go on the wire in WeChat Pay's exact spelling")
    void headerNamesKeepTheirCase() throws IOException {
        MerchantCalls.Answer warmup = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null);
        assertThat(warmup.status()).isEqualTo(200);

        String head = rawExchange("GET /v3/things/T-1?sub_mchid=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(head).contains("\r\nWechatpay-Timestamp: ", "\r\nWechatpay-Nonce: ", "\r\nWechatpay-Signature: ",
                "\r\nWechatpay-Serial: ", "\r\nWechatpay-Signature-Type: ", "\r\nRequest-ID: ");
    }

    @Test
    @DisplayName("a request without Authorization is refused with 401 SIGN_ERROR and a Request-ID")
    void missingAuthorization() {
        MerchantCalls.Answer a = merchant.send("GET", "/v3/things/T-1?sub_mchid=1", null, null);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("code").asText()).isEqualTo("SIGN_ERROR");
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("Authorization");
        assertThat(a.header("Request-ID")).isNotBlank();
        assertThat(simulator.lastRequest().orElseThrow().signatureVerified()).isFalse();
    }

    @Test
    @DisplayName("another Authorization scheme is refused")
    void wrongScheme() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null,
                s -> s.withScheme("WECHATPAY2-SHA256-RSA4096"));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("code").asText()).isEqualTo("SIGN_ERROR");
    }

    @Test
    @DisplayName("a signature over other bytes than those sent is refused, showing the message it verified")
    void signatureOverOtherBytes() {
        MerchantCalls.Answer a = merchant.call("POST", "/v3/things", THING,
                s -> new MerchantCalls.Signing(s.method(), s.target(), s.timestamp(), s.nonce(),
                        "{\"name\": \"ball\",\"items\":[{\"seq\":1}]}", s.mchid(), s.serialNo(), s.scheme()));

        assertThat(a.status()).isEqualTo(401);
        JsonNode json = a.json();
        assertThat(json.get("code").asText()).isEqualTo("SIGN_ERROR");
        assertThat(json.at("/detail/field").asText()).isEqualTo("signature");
        assertThat(json.at("/detail/sign_information/truncated_sign_message").asText()).endsWith(THING + "\n");
    }

    @Test
    @DisplayName("a signature over another URL (e.g. the unencoded path) is refused")
    void signatureOverOtherUrl() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/a%2Fb?sub_mchid=1", null,
                s -> new MerchantCalls.Signing(s.method(), "/v3/things/a/b?sub_mchid=1", s.timestamp(), s.nonce(),
                        s.body(), s.mchid(), s.serialNo(), s.scheme()));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("signature");
    }

    @Test
    @DisplayName("a timestamp more than five minutes off is refused")
    void staleTimestamp() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null,
                s -> s.withTimestamp(Long.toString(Long.parseLong(s.timestamp()) - 301)));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("timestamp");
    }

    @Test
    @DisplayName("a timestamp within the window is accepted")
    void timestampWithinWindow() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null,
                s -> s.withTimestamp(Long.toString(Long.parseLong(s.timestamp()) - 200)));

        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown mchid and a wrong certificate serial are refused, naming the field")
    void unknownMerchantAndSerial() {
        MerchantCalls.Answer unknown = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null,
                s -> s.withMchid("1999999999"));
        MerchantCalls.Answer serial = merchant.call("GET", "/v3/things/T-1?sub_mchid=1", null,
                s -> s.withSerialNo("0000"));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().at("/detail/field").asText()).isEqualTo("mchid");
        assertThat(serial.status()).isEqualTo(401);
        assertThat(serial.json().at("/detail/field").asText()).isEqualTo("serial_no");
    }

    @Test
    @DisplayName("a Wechatpay-Serial header naming another WeChat Pay key is refused, naming the header")
    void wrongTrustedSerial() throws Exception {
        String target = "/v3/things/T-1?sub_mchid=1";
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        SimulatedMerchant m = simulator.merchant();
        String sig = MerchantCalls.sign(m.privateKey().orElseThrow(), "GET\n" + target + "\n" + ts + "\nabc\n\n");
        String auth = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + m.mchid() + "\",nonce_str=\"abc\",signature=\"" + sig
                + "\",timestamp=\"" + ts + "\",serial_no=\"" + m.certificateSerialNo() + "\"";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(simulator.baseUri() + target)).header("Authorization", auth);

        var wrong = http.send(b.copy().header("Wechatpay-Serial", "PUB_KEY_ID_0000").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var right = http.send(b.copy().header("Wechatpay-Serial", simulator.publicKeyId()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(MerchantCalls.JSON.readTree(wrong.body()).at("/detail/field").asText()).isEqualTo("Wechatpay-Serial");
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown path gets 404 NOT_FOUND, a known path with another method 405")
    void unknownPath() {
        assertThat(merchant.call("GET", "/v3/nothing", null).json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(merchant.call("DELETE", "/v3/things", null).status()).isEqualTo(405);
    }

    @Test
    @DisplayName("path and query parameters are recorded decoded, with the raw target kept as sent")
    void pathAndQueryDecoded() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/things/a%2Fb%20c?sub_mchid=19%2B00&x=1", null);

        assertThat(a.status()).isEqualTo(200);
        RecordedRequest r = simulator.lastRequest().orElseThrow();
        assertThat(r.pathParams()).containsEntry("thing_no", "a/b c");
        assertThat(r.queryParams()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("sub_mchid=19+00", "x=1");
        assertThat(r.target()).isEqualTo("/v3/things/a%2Fb%20c?sub_mchid=19%2B00&x=1");
        assertThat(r.rawQuery()).isEqualTo("sub_mchid=19%2B00&x=1");
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(simulator.baseUri().getHost(), simulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
