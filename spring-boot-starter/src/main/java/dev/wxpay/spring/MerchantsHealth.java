package dev.wxpay.spring;

import dev.wxpay.runtime.WechatPayClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Registers the {@code wxpay} health for several merchants: one {@link WechatPayHealthIndicator} per merchant name,
 * grouped under {@code wxpay}. Kept apart from {@link WechatPayMerchantsRegistrar} so that Actuator classes are only
 * loaded when Actuator is present. Stateless.
 */
final class MerchantsHealth {
    /** Actuator names the contributor {@code wxpay} after the bean name without its suffix. */
    static final String BEAN = "wxpayHealthContributor";

    private MerchantsHealth() {
    }

    static void register(BeanDefinitionRegistry registry, Map<String, Supplier<MerchantKeys>> keys,
            BeanFactory beanFactory) {
        Supplier<CompositeHealthContributor> supplier = () -> {
            Clock clock = beanFactory.getBeanProvider(Clock.class).getIfAvailable(Clock::systemUTC);
            Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
            keys.forEach((name, merchantKeys) -> indicators.put(name, new WechatPayHealthIndicator(merchantKeys.get(),
                    WechatPayHealth.downloadedBy(() -> beanFactory.getBean(name + "WechatPayClient",
                            WechatPayClient.class)), clock)));
            return CompositeHealthContributor.fromMap(indicators);
        };
        registry.registerBeanDefinition(BEAN, new RootBeanDefinition(CompositeHealthContributor.class, supplier));
    }
}
