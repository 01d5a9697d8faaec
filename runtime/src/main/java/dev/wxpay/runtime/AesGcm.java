package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM with the merchant's APIv3 key, as WeChat Pay uses it for notification resources and
 * certificate downloads: key = the 32-byte APIv3 key (UTF-8), IV = the nonce (UTF-8), AAD = the associated data
 * (UTF-8, empty when missing), data = Base64(ciphertext ‖ 16-byte tag). {@link #encrypt} is the inverse, for
 * simulators and tests.
 *
 * <p>Immutable and thread-safe (a {@link Cipher} per call). {@link #toString()} never shows the key.
 */
public final class AesGcm {
    /** The length of an APIv3 key in bytes. */
    public static final int KEY_LENGTH = 32;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    private AesGcm(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Creates a cipher for the APIv3 key.
     *
     * @throws IllegalArgumentException when the key is not exactly 32 bytes of UTF-8 (the message gives the length
     *                                  found, never the key)
     */
    public static AesGcm of(String apiV3Key) {
        if (apiV3Key == null) {
            throw new IllegalArgumentException("apiV3Key is required (the 32-character APIv3 key set in the merchant"
                    + " platform)");
        }
        byte[] bytes = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != KEY_LENGTH) {
            throw new IllegalArgumentException("apiV3Key must be exactly 32 bytes, got " + bytes.length
                    + " (it is the APIv3 key, not the API (v2) key or the certificate password)");
        }
        return new AesGcm(bytes);
    }

    /**
     * Decrypts and returns UTF-8 plaintext.
     *
     * @param associatedData the AAD, null or empty for none
     * @param nonce          the IV as text (WeChat Pay uses 12 characters)
     * @param ciphertext     Base64 of ciphertext followed by the 16-byte tag
     * @throws DecryptionException wrong key, or altered ciphertext, tag, nonce or AAD
     */
    public String decrypt(String associatedData, String nonce, String ciphertext) {
        if (nonce == null || nonce.isEmpty()) {
            throw new DecryptionException("AES-GCM nonce is missing", null);
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw new DecryptionException("AES-GCM ciphertext is missing", null);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("AES-GCM ciphertext is not valid Base64", e);
        }
        if (data.length < TAG_BITS / 8) {
            throw new DecryptionException("AES-GCM ciphertext is shorter than its 16-byte tag", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null && !associatedData.isEmpty()) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(data), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DecryptionException("AES-GCM authentication failed: wrong APIv3 key, or the ciphertext, tag,"
                    + " nonce or associated data was altered", e);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("AES-GCM decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Encrypts UTF-8 plaintext the way WeChat Pay does; returns Base64(ciphertext ‖ tag). For simulators and tests.
     *
     * @param associatedData the AAD, null or empty for none
     * @param nonce          the IV as text (12 characters by WeChat Pay's convention; never reuse one with a key)
     * @param plaintext      the text to encrypt
     */
    public String encrypt(String associatedData, String nonce, String plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null && !associatedData.isEmpty()) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new WechatPayException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "AesGcm{key=(hidden)}";
    }
}
