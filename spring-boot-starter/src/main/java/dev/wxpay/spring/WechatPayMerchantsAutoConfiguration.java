package dev.wxpay.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Registers the beans of every merchant under {@code wxpay.merchants.<name>.*} (see
 * {@link WechatPayMerchantsRegistrar}). Runs before the single-merchant and notification auto-configurations so that
 * their "missing bean" conditions see the named merchants' beans. Stateless.
 */
@AutoConfiguration(before = {WechatPayAutoConfiguration.class, WechatPayNotificationsAutoConfiguration.class,
        WechatPayHealthAutoConfiguration.class, WechatPayBoot4HealthAutoConfiguration.class})
@Import(WechatPayMerchantsRegistrar.class)
public class WechatPayMerchantsAutoConfiguration {

    /** Creates the configuration; Spring Boot instantiates it from the auto-configuration imports. */
    public WechatPayMerchantsAutoConfiguration() {
        // Stateless: the registrar does the work.
    }
}
