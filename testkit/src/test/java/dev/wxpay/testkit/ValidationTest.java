package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Bodies and parameters are validated against the spec, naming the field like WeChat Pay's PARAM_ERROR")
class ValidationTest extends ThingsSimulatorFixture {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"items\":[{\"seq\":1}]}                                         | name        | is required",
        "{\"name\":\"ball\"}                                              | items       | is required",
        "{\"name\":\"ball\",\"items\":[{\"seq\":1},{\"label\":\"x\"}]}      | items[1].seq| is required",
        "{\"name\":\"ballroomdance\",\"items\":[]}                         | name        | must be at most 8 characters long",
        "{\"name\":\"球球球球球球球球\",\"items\":[]}                         | OK          | ",
        "{\"name\":7,\"items\":[]}                                        | name        | must be a string",
        "{\"name\":\"b\",\"count\":2147483648,\"items\":[]}                | count       | must fit in a 32-bit integer",
        "{\"name\":\"b\",\"amount\":2147483648,\"items\":[]}               | OK          | ",
        "{\"name\":\"b\",\"count\":1.5,\"items\":[]}                       | count       | must be an integer",
        "{\"name\":\"b\",\"kind\":\"HUGE\",\"items\":[]}                   | kind        | must be one of [SMALL, LARGE]",
        "{\"name\":\"b\",\"items\":{}}                                    | items       | must be an array",
        "[1]                                                            | ''          | must be an object",
        "{\"name\":\"b\",\"items\":[]} trailing                           | body        | is not valid JSON",
    })
    @DisplayName("a body violation is answered 400 PARAM_ERROR with detail.field")
    void bodyViolations(String body, String field, String issue) {
        MerchantCalls.Answer a = merchant.call("POST", "/v3/things", body);

        if ("OK".equals(field)) {
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            return;
        }
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("code").asText()).isEqualTo("PARAM_ERROR");
        assertThat(a.json().at("/detail/field").asText()).isEqualTo(field);
        assertThat(a.json().at("/detail/issue").asText()).isEqualTo(issue);
        assertThat(a.json().at("/detail/location").asText()).isEqualTo("body");
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/v3/things/T-1                          | sub_mchid | query",
        "/v3/things/T-1?sub_mchid=               | sub_mchid | query",
        "/v3/things/ABCDEFGHIJKLMNOPQ?sub_mchid=1 | thing_no  | path",
    })
    @DisplayName("a parameter violation names the parameter and where it was")
    void parameterViolations(String target, String field, String location) {
        MerchantCalls.Answer a = merchant.call("GET", target, null);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo(field);
        assertThat(a.json().at("/detail/location").asText()).isEqualTo(location);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"missing body", "text/plain body"})
    @DisplayName("a required body must be present and be JSON")
    void bodyPresenceAndType(String kind) {
        MerchantCalls.Answer a;
        if (kind.startsWith("missing")) {
            a = merchant.call("POST", "/v3/things", null);
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.json().at("/detail/field").asText()).isEqualTo("body");
        } else {
            String body = "{\"name\":\"b\",\"items\":[]}";
            String auth = authorizationFor("POST", "/v3/things", body);
            a = sendWithContentType(body, auth);
            assertThat(a.status()).isEqualTo(415);
            assertThat(a.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
        }
    }

    private static String authorizationFor(String method, String target, String body) {
        SimulatedMerchant m = simulator.merchant();
        String ts = Long.toString(Clock.systemUTC().instant().getEpochSecond());
        String nonce = "abc123";
        String sig = MerchantCalls.sign(m.privateKey().orElseThrow(),
                method + "\n" + target + "\n" + ts + "\n" + nonce + "\n" + body + "\n");
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + m.mchid() + "\",nonce_str=\"" + nonce + "\",signature=\"" + sig
                + "\",timestamp=\"" + ts + "\",serial_no=\"" + m.certificateSerialNo() + "\"";
    }

    private static MerchantCalls.Answer sendWithContentType(String body, String auth) {
        try {
            var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.baseUri() + "/v3/things"))
                    .header("Authorization", auth).header("Content-Type", "text/plain")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new MerchantCalls.Answer(r.statusCode(), r);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
