package dev.wxpay.spring;

import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Creates the single merchant's {@link WechatPayClient} and {@link NotificationParser} from {@code wxpay.*} once {@code wxpay.merchant-id} is set. A bean of the same type
 * that the application defines itself wins. The configuration holds no state of its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(WechatPayProperties.class)
@ConditionalOnProperty(prefix = WechatPayProperties.PREFIX, name = "merchant-id")
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
     * @return the client
     */
    @Bean
    @ConditionalOnMissingBean
    public WechatPayClient wechatPayClient(WechatPayProperties properties, MerchantKeys keys) {
        WechatPayClient.Builder builder = WechatPayClient.builder()
                .merchantId(properties.getMerchantId())
                .merchantSerialNumber(properties.getMerchantSerialNumber())
                .merchantPrivateKey(keys.privateKey());
        if (keys.publicKey() != null) {
            builder.wechatPayPublicKey(keys.publicKeyId(), keys.publicKey());
        }
        for (X509Certificate certificate : keys.platformCertificates()) {
            builder.platformCertificate(certificate);
        }
        if (properties.getBaseUri() != null) {
            builder.baseUri(properties.getBaseUri());
        }
        if (properties.getBackupBaseUri() != null) {
            builder.backupBaseUri(properties.getBackupBaseUri());
        }
        if (properties.getTimeout() != null) {
            builder.timeout(properties.getTimeout());
        }
        if (properties.getConnectTimeout() != null) {
            builder.connectTimeout(properties.getConnectTimeout());
        }
        return build(builder::build, "wxpay");
    }

    /**
     * The parser for notifications; created only when {@code wxpay.api-v3-key} is set, since it decrypts with it.
     *
     * @param properties the bound properties
     * @param keys       the merchant's keys
     * @return the parser
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = WechatPayProperties.PREFIX, name = "api-v3-key")
    public NotificationParser wechatPayNotificationParser(WechatPayProperties properties, MerchantKeys keys) {
        NotificationParser.Builder builder = NotificationParser.builder()
                .apiV3Key(MerchantKeys.checkApiV3Key(properties.getApiV3Key(), WechatPayProperties.PREFIX
                        + ".api-v3-key"));
        if (keys.publicKey() != null) {
            builder.wechatPayPublicKey(keys.publicKeyId(), keys.publicKey());
        }
        for (X509Certificate certificate : keys.platformCertificates()) {
            builder.platformCertificate(certificate);
        }
        return build(builder::build, "wxpay");
    }

    private static <T> T build(Supplier<T> build, String prefix) {
        try {
            return build.get();
        } catch (IllegalStateException e) {
            // The runtime lists every problem in one message naming its builder settings (never key material).
            throw new WechatPayConfigurationException(prefix + ".*", String.valueOf(e.getMessage()),
                    "Correct the " + prefix + " properties named above (merchant-id, merchant-serial-number,"
                            + " base-uri, timeout, ... map to the builder settings the message names).", e);
        }
    }
}
