package dev.wxpay.spring;

import dev.wxpay.runtime.NotificationParser;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Creates {@link WechatPayNotifications} when Spring Web is on the class path and a {@link NotificationParser} bean
 * exists (the starter's or the application's own). Ordered after {@link WechatPayAutoConfiguration} so that the
 * parser condition sees the starter's parser. Stateless.
 */
@AutoConfiguration(after = WechatPayAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.http.ResponseEntity")
@ConditionalOnBean(NotificationParser.class)
public class WechatPayNotificationsAutoConfiguration {

    /** Creates the configuration; Spring Boot instantiates it from the auto-configuration imports. */
    public WechatPayNotificationsAutoConfiguration() {
        // Stateless.
    }

    /**
     * @param parser       the merchant's notification parser
     * @param observations the application's observation registry, if any
     * @return the answerer that notification controllers delegate to
     */
    @Bean
    @ConditionalOnMissingBean
    public WechatPayNotifications wechatPayNotifications(NotificationParser parser,
            ObjectProvider<ObservationRegistry> observations) {
        return new WechatPayNotifications(parser, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
