package dev.wxpay.spring;

import dev.wxpay.runtime.PlatformCertificates;
import dev.wxpay.runtime.WechatPayClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the {@code wxpay} health says about one merchant, apart from Actuator's types (which moved packages between
 * Spring Boot 3 and 4): whether a trusted WeChat Pay key is valid now, and the details. The Boot 3
 * ({@link WechatPayHealthIndicator}) and Boot 4 ({@link WechatPayBoot4HealthIndicator}) indicators print it.
 * Immutable and thread-safe.
 */
final class WechatPayHealth {
    private final MerchantKeys keys;
    private final Supplier<List<X509Certificate>> downloaded;
    private final Clock clock;

    /** The health's verdict: UP or DOWN, and the details in a stable order. */
    record Report(boolean up, Map<String, Object> details) {
    }

    /**
     * @param keys       the merchant's configured keys
     * @param downloaded the platform certificates downloaded so far (empty without auto-platform-certificates)
     * @param clock      the clock that decides validity
     */
    WechatPayHealth(MerchantKeys keys, Supplier<List<X509Certificate>> downloaded, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.downloaded = Objects.requireNonNull(downloaded, "downloaded");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The certificates a client downloads with auto-platform-certificates; none for any other client. */
    static Supplier<List<X509Certificate>> downloadedBy(Supplier<WechatPayClient> client) {
        return () -> client.get().platformCertificates().map(PlatformCertificates::certificates).orElse(List.of());
    }

    Report report() {
        Instant now = clock.instant();
        List<Map<String, Object>> certificates = new ArrayList<>();
        X509Certificate nearest = null;
        List<X509Certificate> all = new ArrayList<>(keys.platformCertificates());
        all.addAll(downloaded.get());
        for (X509Certificate certificate : all) {
            boolean valid = !now.isBefore(certificate.getNotBefore().toInstant())
                    && now.isBefore(certificate.getNotAfter().toInstant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
            detail.put("notAfter", certificate.getNotAfter().toInstant().toString());
            detail.put("valid", valid);
            certificates.add(detail);
            if (valid && (nearest == null || certificate.getNotAfter().before(nearest.getNotAfter()))) {
                nearest = certificate;
            }
        }
        boolean publicKey = keys.publicKey() != null;
        Map<String, Object> details = new LinkedHashMap<>();
        if (publicKey) {
            details.put("publicKeyId", keys.publicKeyId());
        }
        if (!certificates.isEmpty()) {
            details.put("platformCertificates", certificates);
        }
        if (nearest != null) {
            long days = Duration.between(now, nearest.getNotAfter().toInstant()).toDays();
            details.put("daysUntilNearestCertificateExpiry", days);
            if (days < WechatPayHealthIndicator.WARNING_DAYS) {
                details.put("warning", "a WeChat Pay platform certificate expires in " + days
                        + " days: download the new one (or move to the WeChat Pay public key)");
            }
        }
        boolean up = publicKey || nearest != null;
        if (!up) {
            details.put("error", "no trusted WeChat Pay key is valid now, so no response or notification can"
                    + " be verified");
        }
        return new Report(up, Collections.unmodifiableMap(details));
    }

    @Override
    public String toString() {
        return keys.toString();
    }
}
