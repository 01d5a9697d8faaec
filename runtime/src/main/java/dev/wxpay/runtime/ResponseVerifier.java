package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies that a response or notification comes from WeChat Pay, as a pure function of (headers, body bytes, now)
 * and the trusted keys it was created with. The message is {@code TIMESTAMP\nNONCE\nBODY\n} over the exact body
 * bytes; the key is chosen by {@code Wechatpay-Serial} among WeChat Pay public keys ({@code PUB_KEY_ID_…}) and
 * platform certificate serials, which may be trusted side by side during WeChat Pay's migration.
 *
 * <p>Fails with {@link VerificationException} on a missing header, an unknown serial, an unsupported signature type,
 * a {@code WECHATPAY/SIGNTEST/} probe, a timestamp that does not parse or is more than {@link #WINDOW} from
 * {@code now} either way, a signature that is not Base64, or a signature that does not match.
 *
 * <p>Immutable and thread-safe: each thread keeps its own {@link Signature} per trusted key (they are not
 * thread-safe), initialised once.
 */
public final class ResponseVerifier {
    /** The largest accepted distance between {@code Wechatpay-Timestamp} and the local clock, either way. */
    public static final Duration WINDOW = Duration.ofSeconds(300);
    /** Prefix of the probe signatures WeChat Pay sends to check that merchants really verify. */
    public static final String SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/";

    private final Map<String, TrustedKey> keysByNormalisedId;
    private final Set<String> trustedIds;
    private final Provider provider;

    /**
     * One trusted key and, per thread, a {@link Signature} initialised for it once ({@code verify} returns a
     * {@code Signature} to its freshly initialised state, so it is reused instead of looked up and keyed per call).
     */
    private static final class TrustedKey {
        final ThreadLocal<Signature> verifiers;

        TrustedKey(PublicKey key, Provider provider) {
            this.verifiers = ThreadLocal.withInitial(() -> {
                try {
                    Signature signature = Signature.getInstance(CryptoProviders.ALGORITHM, provider);
                    signature.initVerify(key);
                    return signature;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        }
    }

    private ResponseVerifier(Map<String, PublicKey> trustedKeys, Provider provider) {
        this.provider = provider;
        Map<String, TrustedKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, PublicKey> e : trustedKeys.entrySet()) {
            keys.put(normalise(e.getKey()), new TrustedKey(CryptoProviders.translate(e.getValue(), provider), provider));
        }
        this.keysByNormalisedId = Collections.unmodifiableMap(keys);
        this.trustedIds = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(trustedKeys.keySet()));
    }

    /**
     * Creates a verifier.
     *
     * @param trustedKeys WeChat Pay keys by id: public-key ids ({@code PUB_KEY_ID_…}) and/or platform certificate
     *                    serials (hex); at least one
     * @param provider    the JCA provider for SHA256withRSA, or null for the same automatic choice as
     *                    {@link RequestSigner#create}
     */
    public static ResponseVerifier create(Map<String, PublicKey> trustedKeys, Provider provider) {
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted WeChat Pay key is required");
        }
        return new ResponseVerifier(trustedKeys, CryptoProviders.resolve(provider));
    }

    /**
     * Serials are compared ignoring case; hex certificate serials also ignoring leading zeros (a certificate's
     * serial printed from its number drops them).
     */
    static String normalise(String id) {
        String upper = id.trim().toUpperCase(Locale.ROOT);
        if (!upper.isEmpty() && upper.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            int i = 0;
            while (i < upper.length() - 1 && upper.charAt(i) == '0') {
                i++;
            }
            return upper.substring(i);
        }
        return upper;
    }

    /** The signed message {@code TIMESTAMP\nNONCE\nBODY\n} as bytes. */
    public static byte[] message(String timestamp, String nonce, byte[] body) {
        return RequestSigner.message((timestamp + '\n' + nonce + '\n').getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * Verifies using headers looked up through {@code header} (which must ignore case, or be given the exact
     * names): {@code Wechatpay-Serial}, {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce},
     * {@code Wechatpay-Signature} and the optional {@code Wechatpay-Signature-Type}.
     *
     * @param header    header lookup by name
     * @param body      the exact body bytes received
     * @param now       the local time
     * @param what      what is verified, for messages ({@code "response"}, {@code "notification"})
     * @param requestId the {@code Request-ID} for messages, or null
     * @throws VerificationException when the body is not provably from WeChat Pay
     */
    public void verify(Function<String, String> header, byte[] body, Instant now, String what, String requestId) {
        String signatureType = header.apply("Wechatpay-Signature-Type");
        if (signatureType != null && !RequestSigner.SCHEME.equals(signatureType.trim())) {
            throw new VerificationException(what + " has unsupported Wechatpay-Signature-Type '" + signatureType
                    + "'; this client verifies " + RequestSigner.SCHEME, requestId);
        }
        verify(header.apply("Wechatpay-Serial"), header.apply("Wechatpay-Timestamp"), header.apply("Wechatpay-Nonce"),
                header.apply("Wechatpay-Signature"), body, now, what, requestId);
    }

    /**
     * Verifies one signed body.
     *
     * @param serial    {@code Wechatpay-Serial}
     * @param timestamp {@code Wechatpay-Timestamp} (Unix epoch seconds)
     * @param nonce     {@code Wechatpay-Nonce}
     * @param signature {@code Wechatpay-Signature} (Base64)
     * @param body      the exact body bytes received (null means empty)
     * @param now       the local time
     * @param what      what is verified, for messages
     * @param requestId the {@code Request-ID} for messages, or null
     * @throws VerificationException when the body is not provably from WeChat Pay
     */
    public void verify(String serial, String timestamp, String nonce, String signature, byte[] body, Instant now,
            String what, String requestId) {
        StringBuilder missing = new StringBuilder();
        appendIfMissing(missing, "Wechatpay-Serial", serial);
        appendIfMissing(missing, "Wechatpay-Timestamp", timestamp);
        appendIfMissing(missing, "Wechatpay-Nonce", nonce);
        appendIfMissing(missing, "Wechatpay-Signature", signature);
        if (missing.length() > 0) {
            throw new VerificationException(what + " is not signed: missing " + missing, requestId);
        }
        if (signature.startsWith(SIGNTEST_PREFIX)) {
            throw new VerificationException(what + " carries a WECHATPAY/SIGNTEST/ probe signature; WeChat Pay sends"
                    + " these to check that merchants verify, and they must fail", requestId);
        }
        TrustedKey key = keysByNormalisedId.get(normalise(serial));
        if (key == null) {
            throw new VerificationException(what + " is signed with unknown Wechatpay-Serial '" + serial
                    + "'; trusted: " + trustedIds + " (add the key with wechatPayPublicKey or platformCertificate)",
                    requestId);
        }
        long seconds = parseTimestamp(timestamp.trim(), what, requestId);
        long skew = seconds - now.getEpochSecond();
        if (Math.abs(skew) > WINDOW.getSeconds()) {
            throw new VerificationException(what + " Wechatpay-Timestamp " + seconds + " is " + Math.abs(skew)
                    + " s " + (skew > 0 ? "ahead of" : "behind") + " the local clock (allowed: "
                    + WINDOW.getSeconds() + " s); check the server clock or a replay", requestId);
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(what + " Wechatpay-Signature is not valid Base64", requestId, e);
        }
        boolean valid;
        try {
            Signature verifier = key.verifiers.get();
            verifier.update((timestamp + '\n' + nonce + '\n').getBytes(StandardCharsets.UTF_8));
            if (body != null && body.length > 0) {
                verifier.update(body);
            }
            verifier.update((byte) '\n');
            valid = verifier.verify(signatureBytes);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature (wrong length, bad padding) is simply not a valid signature. The thread's
            // Signature may be left mid-way: drop it, the next call initialises a fresh one.
            key.verifiers.remove();
            throw new VerificationException(what + " signature could not be checked against key '" + serial + "': "
                    + e.getClass().getSimpleName(), requestId, e);
        }
        if (!valid) {
            throw new VerificationException(what + " signature does not match its body for key '" + serial
                    + "' (tampered in transit, or not from WeChat Pay)", requestId);
        }
    }

    private static void appendIfMissing(StringBuilder missing, String name, String value) {
        if (value == null || value.trim().isEmpty()) {
            missing.append(missing.length() == 0 ? "" : ", ").append(name);
        }
    }

    private static long parseTimestamp(String timestamp, String what, String requestId) {
        if (timestamp.isEmpty() || timestamp.length() > 18 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new VerificationException(what + " Wechatpay-Timestamp '" + timestamp
                    + "' is not Unix epoch seconds", requestId);
        }
        return Long.parseLong(timestamp);
    }

    /** Whether {@code id} names a trusted key (compared like {@code Wechatpay-Serial}). */
    boolean trusts(String id) {
        return id != null && keysByNormalisedId.containsKey(normalise(id));
    }

    /** The trusted key ids, as configured. */
    public Set<String> trustedIds() {
        return trustedIds;
    }

    /** The JCA provider that verifies. */
    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "ResponseVerifier{trusted=" + trustedIds + ", provider=" + provider.getName() + "}";
    }
}
