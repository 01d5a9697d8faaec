package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** AEAD_AES_256_GCM round trips and tampering, over generated plaintexts, nonces and associated data. */
@Label("AES-256-GCM properties")
class AesGcmPropertiesTest {
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings().ascii().ofLength(AesGcm.KEY_LENGTH);
    }

    @Provide
    Arbitrary<String> texts() {
        return PropertyInputs.unicode(400);
    }

    @Provide
    Arbitrary<String> nonces() {
        // WeChat Pay sends 12 ASCII characters; any non-empty text is a valid GCM IV.
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofLength(12),
                PropertyInputs.unicode(40).filter(s -> !s.isEmpty()));
    }

    @Property(tries = 300)
    @Label("decrypt(encrypt(x)) is x for any plaintext, nonce and associated data")
    void roundTrip(@ForAll("keys") String key, @ForAll("texts") String plaintext, @ForAll("nonces") String nonce,
            @ForAll("texts") String associatedData) {
        AesGcm aes = AesGcm.of(key);

        assertThat(aes.decrypt(associatedData, nonce, aes.encrypt(associatedData, nonce, plaintext)))
                .isEqualTo(plaintext);
    }

    @Property(tries = 300)
    @Label("any changed byte of ciphertext, tag, nonce or associated data, or another key, is a DecryptionException")
    void tamperingIsRefused(@ForAll("keys") String key, @ForAll("texts") String plaintext,
            @ForAll("nonces") String nonce, @ForAll("texts") String associatedData, @ForAll int position,
            @ForAll @IntRange(min = 0, max = 254) int delta, @ForAll @IntRange(min = 0, max = 4) int part) {
        AesGcm aes = AesGcm.of(key);
        byte[] sealed = Base64.getDecoder().decode(aes.encrypt(associatedData, nonce, plaintext));
        int tagStart = sealed.length - 16;
        String ciphertext = Base64.getEncoder().encodeToString(sealed);

        Runnable call;
        switch (part) {
            case 0: { // a byte of the ciphertext proper (or of the tag when the plaintext is empty)
                byte[] changed = sealed.clone();
                int i = tagStart == 0 ? Math.floorMod(position, 16) : Math.floorMod(position, tagStart);
                changed[i] ^= (byte) (1 + delta);
                call = () -> aes.decrypt(associatedData, nonce, Base64.getEncoder().encodeToString(changed));
                break;
            }
            case 1: { // a byte of the tag
                byte[] changed = sealed.clone();
                changed[tagStart + Math.floorMod(position, 16)] ^= (byte) (1 + delta);
                call = () -> aes.decrypt(associatedData, nonce, Base64.getEncoder().encodeToString(changed));
                break;
            }
            case 2: {
                String changed = changeOneCharacter(nonce, position, delta);
                call = () -> aes.decrypt(associatedData, changed, ciphertext);
                break;
            }
            case 3: {
                String changed = associatedData.isEmpty() ? String.valueOf((char) ('!' + delta % 90))
                        : changeOneCharacter(associatedData, position, delta);
                call = () -> aes.decrypt(changed, nonce, ciphertext);
                break;
            }
            default: {
                String otherKey = changeOneCharacter(key, position, delta);
                call = () -> AesGcm.of(otherKey).decrypt(associatedData, nonce, ciphertext);
            }
        }
        assertThatThrownBy(call::run).isExactlyInstanceOf(DecryptionException.class).hasMessageContaining("AES-GCM");
    }

    /**
     * One character replaced by a different printable ASCII character (keeps a 32-character ASCII key 32 bytes
     * long; the UTF-8 of the result always differs from the original's).
     */
    private static String changeOneCharacter(String text, int position, int delta) {
        int i = Math.floorMod(position, text.length());
        char original = text.charAt(i);
        char replacement = (char) (' ' + Math.floorMod(original - ' ' + 1 + delta % 94, 95));
        return text.substring(0, i) + replacement + text.substring(i + 1);
    }

    @Property(tries = 300)
    @Label("decrypting arbitrary nonce and ciphertext text ends only in DecryptionException")
    void arbitraryInputs(@ForAll("keys") String key, @ForAll String associatedData, @ForAll String nonce,
            @ForAll("ciphertexts") String ciphertext) {
        AesGcm aes = AesGcm.of(key);

        try {
            aes.decrypt(associatedData, nonce, ciphertext);
        } catch (DecryptionException expected) {
            assertThat(expected.getMessage()).startsWith("AES-GCM");
        }
    }

    @Provide
    Arbitrary<String> ciphertexts() {
        return Arbitraries.oneOf(Arbitraries.strings(),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
                        .ofMaxLength(120));
    }
}
