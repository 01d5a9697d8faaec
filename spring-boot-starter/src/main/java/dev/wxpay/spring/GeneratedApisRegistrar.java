package dev.wxpay.spring;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * For the single merchant ({@code wxpay.merchant-id}): registers every generated API class and chain root found in
 * the client indexes on the class path as a bean built with the application's {@code WechatPayClient} (see
 * {@link GeneratedApiBeans}). Runs with the auto-configuration, after the application's own beans are known, so a
 * bean of the same type defined by the application wins. Spring creates one per import; not shared.
 */
public class GeneratedApisRegistrar implements ImportBeanDefinitionRegistrar, BeanClassLoaderAware, BeanFactoryAware {
    private ClassLoader classLoader;
    private ListableBeanFactory beanFactory;

    /** Creates the registrar; Spring instantiates it from {@code @Import}. */
    public GeneratedApisRegistrar() {
        // Configured through the Aware callbacks.
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (ListableBeanFactory) beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        GeneratedApiBeans.of(classLoader, beanFactory).registerSingle(registry, beanFactory);
    }
}
