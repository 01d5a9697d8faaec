package dev.wxpay.runtime;

/**
 * AES-256-GCM decryption failed: a wrong APIv3 key, or a ciphertext, tag, nonce or associated data that was
 * altered. The message never contains the key or the plaintext.
 *
 * <p>Immutable.
 */
public class DecryptionException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    /** Creates a decryption failure with the underlying cause (may be null). */
    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
