package dev.wxpay.runtime;

import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The WeChat Pay keys a built client or parser trusts at this moment: the statically configured ones plus, when
 * a {@link CertificateSource} (the self-refreshing {@code PlatformCertificates}) is attached, the certificates currently adopted. It verifies answers and
 * notifications, and names the key that goes into {@code Wechatpay-Serial} and encrypts sensitive fields.
 *
 * <p>Thread-safe: an immutable {@link Snapshot} is swapped whenever the certificate set changes. An answer signed
 * under a serial it does not know asks the certificates for an on-demand refresh (which they rate-limit) before
 * failing, so a rotation is picked up on the first answer signed with the new certificate.
 */
final class TrustStore {
    private final Map<String, PublicKey> staticKeys;
    private final String firstPublicKeyId;
    private final List<X509Certificate> staticCertificates;
    private final String requestSerial;
    private final Provider provider;
    private final CertificateSource certificates;
    private volatile Snapshot snapshot;

    /** The key requests announce and sensitive fields are encrypted with. Immutable. */
    static final class EncryptionKey {
        final String id;
        final PublicKey key;

        EncryptionKey(String id, PublicKey key) {
            this.id = id;
            this.key = key;
        }
    }

    /** The trusted keys for one certificate set. Immutable. */
    private static final class Snapshot {
        final List<X509Certificate> source;
        final ResponseVerifier verifier;
        final EncryptionKey encryptionKey;

        Snapshot(List<X509Certificate> source, ResponseVerifier verifier, EncryptionKey encryptionKey) {
            this.source = source;
            this.verifier = verifier;
            this.encryptionKey = encryptionKey;
        }
    }

    /**
     * @param staticKeys         keys configured by id, in the order given
     * @param firstPublicKeyId   the first configured WeChat Pay public key id, or null
     * @param staticCertificates the configured platform certificates
     * @param requestSerial      the id configured for {@code Wechatpay-Serial}, or null for the default
     * @param provider           the resolved JCA provider
     * @param certificates       self-refreshing certificates, or null
     */
    TrustStore(Map<String, PublicKey> staticKeys, String firstPublicKeyId, List<X509Certificate> staticCertificates,
            String requestSerial, Provider provider, CertificateSource certificates) {
        this.staticKeys = Collections.unmodifiableMap(new LinkedHashMap<>(staticKeys));
        this.firstPublicKeyId = firstPublicKeyId;
        this.staticCertificates = List.copyOf(staticCertificates);
        this.requestSerial = requestSerial;
        this.provider = provider;
        this.certificates = certificates;
    }

    /**
     * Verifies a signed answer or notification (see {@link ResponseVerifier#verify}); an unknown
     * {@code Wechatpay-Serial} first asks the platform certificates, when attached, to refresh.
     */
    void verify(Function<String, String> header, byte[] body, Instant now, String what, String requestId) {
        Snapshot current = snapshot();
        String serial = header.apply("Wechatpay-Serial");
        if (serial != null && certificates != null && (current.verifier == null || !current.verifier.trusts(serial))
                && certificates.refreshForUnknownSerial(serial)) {
            current = snapshot();
        }
        if (current.verifier == null) {
            throw new VerificationException(what + " cannot be verified: no WeChat Pay key is trusted yet",
                    requestId);
        }
        current.verifier.verify(header, body, now, what, requestId);
    }

    /** The key for {@code Wechatpay-Serial} and sensitive fields, as of now; null before anything is trusted. */
    EncryptionKey encryptionKey() {
        return snapshot().encryptionKey;
    }

    /** The ids trusted now, in order: configured keys, then adopted certificates. */
    List<String> trustedIds() {
        Snapshot current = snapshot();
        return current.verifier == null ? List.of() : List.copyOf(current.verifier.trustedIds());
    }

    /** Whether {@code id} names a key trusted now. */
    boolean trusts(String id) {
        Snapshot current = snapshot();
        return current.verifier != null && current.verifier.trusts(id);
    }

    private Snapshot snapshot() {
        List<X509Certificate> adopted = certificates == null ? List.of() : certificates.current();
        Snapshot current = snapshot;
        if (current != null && current.source == adopted) {
            return current;
        }
        Snapshot fresh = build(adopted);
        snapshot = fresh; // a racing thread may build the same snapshot once more; both are equal
        return fresh;
    }

    private Snapshot build(List<X509Certificate> adopted) {
        Map<String, PublicKey> keys = new LinkedHashMap<>(staticKeys);
        List<X509Certificate> all = new ArrayList<>(staticCertificates);
        for (X509Certificate certificate : adopted) {
            String serial = PemKeys.serialNumber(certificate);
            if (keys.keySet().stream().noneMatch(id -> ResponseVerifier.normalise(id)
                    .equals(ResponseVerifier.normalise(serial)))) {
                keys.put(serial, certificate.getPublicKey());
                all.add(certificate);
            }
        }
        if (keys.isEmpty()) {
            return new Snapshot(adopted, null, null); // before the first certificate download
        }
        return new Snapshot(adopted, ResponseVerifier.create(keys, provider), chooseEncryptionKey(keys, all));
    }

    /** The configured request serial when trusted, else the first public key, else the newest certificate. */
    private EncryptionKey chooseEncryptionKey(Map<String, PublicKey> keys, List<X509Certificate> all) {
        if (requestSerial != null) {
            for (Map.Entry<String, PublicKey> e : keys.entrySet()) {
                if (ResponseVerifier.normalise(e.getKey()).equals(ResponseVerifier.normalise(requestSerial))) {
                    return new EncryptionKey(e.getKey(), e.getValue());
                }
            }
        }
        if (firstPublicKeyId != null) {
            return new EncryptionKey(firstPublicKeyId, keys.get(firstPublicKeyId));
        }
        X509Certificate newest = null;
        for (X509Certificate certificate : all) {
            if (newest == null || certificate.getNotAfter().after(newest.getNotAfter())) {
                newest = certificate;
            }
        }
        String serial = PemKeys.serialNumber(newest);
        return new EncryptionKey(serial, newest.getPublicKey());
    }
}
