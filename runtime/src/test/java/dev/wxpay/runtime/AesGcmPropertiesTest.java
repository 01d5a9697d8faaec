package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AEAD_AES_256_GCM round trips and tampering, over generated plaintexts, nonces and associated data. */
@DisplayName("AES-256-GCM properties")
class AesGcmPropertiesTest {
    private static final String BASE64_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    /** 32 ASCII characters, control characters included: always a 32-byte key. */
    static String key(SplittableRandom r) {
        char[] key = new char[AesGcm.KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (char) r.nextInt(0, 0x80);
        }
        return new String(key);
    }

    /** WeChat Pay sends 12 ASCII characters; any non-empty text is a valid GCM IV. */
    static String nonce(SplittableRandom r) {
        if (r.nextBoolean()) {
            return PropertyCheck.stringOf(r, PropertyCheck.ALPHANUMERIC, 12, 12);
        }
        String nonce = "";
        while (nonce.isEmpty()) {
            nonce = PropertyCheck.unicode(r, 40);
        }
        return nonce;
    }

    static final class Case {
        final String key;
        final String plaintext;
        final String nonce;
        final String associatedData;
        final int position;
        final int delta;
        final int part;

        Case(String key, String plaintext, String nonce, String associatedData, int position, int delta, int part) {
            this.key = key;
            this.plaintext = plaintext;
            this.nonce = nonce;
            this.associatedData = associatedData;
            this.position = position;
            this.delta = delta;
            this.part = part;
        }

        static Case generate(SplittableRandom r) {
            return new Case(key(r), PropertyCheck.unicode(r, 400), nonce(r), PropertyCheck.unicode(r, 400),
                    PropertyCheck.anyInt(r), PropertyCheck.between(r, 0, 254), PropertyCheck.between(r, 0, 4));
        }
    }

    @Test
    @DisplayName("decrypt(encrypt(x)) is x for any plaintext, nonce and associated data")
    void roundTrip() {
        forAll(300, Case::generate, c -> {
            AesGcm aes = AesGcm.of(c.key);

            assertThat(aes.decrypt(c.associatedData, c.nonce, aes.encrypt(c.associatedData, c.nonce,
                    c.plaintext))).isEqualTo(c.plaintext);
        });
    }

    @Test
    @DisplayName("any changed byte of ciphertext, tag, nonce or associated data, or another key, is a DecryptionException")
    void tamperingIsRefused() {
        forAll(300, Case::generate, c -> {
            String associatedData = c.associatedData;
            String nonce = c.nonce;
            int position = c.position;
            int delta = c.delta;
            AesGcm aes = AesGcm.of(c.key);
            byte[] sealed = Base64.getDecoder().decode(aes.encrypt(associatedData, nonce, c.plaintext));
            int tagStart = sealed.length - 16;
            String ciphertext = Base64.getEncoder().encodeToString(sealed);

            Runnable call;
            switch (c.part) {
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
                    String otherKey = changeOneCharacter(c.key, position, delta);
                    call = () -> AesGcm.of(otherKey).decrypt(associatedData, nonce, ciphertext);
                }
            }
            assertThatThrownBy(call::run).isExactlyInstanceOf(DecryptionException.class)
                    .hasMessageContaining("AES-GCM");
        });
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

    static final class Garbage {
        final String key;
        final String associatedData;
        final String nonce;
        final String ciphertext;

        Garbage(String key, String associatedData, String nonce, String ciphertext) {
            this.key = key;
            this.associatedData = associatedData;
            this.nonce = nonce;
            this.ciphertext = ciphertext;
        }

        static Garbage generate(SplittableRandom r) {
            return new Garbage(key(r), PropertyCheck.anyString(r, 0, 60), PropertyCheck.anyString(r, 0, 60),
                    r.nextBoolean() ? PropertyCheck.anyString(r, 0, 120)
                            : PropertyCheck.stringOf(r, BASE64_ALPHABET, 0, 120));
        }
    }

    @Test
    @DisplayName("decrypting arbitrary nonce and ciphertext text ends only in DecryptionException")
    void arbitraryInputs() {
        forAll(300, Garbage::generate, c -> {
            AesGcm aes = AesGcm.of(c.key);

            try {
                aes.decrypt(c.associatedData, c.nonce, c.ciphertext);
            } catch (DecryptionException expected) {
                assertThat(expected.getMessage()).startsWith("AES-GCM");
            }
        });
    }
}
