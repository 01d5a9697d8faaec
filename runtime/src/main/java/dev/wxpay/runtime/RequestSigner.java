package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs merchant requests the WeChat Pay APIv3 way, as a pure function of (method, canonical URL, body bytes,
 * timestamp, nonce) and the merchant key it was created with. The message is
 * {@code METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nBODY\n}, signed with SHA256withRSA, and the result is the value
 * of the {@code Authorization} header:
 * {@code WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"}.
 *
 * <p>Immutable and thread-safe: each thread gets its own {@link Signature} (they are not thread-safe), initialised
 * once with the key already translated into the chosen provider's form. {@link #toString()} shows no key material.
 */
public final class RequestSigner {
    /** The {@code Authorization} scheme of WeChat Pay APIv3. */
    public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

    private final String merchantId;
    private final String serialNumber;
    private final Provider provider;
    private final PrivateKey key;
    private final ThreadLocal<Signature> signatures;

    private RequestSigner(String merchantId, String serialNumber, PrivateKey key, Provider provider) {
        this.merchantId = merchantId;
        this.serialNumber = serialNumber;
        this.provider = provider;
        this.key = CryptoProviders.translate(key, provider);
        this.signatures = ThreadLocal.withInitial(this::newSignature);
    }

    /**
     * Creates a signer.
     *
     * @param merchantId   the {@code mchid} (in partner mode the service provider's id)
     * @param serialNumber the merchant API certificate serial ({@code serial_no})
     * @param privateKey   the merchant API private key (RSA)
     * @param provider     the JCA provider for SHA256withRSA, or null to use a fast provider when one is present
     *                     (Amazon Corretto Crypto Provider) and the JDK's otherwise
     */
    public static RequestSigner create(String merchantId, String serialNumber, PrivateKey privateKey,
            Provider provider) {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!"RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("merchant private key must be RSA, got " + privateKey.getAlgorithm());
        }
        return new RequestSigner(merchantId, serialNumber, privateKey, CryptoProviders.resolve(provider));
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(CryptoProviders.ALGORITHM, provider);
            signature.initSign(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new WechatPayException("cannot initialise " + CryptoProviders.ALGORITHM + " signing with provider "
                    + provider.getName() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The message that is signed, as UTF-8 bytes: {@code METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nBODY\n}.
     *
     * @param body the exact body bytes sent, or null for none (signed as the empty string)
     */
    public static byte[] message(String method, String pathAndQuery, long timestamp, String nonce, byte[] body) {
        return message(head(method, pathAndQuery, timestamp, nonce), body);
    }

    /** {@code head} (lines already ending in {@code \n}), the body bytes and a final {@code \n}: every signed message. */
    static byte[] message(byte[] head, byte[] body) {
        int bodyLength = body == null ? 0 : body.length;
        byte[] message = new byte[head.length + bodyLength + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        if (bodyLength > 0) {
            System.arraycopy(body, 0, message, head.length, bodyLength);
        }
        message[message.length - 1] = '\n';
        return message;
    }

    private static byte[] head(String method, String pathAndQuery, long timestamp, String nonce) {
        return (method + '\n' + pathAndQuery + '\n' + timestamp + '\n' + nonce + '\n')
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Signs the message and returns the Base64 signature.
     *
     * @param method       HTTP method as sent (upper case)
     * @param pathAndQuery raw path plus {@code ?} and raw query, exactly as on the wire
     * @param body         the exact body bytes sent, or null for none
     * @param timestamp    Unix epoch seconds
     * @param nonce        the nonce sent in the header
     */
    public String signature(String method, String pathAndQuery, byte[] body, long timestamp, String nonce) {
        Signature signature = signatures.get();
        try {
            // Feed the parts separately: the body is never copied into a combined message.
            signature.update(head(method, pathAndQuery, timestamp, nonce));
            if (body != null && body.length > 0) {
                signature.update(body);
            }
            signature.update((byte) '\n');
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            signatures.remove(); // its state is unknown now: start the next call from a fresh instance
            throw new WechatPayException("signing the request failed with provider " + provider.getName() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Signs an arbitrary message with the merchant key (SHA256withRSA, Base64): the second signature of the invoke
     * parameters a front end passes to WeChat Pay ({@link InvokeParamsSigner}), which only the merchant key can make.
     */
    String signMessage(byte[] message) {
        Signature signature = signatures.get();
        try {
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            signatures.remove(); // its state is unknown now: start the next call from a fresh instance
            throw new WechatPayException("signing the invoke parameters failed with provider " + provider.getName()
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The full {@code Authorization} header value for the request (see {@link #signature}). */
    public String authorization(String method, String pathAndQuery, byte[] body, long timestamp, String nonce) {
        String signature = signature(method, pathAndQuery, body, timestamp, nonce);
        return SCHEME + " mchid=\"" + merchantId + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serialNumber + "\"";
    }

    /** The merchant id this signer signs for. */
    public String merchantId() {
        return merchantId;
    }

    /** The merchant certificate serial put in {@code serial_no}. */
    public String serialNumber() {
        return serialNumber;
    }

    /** The JCA provider that signs. */
    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "RequestSigner{mchid=" + merchantId + ", serial_no=" + serialNumber + ", provider=" + provider.getName()
                + "}";
    }
}
