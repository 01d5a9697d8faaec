package dev.wxpay.spring;

import dev.wxpay.runtime.WechatPayClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers a bean for every generated API class and chain root of the {@link ClientIndex}: for the single merchant
 * one unqualified bean per class, named after the class; for several merchants one per class and merchant, named
 * {@code <merchant>:<class>}, qualified {@code @Qualifier("<merchant>")} and primary for the primary merchant. A class
 * of which the application already defines a bean is left out entirely (the user's bean wins). Holds the classes
 * decided once; use from the registering thread only.
 */
final class GeneratedApiBeans {
    private final List<ClientIndex.Entry> entries;

    private GeneratedApiBeans(List<ClientIndex.Entry> entries) {
        this.entries = entries;
    }

    /**
     * The indexed classes of which {@code beanFactory} has no bean yet. Decided before any is registered, so that one
     * merchant's bean does not hide the class from the next merchant.
     */
    static GeneratedApiBeans of(ClassLoader classLoader, ListableBeanFactory beanFactory) {
        List<ClientIndex.Entry> missing = new ArrayList<>();
        for (ClientIndex.Entry entry : ClientIndex.read(classLoader).entries()) {
            if (beanFactory.getBeanNamesForType(entry.type(), true, false).length == 0) {
                missing.add(entry);
            }
        }
        return new GeneratedApiBeans(missing);
    }

    /** One unqualified bean per class, built with the application's (primary) {@code WechatPayClient}. */
    void registerSingle(BeanDefinitionRegistry registry, ListableBeanFactory beanFactory) {
        for (ClientIndex.Entry entry : entries) {
            registry.registerBeanDefinition(entry.type().getName(), definition(entry,
                    () -> beanFactory.getBean(WechatPayClient.class)));
        }
    }

    /** One bean per class for {@code merchant}, built with that merchant's client. */
    void registerMerchant(BeanDefinitionRegistry registry, String merchant, boolean primary,
            Supplier<WechatPayClient> client) {
        for (ClientIndex.Entry entry : entries) {
            RootBeanDefinition definition = definition(entry, client);
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, merchant));
            definition.setPrimary(primary);
            registry.registerBeanDefinition(merchant + ":" + entry.type().getName(), definition);
        }
    }

    @SuppressWarnings("unchecked")
    private static RootBeanDefinition definition(ClientIndex.Entry entry, Supplier<WechatPayClient> client) {
        Class<Object> type = (Class<Object>) entry.type();
        return new RootBeanDefinition(type, () -> entry.create(client.get()));
    }
}
