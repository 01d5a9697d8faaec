package dev.wxpay.spring;

import dev.wxpay.runtime.WechatPayClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * On Spring Boot 4 (health API in {@code org.springframework.boot.health.contributor}): registers the {@code wxpay}
 * health for several merchants: one {@link WechatPayBoot4HealthIndicator} per merchant name, grouped under
 * {@code wxpay}. Kept apart from {@link WechatPayMerchantsRegistrar} so that Actuator classes are only
 * loaded when Actuator is present. Stateless.
 */
final class MerchantsBoot4Health {
    /** The same bean name as on Boot 3, so Actuator shows it as {@code wxpay}. */
    static final String BEAN = MerchantsHealth.BEAN;

    private MerchantsBoot4Health() {
    }

    static void register(BeanDefinitionRegistry registry, Map<String, Supplier<MerchantKeys>> keys,
            BeanFactory beanFactory) {
        Supplier<CompositeHealthContributor> supplier = () -> {
            Clock clock = beanFactory.getBeanProvider(Clock.class).getIfAvailable(Clock::systemUTC);
            Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
            keys.forEach((name, merchantKeys) -> indicators.put(name, new WechatPayBoot4HealthIndicator(
                    merchantKeys.get(), WechatPayHealth.downloadedBy(() -> beanFactory.getBean(name + "WechatPayClient",
                            WechatPayClient.class)), clock)));
            return CompositeHealthContributor.fromMap(indicators);
        };
        registry.registerBeanDefinition(BEAN, new RootBeanDefinition(CompositeHealthContributor.class, supplier));
    }
}
