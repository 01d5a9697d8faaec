package dev.wxpay.spring;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code wxpay} Actuator health: which WeChat Pay keys the merchant trusts and how many days remain until the
 * nearest platform certificate expires. DOWN when no trusted key is valid now (responses and notifications could not
 * be verified); a {@code warning} detail when a certificate expires within {@value #WARNING_DAYS} days. Shows key
 * ids and certificate serial numbers, never keys or merchant numbers. Immutable and thread-safe.
 */
public final class WechatPayHealthIndicator implements HealthIndicator {
    /** Within this many days of a certificate's expiry the health carries a warning. */
    public static final int WARNING_DAYS = 7;

    private final MerchantKeys keys;
    private final Clock clock;

    /**
     * @param keys  the merchant's trusted keys
     * @param clock the clock that decides validity (injected so that tests can move it)
     */
    public WechatPayHealthIndicator(MerchantKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<Map<String, Object>> certificates = new ArrayList<>();
        X509Certificate nearest = null;
        for (X509Certificate certificate : keys.platformCertificates()) {
            boolean valid = !now.isBefore(certificate.getNotBefore().toInstant())
                    && now.isBefore(certificate.getNotAfter().toInstant());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("serialNumber", certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
            detail.put("notAfter", certificate.getNotAfter().toInstant().toString());
            detail.put("valid", valid);
            certificates.add(detail);
            if (valid && (nearest == null || certificate.getNotAfter().before(nearest.getNotAfter()))) {
                nearest = certificate;
            }
        }
        boolean publicKey = keys.publicKey() != null;
        Health.Builder health = publicKey || nearest != null ? Health.up() : Health.down();
        if (publicKey) {
            health.withDetail("publicKeyId", keys.publicKeyId());
        }
        if (!certificates.isEmpty()) {
            health.withDetail("platformCertificates", certificates);
        }
        if (nearest != null) {
            long days = Duration.between(now, nearest.getNotAfter().toInstant()).toDays();
            health.withDetail("daysUntilNearestCertificateExpiry", days);
            if (days < WARNING_DAYS) {
                health.withDetail("warning", "a WeChat Pay platform certificate expires in " + days
                        + " days: download the new one (or move to the WeChat Pay public key)");
            }
        }
        if (!publicKey && nearest == null) {
            health.withDetail("error", "no trusted WeChat Pay key is valid now, so no response or notification can"
                    + " be verified");
        }
        return health.build();
    }

    @Override
    public String toString() {
        return "WechatPayHealthIndicator[" + keys + "]";
    }
}
