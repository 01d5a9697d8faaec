package dev.wxpay.spring;

import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds one merchant's runtime objects from its properties and loaded keys; shared by the single-merchant
 * auto-configuration and the named merchants. Stateless.
 */
final class MerchantBeans {
    private MerchantBeans() {
    }

    static WechatPayClient client(MerchantProperties properties, MerchantKeys keys, String prefix,
            List<Interceptor> interceptors) {
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
        // The application's interceptors (the observation one among them) run outermost, then the DEBUG line.
        interceptors.forEach(builder::addInterceptor);
        builder.addInterceptor(new WechatPayCallLogger());
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
        return build(builder::build, prefix);
    }

    static NotificationParser parser(MerchantProperties properties, MerchantKeys keys, String prefix) {
        NotificationParser.Builder builder = NotificationParser.builder()
                .apiV3Key(MerchantKeys.checkApiV3Key(properties.getApiV3Key(), prefix + ".api-v3-key"));
        if (keys.publicKey() != null) {
            builder.wechatPayPublicKey(keys.publicKeyId(), keys.publicKey());
        }
        for (X509Certificate certificate : keys.platformCertificates()) {
            builder.platformCertificate(certificate);
        }
        return build(builder::build, prefix);
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
