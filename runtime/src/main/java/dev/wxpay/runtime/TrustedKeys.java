package dev.wxpay.runtime;

import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust configuration both {@link WechatPayClient.Builder} and {@link NotificationParser.Builder} collect: the
 * WeChat Pay keys they trust, checked the same way (an RSA key, a present id, no second key under an id already
 * trusted, certificates valid on the configured clock), and the key id requests announce. Problems are added to
 * the builder's list so that {@code build()} can name them all at once; {@link #store} turns the configuration
 * into the {@link TrustStore} the built object verifies with.
 *
 * <p>Mutable and not thread-safe: one per builder.
 */
final class TrustedKeys {
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<String> problems;
    private String firstPublicKeyId;
    private String requestSerial;
    private boolean autoCertificates;
    private String apiV3Key;
    private java.time.Duration refreshInterval = PlatformCertificates.DEFAULT_REFRESH_INTERVAL;
    private PlatformCertificates.Listener listener = new PlatformCertificates.Listener() { };
    private PlatformCertificates shared;

    /** @param problems where the builder collects what is wrong */
    TrustedKeys(List<String> problems) {
        this.problems = problems;
    }

    void publicKey(String publicKeyId, PublicKey key) {
        if (publicKeyId == null || publicKeyId.trim().isEmpty()) {
            problems.add("wechatPayPublicKey: the public key id is missing (expected PUB_KEY_ID_…)");
        } else if (key == null) {
            problems.add("wechatPayPublicKey(" + publicKeyId + "): the key is null");
        } else if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
            problems.add("wechatPayPublicKey(" + publicKeyId + "): expected an RSA key, got " + key.getAlgorithm());
        } else if (trust(publicKeyId.trim(), key, "wechatPayPublicKey") && firstPublicKeyId == null) {
            firstPublicKeyId = publicKeyId.trim();
        }
    }

    void certificate(X509Certificate certificate) {
        if (certificate == null) {
            problems.add("platformCertificate: the certificate is null");
            return;
        }
        String serial = PemKeys.serialNumber(certificate);
        if (!"RSA".equalsIgnoreCase(certificate.getPublicKey().getAlgorithm())) {
            problems.add("platformCertificate(" + serial + "): expected an RSA key, got "
                    + certificate.getPublicKey().getAlgorithm());
        } else if (trust(serial, certificate.getPublicKey(), "platformCertificate")) {
            certificates.add(certificate);
        }
    }

    void requestSerial(String keyId) {
        if (keyId == null || keyId.trim().isEmpty()) {
            problems.add("requestSerial: the key id is missing (a trusted PUB_KEY_ID_… or platform certificate"
                    + " serial)");
        } else {
            requestSerial = keyId.trim();
        }
    }

    void autoPlatformCertificates(String apiV3Key) {
        this.autoCertificates = true;
        this.apiV3Key = apiV3Key;
    }

    void refreshInterval(java.time.Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            problems.add("platformCertificatesRefreshInterval must be positive, got " + interval);
        } else {
            this.refreshInterval = interval;
        }
    }

    void listener(PlatformCertificates.Listener listener) {
        if (listener == null) {
            problems.add("platformCertificatesListener: the listener is null");
        } else {
            this.listener = listener;
        }
    }

    void shared(PlatformCertificates certificates) {
        if (certificates == null) {
            problems.add("platformCertificates: the certificates are null (take them from"
                    + " WechatPayClient#platformCertificates())");
        } else {
            this.shared = certificates;
        }
    }

    /** The certificates a parser shares with a client, or null. */
    PlatformCertificates shared() {
        return shared;
    }

    /**
     * The self-refreshing certificates of a client configured with {@code autoPlatformCertificates}, not yet
     * started; null when not configured. {@link #check} has vetted the APIv3 key.
     */
    PlatformCertificates newPlatformCertificates(java.util.function.Supplier<WireResponse> download, Clock clock,
            java.security.Provider provider, String merchantId) {
        if (!autoCertificates) {
            return null;
        }
        return new PlatformCertificates(download, AesGcm.of(apiV3Key), clock, keys, provider,
                WechatPayJson.newObjectMapper(), listener, refreshInterval, merchantId);
    }

    /** Whether certificates will come from downloads (automatic or shared with a client). */
    boolean downloads() {
        return autoCertificates || shared != null;
    }

    private boolean trust(String id, PublicKey key, String method) {
        String normalised = ResponseVerifier.normalise(id);
        for (Map.Entry<String, PublicKey> e : keys.entrySet()) {
            if (ResponseVerifier.normalise(e.getKey()).equals(normalised) && !e.getValue().equals(key)) {
                problems.add(method + "(" + id + "): another key is already trusted under the same id");
                return false;
            }
        }
        keys.put(id, key);
        return true;
    }

    /**
     * Adds to {@code errors} when no key is trusted, a certificate is not valid at {@code clock}'s instant, or the
     * request serial names no configured key.
     *
     * @param downloaded whether platform certificates will be downloaded: then no static key is needed, and the
     *                   request serial is checked against the downloaded set by {@link #checkRequestSerial}
     */
    void check(Clock clock, List<String> errors, boolean downloaded) {
        if (keys.isEmpty() && !downloaded) {
            errors.add("a trusted WeChat Pay key is required: call wechatPayPublicKey(id, key) and/or"
                    + " platformCertificate(cert)");
        }
        if (autoCertificates) {
            try {
                AesGcm.of(apiV3Key);
            } catch (IllegalArgumentException e) {
                errors.add("autoPlatformCertificates: " + e.getMessage());
            }
        }
        if (!downloaded && requestSerial != null && keys.keySet().stream().noneMatch(
                id -> ResponseVerifier.normalise(id).equals(ResponseVerifier.normalise(requestSerial)))) {
            errors.add(requestSerialProblem(keys.keySet()));
        }
        if (clock == null) {
            return; // the builder reports the missing clock itself
        }
        for (X509Certificate certificate : certificates) {
            try {
                certificate.checkValidity(Date.from(clock.instant()));
            } catch (CertificateExpiredException e) {
                errors.add("platformCertificate " + PemKeys.serialNumber(certificate) + " expired on "
                        + certificate.getNotAfter().toInstant() + "; download the current one");
            } catch (CertificateNotYetValidException e) {
                errors.add("platformCertificate " + PemKeys.serialNumber(certificate) + " is not valid before "
                        + certificate.getNotBefore().toInstant());
            }
        }
    }

    /** The message for a request serial that names no trusted key, or null when it is fine. */
    String checkRequestSerial(TrustStore store) {
        return requestSerial == null || store.trusts(requestSerial) ? null : requestSerialProblem(store.trustedIds());
    }

    private String requestSerialProblem(java.util.Collection<String> trustedIds) {
        return "requestSerial(" + requestSerial + ") names no trusted key; trusted: " + trustedIds;
    }

    /**
     * The trust store of a built client or parser.
     *
     * @param provider     the resolved JCA provider
     * @param certificates self-refreshing platform certificates, or null
     */
    TrustStore store(java.security.Provider provider, CertificateSource certificates) {
        return new TrustStore(keys, firstPublicKeyId, this.certificates, requestSerial, provider, certificates);
    }
}
