package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AesGcm")
class AesGcmTest {

    @Test
    @DisplayName("decrypts the public WeChat Pay vector (12-byte nonce, AAD 'associatedData')")
    void decryptsWechatPayVector() {
        assertThat(AesGcm.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb")
                .decrypt("associatedData", "uluk4a9R25RW", "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=")).isEqualTo("message");
    }

    @Test
    @DisplayName("decrypts the 16-byte IV vector, and the empty plaintext whose ciphertext is the tag alone")
    void decryptsSixteenByteIvVectors() {
        AesGcm aes = AesGcm.of("0123456789abcdef0123456789abcdef");
        assertThat(aes.decrypt("world", "0123456789abcdef", "APoZlYpivU3HjbAiB4CvW1rAFr8J")).isEqualTo("hello");
        assertThat(aes.decrypt("", "0123456789abcdef", "GvpmmdtYwexXIPhySs9Tlg==")).isEmpty();
        assertThat(aes.decrypt(null, "0123456789abcdef", "GvpmmdtYwexXIPhySs9Tlg==")).isEmpty();
    }

    @Test
    @DisplayName("encrypts to the same known answers")
    void encryptsKnownAnswers() {
        assertThat(AesGcm.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").encrypt("associatedData", "uluk4a9R25RW", "message"))
                .isEqualTo("ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=");
        assertThat(AesGcm.of("0123456789abcdef0123456789abcdef").encrypt(null, "0123456789abcdef", ""))
                .isEqualTo("GvpmmdtYwexXIPhySs9Tlg==");
    }

    @Test
    @DisplayName("fails with DecryptionException on a wrong key, altered ciphertext, tag, nonce or AAD")
    void failsOnAnyAlteration() {
        String ct = "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=";
        AesGcm right = AesGcm.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb");
        assertThatThrownBy(() -> AesGcm.of("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").decrypt("associatedData",
                "uluk4a9R25RW", ct)).isInstanceOf(DecryptionException.class).hasMessageContaining("wrong APIv3 key");
        byte[] bytes = Base64.getDecoder().decode(ct);
        bytes[0] ^= 1;
        String alteredCiphertext = Base64.getEncoder().encodeToString(bytes);
        bytes[0] ^= 1;
        bytes[bytes.length - 1] ^= 1;
        String alteredTag = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> right.decrypt("associatedData", "uluk4a9R25RW", alteredCiphertext))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> right.decrypt("associatedData", "uluk4a9R25RW", alteredTag))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> right.decrypt("associatedData", "uluk4a9R25RX", ct))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> right.decrypt("associatedDatb", "uluk4a9R25RW", ct))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> right.decrypt("associatedData", "uluk4a9R25RW", "%%%"))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("Base64");
        assertThatThrownBy(() -> right.decrypt("associatedData", "uluk4a9R25RW", "AAAA"))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("shorter than");
    }

    @Test
    @DisplayName("refuses a key that is not 32 bytes without echoing it")
    void refusesWrongKeyLength() {
        assertThatThrownBy(() -> AesGcm.of("short-secret-key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 16")
                .hasMessageNotContaining("short-secret-key");
        assertThat(AesGcm.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").toString()).doesNotContain("a7cde1")
                .isEqualTo("AesGcm{key=(hidden)}");
    }
}
