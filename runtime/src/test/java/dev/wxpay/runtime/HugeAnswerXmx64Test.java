package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's reported failure, replayed: a 1 GiB answer to a JSON call, the client in a small heap (this class runs
 * in the {@code -Xmx64m} fork, stricter than the 128 MB of the report), default JDK transport. The answer is refused
 * while it streams, and the client's timeouts still work afterwards.
 */
@DisplayName("A 1 GiB answer to a JSON call in a 64 MiB heap")
class HugeAnswerXmx64Test {

    @Test
    @DisplayName("is refused as MalformedResponseException, and a later stalled call still ends at its timeout")
    void hugeAnswer() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m")
                .isLessThanOrEqualTo(64L * 1024 * 1024);
        try (RawServer huge = new RawServer((socket, out) -> {
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[65536];
            Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 16384; i++) { // 1 GiB
                out.write(RawServer.ascii("10000\r\n"));
                out.write(chunk);
                out.write(RawServer.ascii("\r\n"));
            }
        });
             RawServer stalled = new RawServer((socket, out) -> {
                 out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"));
                 out.flush();
                 Thread.sleep(120_000);
             })) {
            JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(5));
            WechatPayClient client = client(huge, transport);
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThatThrownBy(() ->
                    client.execute(ApiRequest.builder("POST", "/v3/payscore/sign-plan/partner/user-sign-plans")
                            .body("{}").build(), JsonNode.class))
                    .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than"));

            WechatPayClient second = client(stalled, transport);
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThatThrownBy(() ->
                    second.execute(ApiRequest.builder("GET", "/v3/x").build(), JsonNode.class))
                    .isInstanceOf(TransportException.class).hasMessageContaining("timed out"));
            transport.close();
        }
    }

    private static WechatPayClient client(RawServer server, Transport transport) {
        return WechatPayClient.builder()
                .baseUri(server.baseUri())
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .transport(transport)
                .timeout(Duration.ofSeconds(3))
                .build();
    }
}
