package dev.wxpay.spring;

import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WechatPayException;
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
        if (properties.isAutoPlatformCertificates()) {
            builder.autoPlatformCertificates(properties.getApiV3Key());
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
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            if (properties.isAutoPlatformCertificates() && e.getCause() instanceof WechatPayException) {
                // The first download failed: the runtime says why (refused, unreachable, not verifiable).
                throw new WechatPayConfigurationException(prefix + ".auto-platform-certificates",
                        "true, but " + e.getMessage(), "Check " + prefix + ".base-uri, the merchant's keys and "
                                + prefix + ".api-v3-key; a merchant enrolled in WeChat Pay public-key mode has no"
                                + " platform certificates: set " + prefix + ".public-key-id and " + prefix
                                + ".public-key instead.", e);
            }
            throw builderError(e, prefix);
        }
    }

    /**
     * The parser; it shares the client's downloaded platform certificates when the client has them, so a notification
     * signed with a newly rotated certificate refreshes the one set.
     */
    static NotificationParser parser(MerchantProperties properties, MerchantKeys keys, String prefix,
            WechatPayClient client) {
        NotificationParser.Builder builder = NotificationParser.builder()
                .apiV3Key(MerchantKeys.checkApiV3Key(properties.getApiV3Key(), prefix + ".api-v3-key"));
        if (keys.publicKey() != null) {
            builder.wechatPayPublicKey(keys.publicKeyId(), keys.publicKey());
        }
        for (X509Certificate certificate : keys.platformCertificates()) {
            builder.platformCertificate(certificate);
        }
        if (properties.isAutoPlatformCertificates()) {
            client.platformCertificates().ifPresent(builder::platformCertificates);
        }
        return build(builder::build, prefix);
    }

    private static <T> T build(Supplier<T> build, String prefix) {
        try {
            return build.get();
        } catch (IllegalStateException e) {
            throw builderError(e, prefix);
        }
    }

    private static WechatPayConfigurationException builderError(IllegalStateException e, String prefix) {
        // The runtime lists every problem in one message naming its builder settings (never key material).
        return new WechatPayConfigurationException(prefix + ".*", String.valueOf(e.getMessage()),
                "Correct the " + prefix + " properties named above (merchant-id, merchant-serial-number,"
                        + " base-uri, timeout, ... map to the builder settings the message names).", e);
    }
}
