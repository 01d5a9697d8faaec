package dev.wxpay.spring;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code wxpay} health on Spring Boot 4, whose health API moved to {@code org.springframework.boot.health}: the
 * same report as {@link WechatPayHealthIndicator} on Boot 3. Immutable and thread-safe.
 */
public final class WechatPayBoot4HealthIndicator implements HealthIndicator {
    private final WechatPayHealth health;

    /**
     * @param keys       the merchant's configured keys
     * @param downloaded the platform certificates downloaded so far ({@code auto-platform-certificates})
     * @param clock      the clock that decides validity
     */
    public WechatPayBoot4HealthIndicator(MerchantKeys keys, Supplier<List<X509Certificate>> downloaded, Clock clock) {
        this.health = new WechatPayHealth(keys, downloaded, clock);
    }

    @Override
    public Health health() {
        WechatPayHealth.Report report = health.report();
        return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
    }

    @Override
    public String toString() {
        return "WechatPayBoot4HealthIndicator[" + health + "]";
    }
}
