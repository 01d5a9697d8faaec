package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.PlatformCertificates;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.WechatPayClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator's platform certificates: /v3/certificates, rotation and public-key-only mode")
class SimulatorCertificatesTest {

    private static WechatPayClient.Builder client(WechatPaySimulator simulator) {
        SimulatedMerchant merchant = simulator.merchant();
        return WechatPayClient.builder().baseUri(simulator.baseUri()).merchantId(merchant.mchid())
                .merchantSerialNumber(merchant.certificateSerialNo())
                .merchantPrivateKey(merchant.privateKey().orElseThrow())
                .autoPlatformCertificates(merchant.apiV3Key());
    }

    private static ApiRequest getThing() {
        return ApiRequest.builder("GET", "/v3/things/{thing_no}").pathParam("thing_no", "T-1")
                .queryParam("sub_mchid", "1900000109").build();
    }

    @Test
    @DisplayName("serves its certificate encrypted and signed; the client adopts it and its answers verify")
    void servesCertificates() {
        try (WechatPaySimulator simulator = TestKeys.thingsSimulator().start();
                WechatPayClient client = client(simulator).build()) {
            PlatformCertificates certificates = client.platformCertificates().orElseThrow();
            assertThat(certificates.serials()).hasSize(1);
            String serial = certificates.serials().iterator().next();
            assertThat(client.encryptionKeyId()).isEqualTo(serial);

            JsonNode thing = client.execute(getThing(), JsonNode.class).data();
            assertThat(thing.get("thing_no").asText()).isEqualTo("T-1");
            RecordedRequest last = simulator.lastRequest().orElseThrow();
            assertThat(last.header("Wechatpay-Serial")).contains(serial);
        }
    }

    @Test
    @DisplayName("rotates with an overlap: the new certificate is listed beside the old one and signs when named")
    void rotates() {
        try (WechatPaySimulator simulator = TestKeys.thingsSimulator().start();
                WechatPayClient client = client(simulator).build()) {
            String old = client.encryptionKeyId();
            String fresh = simulator.rotatePlatformCertificate();
            client.platformCertificates().orElseThrow().refresh();

            assertThat(client.platformCertificates().orElseThrow().serials()).containsExactlyInAnyOrder(old, fresh);
            assertThat(client.execute(getThing(), JsonNode.class).statusCode()).isEqualTo(200);

            try (WechatPayClient pinned = client(simulator).requestSerial(old).build()) {
                assertThat(pinned.execute(getThing(), JsonNode.class).statusCode()).isEqualTo(200);
                assertThat(simulator.lastRequest().orElseThrow().header("Wechatpay-Serial")).contains(old);
            }
        }
    }

    @Test
    @DisplayName("refuses a request naming a key it does not have in Wechatpay-Serial")
    void refusesUnknownSerial() {
        try (WechatPaySimulator simulator = TestKeys.thingsSimulator().start()) {
            WechatPayClient client = client(simulator).build();
            client.close();
            ApiRequest request = ApiRequest.builder("GET", "/v3/things/{thing_no}").pathParam("thing_no", "T-1")
                    .queryParam("sub_mchid", "1900000109").build();
            WechatPayClient stranger = WechatPayClient.builder().baseUri(simulator.baseUri())
                    .merchantId(simulator.merchant().mchid())
                    .merchantSerialNumber(simulator.merchant().certificateSerialNo())
                    .merchantPrivateKey(simulator.merchant().privateKey().orElseThrow())
                    .wechatPayPublicKey("PUB_KEY_ID_0100000000000000000000000099", simulator.platformPublicKey())
                    .build();
            assertThatThrownBy(() -> stranger.execute(request, JsonNode.class))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.errorCode()).isEqualTo("INVALID_REQUEST");
                        assertThat(e.detail().get("field").asText()).isEqualTo("Wechatpay-Serial");
                    });
        }
    }

    @Test
    @DisplayName("in public-key-only mode refuses /v3/certificates, and the client is told to configure the public key")
    void publicKeyOnly() {
        try (WechatPaySimulator simulator = TestKeys.thingsSimulator().publicKeyOnly(true).start()) {
            assertThatThrownBy(() -> client(simulator).build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RESOURCE_NOT_EXISTS")
                    .hasMessageContaining("configure wechatPayPublicKey(id, key) instead of autoPlatformCertificates");
            assertThatThrownBy(simulator::rotatePlatformCertificate).isInstanceOf(IllegalStateException.class);
            assertThat(simulator.requests()).hasSize(1);
            assertThat(simulator.requests().get(0).status()).isEqualTo(404);
        }
    }
}
