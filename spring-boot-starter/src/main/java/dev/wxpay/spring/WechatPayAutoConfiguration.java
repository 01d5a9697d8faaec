package dev.wxpay.spring;

import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Creates the single merchant's {@link WechatPayClient} and {@link NotificationParser} from {@code wxpay.*} once
 * {@code wxpay.merchant-id} is set (several merchants: {@link WechatPayMerchantsAutoConfiguration}). A bean of the
 * same type that the application defines itself wins. Every generated API class and chain root on the class path
 * becomes a bean too ({@link GeneratedApisRegistrar}). The configuration holds no state of its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(WechatPayProperties.class)
@ConditionalOnProperty(prefix = WechatPayProperties.PREFIX, name = "merchant-id")
@Import(GeneratedApisRegistrar.class)
public class WechatPayAutoConfiguration {

    /** Creates the configuration; Spring Boot instantiates it from the auto-configuration imports. */
    public WechatPayAutoConfiguration() {
        // Stateless: every bean is built from the properties it is handed.
    }

    /**
     * The merchant's keys, read and checked once so that the client and the parser share them.
     *
     * @param properties the bound {@code wxpay.*} properties
     * @return the loaded keys
     */
    @Bean
    @ConditionalOnMissingBean
    public MerchantKeys wechatPayMerchantKeys(WechatPayProperties properties) {
        return MerchantKeys.load(properties, WechatPayProperties.PREFIX);
    }

    /**
     * The client every generated API class is constructed with; closed with the context.
     *
     * @param properties the bound properties
     * @param keys       the merchant's keys
     * @param interceptors the application's {@code Interceptor} beans, in order, run on every call
     * @return the client
     */
    @Bean
    @ConditionalOnMissingBean
    public WechatPayClient wechatPayClient(WechatPayProperties properties, MerchantKeys keys,
            ObjectProvider<Interceptor> interceptors) {
        return MerchantBeans.client(properties, keys, WechatPayProperties.PREFIX,
                interceptors.orderedStream().collect(Collectors.toList()));
    }

    /**
     * The parser for notifications; created only when {@code wxpay.api-v3-key} is set, since it decrypts with it.
     *
     * @param properties the bound properties
     * @param keys       the merchant's keys
     * @param client     the client, whose downloaded platform certificates the parser shares
     * @return the parser
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = WechatPayProperties.PREFIX, name = "api-v3-key")
    public NotificationParser wechatPayNotificationParser(WechatPayProperties properties, MerchantKeys keys,
            WechatPayClient client) {
        return MerchantBeans.parser(properties, keys, WechatPayProperties.PREFIX, client);
    }
}
