package dev.wxpay.spring;

import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import io.micrometer.observation.ObservationRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * For each merchant under {@code wxpay.merchants.<name>.*} registers {@code <name>WechatPayClient}, and with an APIv3
 * key {@code <name>NotificationParser} and (Spring Web present) {@code <name>WechatPayNotifications}, each carrying
 * the qualifier {@code @Qualifier("<name>")} and marked primary when the merchant sets {@code primary: true}. Keys are
 * read lazily, when the first of the merchant's beans is created, so errors still name the merchant's property.
 * Every generated API class and chain root of the client indexes gets one bean per merchant, qualified and primary
 * the same way ({@link GeneratedApiBeans}). With Actuator present, also the {@code wxpay} health with one entry per
 * merchant. Spring creates one per import; not shared.
 */
public class WechatPayMerchantsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware,
        BeanClassLoaderAware, BeanFactoryAware {
    private static final String MERCHANTS = WechatPayProperties.PREFIX + ".merchants";

    private Environment environment;
    private ClassLoader classLoader;
    private BeanFactory beanFactory;

    /** Creates the registrar; Spring instantiates it from {@code @Import}. */
    public WechatPayMerchantsRegistrar() {
        // Configured through the Aware callbacks.
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, NamedMerchantProperties> merchants = Binder.get(environment)
                .bind(MERCHANTS, Bindable.mapOf(String.class, NamedMerchantProperties.class)).orElse(Map.of());
        if (merchants.isEmpty()) {
            return;
        }
        if (environment.containsProperty(WechatPayProperties.PREFIX + ".merchant-id")) {
            throw new WechatPayConfigurationException(WechatPayProperties.PREFIX + ".merchant-id",
                    "set together with " + MERCHANTS + " (" + String.join(", ", merchants.keySet()) + ")",
                    "Use one style: move the single merchant's settings under " + MERCHANTS
                            + ".<name>, or remove " + MERCHANTS + ".");
        }
        List<String> primaries = merchants.entrySet().stream().filter(e -> e.getValue().isPrimary())
                .map(Map.Entry::getKey).collect(Collectors.toList());
        if (primaries.size() > 1) {
            throw new WechatPayConfigurationException(MERCHANTS + ".*.primary", "primary: true on "
                    + String.join(", ", primaries), "Mark at most one merchant primary; inject the others with"
                    + " @Qualifier(\"<name>\").");
        }
        boolean web = ClassUtils.isPresent("org.springframework.http.ResponseEntity", classLoader);
        Map<String, Supplier<MerchantKeys>> keys = new LinkedHashMap<>();
        GeneratedApiBeans apis = GeneratedApiBeans.of(classLoader, (ListableBeanFactory) beanFactory);
        merchants.forEach((name, properties) -> {
            keys.put(name, register(registry, name, properties, web, beanFactory));
            apis.registerMerchant(registry, name, properties.isPrimary(),
                    () -> beanFactory.getBean(name + "WechatPayClient", WechatPayClient.class));
        });
        if (registry.containsBeanDefinition(MerchantsHealth.BEAN)) {
            return;
        }
        if (ClassUtils.isPresent("org.springframework.boot.actuate.health.CompositeHealthContributor", classLoader)) {
            MerchantsHealth.register(registry, keys, beanFactory);
        } else if (ClassUtils.isPresent("org.springframework.boot.health.contributor.CompositeHealthContributor",
                classLoader)) {
            MerchantsBoot4Health.register(registry, keys, beanFactory); // Boot 4 moved the health API
        }
    }

    private static Supplier<MerchantKeys> register(BeanDefinitionRegistry registry, String name,
            NamedMerchantProperties properties, boolean web, BeanFactory beanFactory) {
        String prefix = MERCHANTS + "." + name;
        Supplier<MerchantKeys> keys = SingletonSupplier.of(() -> MerchantKeys.load(properties, prefix));
        registry.registerBeanDefinition(name + "WechatPayClient", definition(WechatPayClient.class,
                () -> MerchantBeans.client(properties, keys.get(), prefix,
                        beanFactory.getBeanProvider(Interceptor.class).orderedStream()
                                .collect(Collectors.toList())), name, properties.isPrimary()));
        if (properties.getApiV3Key() == null) {
            return keys;
        }
        Supplier<NotificationParser> parser = SingletonSupplier.of(() -> MerchantBeans.parser(properties,
                keys.get(), prefix, beanFactory.getBean(name + "WechatPayClient", WechatPayClient.class)));
        registry.registerBeanDefinition(name + "NotificationParser", definition(NotificationParser.class, parser,
                name, properties.isPrimary()));
        if (web) {
            registry.registerBeanDefinition(name + "WechatPayNotifications", definition(WechatPayNotifications.class,
                    () -> new WechatPayNotifications(parser.get(),
                            beanFactory.getBeanProvider(ObservationRegistry.class)
                                    .getIfAvailable(() -> ObservationRegistry.NOOP)), name, properties.isPrimary()));
        }
        return keys;
    }

    private static <T> RootBeanDefinition definition(Class<T> type, Supplier<T> supplier, String qualifier,
            boolean primary) {
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
        definition.setPrimary(primary);
        // The client owns a connection pool and async threads: close it with the context.
        definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
        return definition;
    }
}
