package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's 1 GiB answer on {@link UrlConnectionTransport}, in a 128 MB heap (this class runs in its own
 * {@code -Xmx128m} fork), once announced by {@code Content-Length} and once chunked: both are refused while they
 * stream, and the same client keeps working.
 */
@DisplayName("A 1 GiB answer in a 128 MB heap, timeout 60 s, on UrlConnectionTransport")
class UrlConnectionHugeAnswerXmx128Test {

    @Test
    @DisplayName("is refused as MalformedResponseException, announced or chunked, and the same client keeps working")
    void hugeAnswers() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx128m")
                .isLessThanOrEqualTo(128L * 1024 * 1024).isGreaterThan(64L * 1024 * 1024);
        AtomicInteger connections = new AtomicInteger();
        byte[] chunk = new byte[65536];
        Arrays.fill(chunk, (byte) ' ');
        try (RawServer server = new RawServer((socket, out) -> {
            int n = connections.incrementAndGet();
            if (n > 2) {
                out.write(RawServer.ascii("HTTP/1.1 204 No Content\r\n\r\n"));
                out.flush();
                return;
            }
            out.write(RawServer.ascii(n == 1
                    ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            for (int i = 0; i < 16384; i++) { // 1 GiB
                if (n == 2) {
                    out.write(RawServer.ascii("10000\r\n"));
                }
                out.write(chunk);
                if (n == 2) {
                    out.write(RawServer.ascii("\r\n"));
                }
            }
        })) {
            UrlConnectionTransport transport = UrlConnectionTransport.create();
            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(server.baseUri())
                    .merchantId(TestKeys.MERCHANT_ID)
                    .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                    .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                    .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                    .transport(transport)
                    .timeout(Duration.ofSeconds(60))
                    .build();
            try (client) {
                for (int i = 0; i < 2; i++) {
                    // Hang guard only, far above the client's own 60 s.
                    assertTimeoutPreemptively(Duration.ofSeconds(180), () -> assertThatThrownBy(() ->
                            client.execute(ApiRequest.builder("POST", "/v3/huge").body("{}").build(), JsonNode.class))
                            .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than"));
                }
                assertTimeoutPreemptively(Duration.ofSeconds(180), () ->
                        client.execute(ApiRequest.builder("GET", "/v3/after").build(), Void.class));
                assertThat(connections.get()).isEqualTo(3);
            } finally {
                transport.close();
            }
        }
    }
}
