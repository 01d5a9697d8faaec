package dev.wxpay.spring;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code wxpay} Actuator health on Spring Boot 3: which WeChat Pay keys the merchant trusts and how many days
 * remain until the nearest platform certificate expires (configured or downloaded). DOWN when no trusted key is valid
 * now (responses and notifications could not be verified); a {@code warning} detail when a certificate expires within
 * {@value #WARNING_DAYS} days. Shows key ids and certificate serial numbers, never keys or merchant numbers. Spring
 * Boot 4 gets the same from {@link WechatPayBoot4HealthIndicator}. Immutable and thread-safe.
 */
public final class WechatPayHealthIndicator implements HealthIndicator {
    /** Within this many days of a certificate's expiry the health carries a warning. */
    public static final int WARNING_DAYS = 7;

    private final WechatPayHealth health;

    /**
     * @param keys  the merchant's trusted keys
     * @param clock the clock that decides validity (injected so that tests can move it)
     */
    public WechatPayHealthIndicator(MerchantKeys keys, Clock clock) {
        this(keys, List::of, clock);
    }

    /**
     * @param keys       the merchant's configured keys
     * @param downloaded the platform certificates downloaded so far ({@code auto-platform-certificates})
     * @param clock      the clock that decides validity
     */
    public WechatPayHealthIndicator(MerchantKeys keys, Supplier<List<X509Certificate>> downloaded, Clock clock) {
        this.health = new WechatPayHealth(keys, downloaded, clock);
    }

    @Override
    public Health health() {
        WechatPayHealth.Report report = health.report();
        return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
    }

    @Override
    public String toString() {
        return "WechatPayHealthIndicator[" + health + "]";
    }
}
