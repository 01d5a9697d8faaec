package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.runtime.LoopbackWechatPay.Answer;
import dev.wxpay.runtime.LoopbackWechatPay.Recorded;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Path and query values of any Unicode text go through a real call to a loopback WeChat Pay: what the server
 * decodes equals what the caller passed, and the server's signature check (over the raw URL it received) passes,
 * so the signed URL is the one sent. One server and one client for the whole class.
 */
@DisplayName("Path and query encoding through a loopback server")
class UrlEncodingPropertiesTest {
    private static LoopbackWechatPay server;
    private static WechatPayClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackWechatPay(LoopbackWechatPay.merchantA());
        server.respond(r -> Answer.json(200, "{\"ok\":true}"));
        client = WechatPayClient.builder()
                .baseUri(server.baseUri())
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static final class Values {
        final String pathValue;
        final String queryValue;
        final String queryName;
        final String secondValue;

        Values(String pathValue, String queryValue, String queryName, String secondValue) {
            this.pathValue = pathValue;
            this.queryValue = queryValue;
            this.queryName = queryName;
            this.secondValue = secondValue;
        }

        static Values generate(SplittableRandom r) {
            return new Values(PropertyCheck.unicode(r, 40), PropertyCheck.unicode(r, 40), PropertyCheck.unicode(r, 40),
                    PropertyCheck.unicode(r, 40));
        }
    }

    @Test
    @DisplayName("the server decodes exactly the path value, query names and values the caller passed")
    void serverDecodesWhatWasPassed() {
        forAll(60, Values::generate, c -> {
            int before = server.requests().size();
            ApiRequest request = ApiRequest.builder("GET", "/v3/echo/{value}/tail")
                    .pathParam("value", c.pathValue)
                    .queryParam("q", c.queryValue)
                    .queryParam(c.queryName, c.secondValue)
                    .build();

            ApiResponse<JsonNode> response = client.execute(request, JsonNode.class);

            assertThat(response.statusCode()).isEqualTo(200); // the server's signature check passed
            Recorded recorded = server.requests().get(before);
            assertThat(recorded.pathAndQuery).isEqualTo(request.pathAndQuery());
            String[] pathAndQuery = recorded.pathAndQuery.split("\\?", 2);
            String[] segments = pathAndQuery[0].split("/", -1);
            assertThat(segments).hasSize(5);
            assertThat(decode(segments[3])).isEqualTo(c.pathValue);
            List<String> query = new ArrayList<>();
            for (String pair : pathAndQuery[1].split("&", -1)) {
                String[] nameAndValue = pair.split("=", -1);
                assertThat(nameAndValue).hasSize(2);
                query.add(decode(nameAndValue[0]));
                query.add(decode(nameAndValue[1]));
            }
            assertThat(query).containsExactly("q", c.queryValue, c.queryName, c.secondValue);
        });
    }

    /**
     * The server's reading of one encoded component: {@code %XX} sequences to bytes, then UTF-8. Strict: anything
     * outside RFC 3986's unreserved set left unencoded, or a {@code +}, fails the property.
     */
    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                assertThat(Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0)
                        .as("unencoded character '%s' in %s", c, encoded).isTrue();
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
