package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Builder.backupBaseUri: the backup host only for calls that never left")
class BackupHostTest {

    /** The transport under test; null means the client's default. Transport modules override it. */
    protected Transport transport() {
        return null;
    }

    private WechatPayClient client(URI main, URI backup) {
        WechatPayClient.Builder builder = WechatPayClient.builder()
                .baseUri(main)
                .backupBaseUri(backup)
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .timeout(Duration.ofSeconds(10));
        if (transport() != null) {
            builder.transport(transport());
        }
        return builder.build();
    }

    /** A loopback port nothing listens on: connections to it are refused. */
    static URI refusingHost() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    @DisplayName("a main host that refuses connections sends the call once to the backup host, signed for it")
    void refusedGoesToBackup() throws Exception {
        try (LoopbackWechatPay backup = new LoopbackWechatPay(LoopbackWechatPay.merchantA())) {
            backup.respond(r -> LoopbackWechatPay.Answer.json(200, "{\"served\":\"backup\"}"));
            WechatPayClient client = client(refusingHost(), backup.baseUri());

            ApiResponse<Map> response = client.execute(ApiRequest.builder("POST", "/v3/x/{no}")
                    .pathParam("no", "a b").body(Map.of("k", "v")).build(), Map.class);

            assertThat(response.data()).containsEntry("served", "backup");
            assertThat(backup.requests()).hasSize(1); // the loopback checked the signature over its path
            assertThat(backup.requests().get(0).pathAndQuery).isEqualTo("/v3/x/a%20b");
            client.close();
        }
    }

    @Test
    @DisplayName("a main host that accepts the request and then fails is not retried on the backup host")
    void acceptedThenFailedIsNotRetried() throws Exception {
        try (LoopbackWechatPay backup = new LoopbackWechatPay(LoopbackWechatPay.merchantA());
             RawServer main = new RawServer((socket, out) -> {
                 socket.setSoLinger(true, 0);
                 socket.close(); // read the request, then reset: it may have been acted on
             })) {
            WechatPayClient client = client(main.baseUri(), backup.baseUri());

            assertThatThrownBy(() -> client.execute(ApiRequest.builder("POST", "/v3/pay").body(Map.of("k", "v"))
                    .build(), Map.class)).isInstanceOf(TransportException.class);

            assertThat(main.accepted()).isGreaterThanOrEqualTo(1);
            assertThat(backup.requests()).isEmpty();
            client.close();
        }
    }

    @Test
    @DisplayName("when the backup host refuses too, the failure names the backup and keeps the main host's as suppressed")
    void bothRefuse() throws Exception {
        URI main = refusingHost();
        URI backup = refusingHost();
        WechatPayClient client = client(main, backup);
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/x").build(), Void.class))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining(backup.toString())
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        client.close();
    }

    @Test
    @DisplayName("build() refuses a backup URI that is not absolute http(s)")
    void invalidBackup() {
        assertThatThrownBy(() -> WechatPayClient.builder().backupBaseUri(URI.create("/relative")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("backupBaseUri must be");
    }
}
