package dev.wxpay.runtime;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Platform certificates that change while a client runs: what {@link TrustStore} asks for the current set, and
 * tells when an answer names a serial it does not know. Implementations are thread-safe.
 */
interface CertificateSource {
    /**
     * The certificates adopted now, as an immutable list whose identity changes exactly when the set changes (so
     * callers can cache what they derive from it).
     */
    List<X509Certificate> current();

    /**
     * An answer or notification carries {@code serial}, which is not trusted: refresh now unless a refresh ran
     * recently. Never throws; failures are reported by the implementation.
     *
     * @return whether {@code serial} is trusted afterwards
     */
    boolean refreshForUnknownSerial(String serial);
}
