package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxpay.runtime.LoopbackWechatPay.Answer;
import dev.wxpay.runtime.LoopbackWechatPay.Merchant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wechatpay-Serial on requests (requestSerial)")
class RequestSerialTest {
    static TestKeys.CertificateAndKey platform;
    static String certificateSerial;

    @BeforeAll
    static void makeCertificate() throws Exception {
        platform = TestKeys.platformCertificate();
        certificateSerial = PemKeys.serialNumber(platform.certificate);
    }

    private static WechatPayClient.Builder migrating(LoopbackWechatPay server) {
        return WechatPayClient.builder().baseUri(server.baseUri())
                .merchantId(TestKeys.MERCHANT_ID).merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .platformCertificate(platform.certificate)
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic());
    }

    private static String sentSerial(LoopbackWechatPay server, WechatPayClient client) {
        server.respond(r -> Answer.json(200, "{\"ok\":true}"));
        client.execute(ApiRequest.builder("GET", "/v3/ping").build(), String.class);
        return server.requests().get(server.requests().size() - 1).header("Wechatpay-Serial");
    }

    @Test
    @DisplayName("announces the public key by default when both a certificate and a public key are trusted")
    void defaultsToThePublicKey() throws Exception {
        try (LoopbackWechatPay server = new LoopbackWechatPay(LoopbackWechatPay.merchantA())) {
            WechatPayClient client = migrating(server).build();
            assertThat(sentSerial(server, client)).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
            assertThat(client.encryptionKeyId()).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
        }
    }

    @Test
    @DisplayName("announces the configured certificate serial during the migration, and still verifies answers")
    void announcesTheConfiguredSerial() throws Exception {
        try (LoopbackWechatPay server = new LoopbackWechatPay(new Merchant(TestKeys.MERCHANT_ID,
                TestKeys.MERCHANT_SERIAL, TestKeys.MERCHANT.getPublic(), platform.privateKey, certificateSerial))) {
            WechatPayClient client = migrating(server).requestSerial(certificateSerial.toLowerCase()).build();
            assertThat(sentSerial(server, client)).isEqualTo(certificateSerial);
            assertThat(client.encryptionKeyId()).isEqualTo(certificateSerial);
            // sensitive fields follow the announced key, so WeChat Pay can decrypt them with the key it was told
            assertThat(SensitiveFieldsTest.decrypt(client.encryptSensitive("张三"), platform.privateKey))
                    .isEqualTo("张三");
        }
    }

    @Test
    @DisplayName("refuses a request serial that names no trusted key, listing the trusted ones")
    void refusesAnUntrustedSerial() throws Exception {
        try (LoopbackWechatPay server = new LoopbackWechatPay(LoopbackWechatPay.merchantA())) {
            assertThatThrownBy(() -> migrating(server).requestSerial("PUB_KEY_ID_NOT_TRUSTED").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("requestSerial(PUB_KEY_ID_NOT_TRUSTED) names no trusted key")
                    .hasMessageContaining(TestKeys.WECHATPAY_KEY_ID);
            assertThatThrownBy(() -> migrating(server).requestSerial(" ").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("requestSerial: the key id is missing");
        }
    }
}
