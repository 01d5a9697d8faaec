package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator's own WeChat Pay crypto matches the public known answers")
class CryptoTest {

    @Test
    @DisplayName("AES-256-GCM encrypts WeChat Pay's public vector to the published ciphertext and back")
    void aesGcmKnownAnswer() throws Exception {
        byte[] key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb".getBytes(StandardCharsets.UTF_8);

        String ciphertext = Crypto.encryptAesGcm(key, "uluk4a9R25RW", "associatedData", "message");

        assertThat(ciphertext).isEqualTo("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=");
        assertThat(Crypto.decryptAesGcm(key, "uluk4a9R25RW", "associatedData", ciphertext)).isEqualTo("message");
    }

    @Test
    @DisplayName("AES-256-GCM with empty associated data and plaintext gives the tag alone")
    void aesGcmEmpty() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

        assertThat(Crypto.encryptAesGcm(key, "0123456789abcdef", "world", "hello")).isEqualTo("APoZlYpivU3HjbAiB4CvW1rAFr8J");
        assertThat(Crypto.encryptAesGcm(key, "0123456789abcdef", "", "")).isEqualTo("GvpmmdtYwexXIPhySs9Tlg==");
    }

    @Test
    @DisplayName("a signature verifies with the pair's public key only, and probes and garbage simply fail")
    void signAndVerify() {
        KeyPair pair = TestKeys.PLATFORM;
        byte[] message = "1700000000\nnonce\n{}\n".getBytes(StandardCharsets.UTF_8);
        String signature = Crypto.sign(pair.getPrivate(), message);

        assertThat(Crypto.verify(pair.getPublic(), message, signature)).isTrue();
        assertThat(Crypto.verify(TestKeys.MERCHANT.publicKey(), message, signature)).isFalse();
        assertThat(Crypto.verify(pair.getPublic(), message, "WECHATPAY/SIGNTEST/abc")).isFalse();
        assertThat(Crypto.verify(pair.getPublic(), message, "%%%")).isFalse();
    }

    @Test
    @DisplayName("PEM round-trips keep the keys")
    void pemRoundTrip() {
        String publicPem = Crypto.pem("PUBLIC KEY", TestKeys.PLATFORM.getPublic().getEncoded());
        String privatePem = TestKeys.MERCHANT.privateKeyPem().orElseThrow();

        assertThat(Crypto.rsaPublicKey(publicPem)).isEqualTo(TestKeys.PLATFORM.getPublic());
        assertThat(Crypto.rsaPrivateKey(privatePem)).isEqualTo(TestKeys.MERCHANT.privateKey().orElseThrow());
        assertThat(Crypto.alphanumeric(new SecureRandom(), 32)).matches("[0-9A-Za-z]{32}");
        assertThat(TestKeys.MERCHANT.toString()).doesNotContain(TestKeys.MERCHANT.apiV3Key());
    }
}
