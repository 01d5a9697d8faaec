package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact boundaries of the security code, written where mutation testing (the runtime's {@code mutation}
 * profile) found them unchecked: the 300 s window, timestamp lengths, hex serial normalisation, URL encoding of the
 * characters next to the unreserved ranges, header names and values, PEM messages and the announced key id.
 */
@DisplayName("Boundaries of the security code")
class BoundaryCasesTest {
    private static final long NOW = 1_700_000_000L;
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private final ResponseVerifier verifier = ResponseVerifier.create(
            Map.of(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()), null);

    private void verifyAt(long timestamp) {
        String ts = String.valueOf(timestamp);
        verifier.verify(TestKeys.WECHATPAY_KEY_ID, ts, "n", ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
                ts, "n", BODY), BODY, Instant.ofEpochSecond(NOW), "response", null);
    }

    @Test
    @DisplayName("a timestamp exactly 300 s ahead or behind is accepted, 301 s is refused")
    void windowEdges() {
        assertThatCode(() -> verifyAt(NOW - 300)).doesNotThrowAnyException();
        assertThatCode(() -> verifyAt(NOW + 300)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyAt(NOW - 301)).hasMessageContaining("301 s behind");
        assertThatThrownBy(() -> verifyAt(NOW + 301)).hasMessageContaining("301 s ahead of");
    }

    @Test
    @DisplayName("an 18-digit timestamp is read as seconds (and is out of the window); 19 digits are not seconds")
    void timestampLength() {
        assertThatThrownBy(() -> verifier.verify(TestKeys.WECHATPAY_KEY_ID, "100000000000000000", "n", "AAAA", BODY,
                Instant.ofEpochSecond(NOW), "response", null)).hasMessageContaining("ahead of the local clock");
        assertThatThrownBy(() -> verifier.verify(TestKeys.WECHATPAY_KEY_ID, "1000000000000000000", "n", "AAAA", BODY,
                Instant.ofEpochSecond(NOW), "response", null)).hasMessageContaining("is not Unix epoch seconds");
    }

    @Test
    @DisplayName("hex serials lose leading zeros (keeping one digit); ids with a character next to the hex ranges do not")
    void serialNormalisation() {
        assertThat(ResponseVerifier.normalise("000")).isEqualTo("0");
        assertThat(ResponseVerifier.normalise("0009")).isEqualTo("9");
        assertThat(ResponseVerifier.normalise("00a")).isEqualTo("A");
        assertThat(ResponseVerifier.normalise("00f")).isEqualTo("F");
        for (String notHex : List.of("00/", "00:", "00@", "00G")) {
            assertThat(ResponseVerifier.normalise(notHex)).isEqualTo(notHex);
        }
    }

    @Test
    @DisplayName("the characters on either side of the unreserved ranges are percent-encoded, the ranges are not")
    void encodingEdges() {
        assertThat(ApiRequest.encode("azAZ09-._~")).isEqualTo("azAZ09-._~");
        assertThat(ApiRequest.encode("`{@[/:")).isEqualTo("%60%7B%40%5B%2F%3A");
    }

    @Test
    @DisplayName("header names of visible ASCII are accepted, space and DEL refused; a value starting with a line break is refused")
    void headerEdges() {
        assertThatCode(() -> ApiRequest.builder("GET", "/v3/x").header("!~", "v").build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("a b", "v"))
                .hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("a\u007f", "v"))
                .hasMessageContaining("not a valid HTTP header name");
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("X-A", "\nv"))
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("X-A", "\rv"))
                .hasMessageContaining("line break");
    }

    @Test
    @DisplayName("an empty placeholder name is filled like any other; form fields need a multipart upload")
    void requestShapes() {
        assertThat(ApiRequest.builder("GET", "/v3/{}/x").pathParam("", "a b").build().pathAndQuery())
                .isEqualTo("/v3/a%20b/x");
        ApiRequest json = ApiRequest.builder("POST", "/v3/x").body(Map.of("a", 1)).build();
        assertThat(json.isMultipart()).isFalse();
        assertThat(json.toString()).isEqualTo("ApiRequest{POST /v3/x, body=" + json.body().getClass().getSimpleName()
                + "}");
        ApiRequest upload = ApiRequest.builder("POST", "/v3/x").operationId("upload")
                .multipart("{}", "a.png", "image/png", new byte[3]).formField("item_id", 1).build();
        assertThat(upload.isMultipart()).isTrue();
        assertThat(upload.toString()).isEqualTo("ApiRequest{POST /v3/x, operationId=upload, multipart file of 3 bytes}");
    }

    @Test
    @DisplayName("PEM messages name what was found: a PKCS#1 key where a public key belongs, an encrypted key, an RSA PUBLIC KEY")
    void pemMessages() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemKeys.publicKey(pkcs1))
                .hasMessageContaining("never use a private key where a public key is expected");
        assertThatThrownBy(() -> PemKeys.privateKey(pkcs1)).hasMessageNotContaining("never use a private key");
        assertThatThrownBy(() -> PemKeys.privateKey(pkcs1.replace("RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY")))
                .hasMessageContaining("password-protected 'ENCRYPTED PRIVATE KEY'");
        assertThatThrownBy(() -> PemKeys.publicKey(pkcs1.replace("RSA PRIVATE KEY", "RSA PUBLIC KEY")))
                .hasMessageContaining("PKCS#1 'RSA PUBLIC KEY' block");
    }

    @Test
    @DisplayName("with certificates only, the newest certificate's serial is announced, whatever the order")
    void announcedCertificate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        X509Certificate older = TestKeys.platformCertificate().certificate;
        X509Certificate newer = TestKeys.selfSignedCertificate(dir, "newer", 60).certificate;
        for (List<X509Certificate> order : List.of(List.of(older, newer), List.of(newer, older))) {
            WechatPayClient.Builder builder = WechatPayClient.builder().merchantId(TestKeys.MERCHANT_ID)
                    .merchantSerialNumber(TestKeys.MERCHANT_SERIAL).merchantPrivateKey(TestKeys.MERCHANT.getPrivate());
            order.forEach(builder::platformCertificate);
            try (WechatPayClient client = builder.build()) {
                assertThat(client.encryptionKeyId()).isEqualTo(PemKeys.serialNumber(newer));
            }
        }
        Files.deleteIfExists(dir.resolve("newer.p12"));
    }

    @Test
    @DisplayName("a notification resource under another algorithm is refused; one without the field is decrypted")
    void notificationAlgorithm() {
        NotificationParser parser = NotificationParser.builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .apiV3Key("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb")
                .clock(java.time.Clock.fixed(Instant.ofEpochSecond(NOW), java.time.ZoneOffset.UTC)).build();
        String sm4 = NotificationParserTest.envelope("{}", "a").replace("AEAD_AES_256_GCM", "AEAD_SM4_GCM");
        String none = NotificationParserTest.envelope("{}", "a").replace("\"algorithm\":\"AEAD_AES_256_GCM\",", "");

        assertThatThrownBy(() -> parser.parse(NotificationParserTest.signedHeaders(sm4, NOW, TestKeys.WECHATPAY_KEY_ID),
                sm4, String.class)).isInstanceOf(DecryptionException.class).hasMessageContaining("AEAD_SM4_GCM");
        assertThat(parser.parse(NotificationParserTest.signedHeaders(none, NOW, TestKeys.WECHATPAY_KEY_ID), none,
                String.class).resource()).isEqualTo("{}");
    }

    @Test
    @DisplayName("a signer reports the merchant id and serial it signs for")
    void signerAccessors() {
        RequestSigner signer = RequestSigner.create(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL,
                TestKeys.MERCHANT.getPrivate(), null);
        assertThat(signer.merchantId()).isEqualTo(TestKeys.MERCHANT_ID);
        assertThat(signer.serialNumber()).isEqualTo(TestKeys.MERCHANT_SERIAL);
    }
}
