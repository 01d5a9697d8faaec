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
 * Issue 13's reported failure, replayed exactly as written: a 1 GiB {@code 2xx} answer to the seed call, the client
 * in a 128 MB heap (this class runs in its own {@code -Xmx128m} fork), {@code timeout(60 s)}, the client's default
 * JDK transport. The answer is refused while it streams, and neither the JDK client's selector thread nor the
 * runtime's deadline timer dies, so the same client keeps working.
 *
 * <p>No stalled call at 60 s follows (it would cost a minute of build time): that a dead timer never leaves a caller
 * waiting is {@code CallDeadlinesTest}'s job; here it is enough that the timer survived.
 */
@DisplayName("A 1 GiB answer to the seed call, in a 128 MB heap, timeout 60 s, default JDK transport")
class HugeAnswerXmx128Test {
    private static final String SEED_PATH = "/v3/payscore/sign-plan/partner/user-sign-plans";

    @Test
    @DisplayName("is refused as MalformedResponseException while it streams, and the same client keeps working")
    void hugeAnswer() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx128m")
                .isLessThanOrEqualTo(128L * 1024 * 1024).isGreaterThan(64L * 1024 * 1024);
        AtomicInteger connections = new AtomicInteger();
        try (RawServer server = new RawServer((socket, out) -> {
            if (connections.incrementAndGet() > 1) {
                // Every later call: a plain empty answer, to show the client still works.
                out.write(RawServer.ascii("HTTP/1.1 204 No Content\r\n\r\n"));
                out.flush();
                return;
            }
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = new byte[65536];
            Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 16384; i++) { // 1 GiB
                out.write(RawServer.ascii("10000\r\n"));
                out.write(chunk);
                out.write(RawServer.ascii("\r\n"));
            }
        })) {
            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(server.baseUri())
                    .merchantId(TestKeys.MERCHANT_ID)
                    .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                    .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                    .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                    .timeout(Duration.ofSeconds(60))
                    .build();
            try (client) {
                // Hang guard only, far above the client's own 60 s.
                assertTimeoutPreemptively(Duration.ofSeconds(180), () -> assertThatThrownBy(() ->
                        client.execute(ApiRequest.builder("POST", SEED_PATH).body("{}").build(), JsonNode.class))
                        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("larger than"));

                assertThat(threadAlive("wxpay-http-deadlines")).as("the runtime's deadline timer survived").isTrue();
                assertThat(threadAlive("SelectorManager")).as("the JDK client's selector thread survived").isTrue();
                assertTimeoutPreemptively(Duration.ofSeconds(180), () ->
                        client.execute(ApiRequest.builder("GET", "/v3/after").build(), Void.class));
                assertThat(connections.get()).isEqualTo(2);
            }
            assertThat(threadAlive("wxpay-")).as("close() leaves no wxpay- thread").isFalse();
        }
    }

    private static boolean threadAlive(String nameContains) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().contains(nameContains));
    }
}
