package dev.wxpay.spring;

import dev.wxpay.runtime.WechatPayClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Creates the {@code wxpay} health indicator when Spring Boot 3's Actuator is on the class path (Boot 4:
 * {@link WechatPayBoot4HealthAutoConfiguration}) and the starter loaded the merchant's keys. Uses the application's
 * {@link Clock} bean when there is one. Stateless.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(MerchantKeys.class)
public class WechatPayHealthAutoConfiguration {

    /** Creates the configuration; Spring Boot instantiates it from the auto-configuration imports. */
    public WechatPayHealthAutoConfiguration() {
        // Stateless.
    }

    /**
     * Named so that Actuator shows it as {@code wxpay}.
     *
     * @param keys   the merchant's keys
     * @param client the client, whose downloaded platform certificates count too
     * @param clock  the application's clock, if it defines one
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "wxpayHealthIndicator")
    public WechatPayHealthIndicator wxpayHealthIndicator(MerchantKeys keys, ObjectProvider<WechatPayClient> client,
            ObjectProvider<Clock> clock) {
        return new WechatPayHealthIndicator(keys, WechatPayHealth.downloadedBy(client::getObject),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
