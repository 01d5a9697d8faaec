package dev.wxpay.spring;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Creates the {@link WechatPayObservationInterceptor} when the application has an {@link ObservationRegistry} (Spring
 * Boot's Actuator creates one). The starter adds every {@code Interceptor} bean to the clients it builds. Ordered
 * before the client auto-configurations so that their conditions are not affected. Stateless.
 */
@AutoConfiguration(before = {WechatPayAutoConfiguration.class, WechatPayMerchantsAutoConfiguration.class},
        afterName = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(ObservationRegistry.class)
public class WechatPayObservationAutoConfiguration {

    /** Creates the configuration; Spring Boot instantiates it from the auto-configuration imports. */
    public WechatPayObservationAutoConfiguration() {
        // Stateless.
    }

    /**
     * @param registry the application's observation registry
     * @return the interceptor the starter's clients run every call through
     */
    @Bean
    @ConditionalOnMissingBean
    public WechatPayObservationInterceptor wechatPayObservationInterceptor(ObservationRegistry registry) {
        return new WechatPayObservationInterceptor(registry);
    }
}
