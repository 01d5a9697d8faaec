package dev.wxpay.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code wxpay.*}: one merchant's settings directly ({@code wxpay.merchant-id}, ...), or several
 * merchants under {@code wxpay.merchants.<name>.*}, each getting its own beans qualified by that name. Spring binds
 * and owns an instance; mutable only while binding (not thread-safe for writes). {@link #toString()} prints no key
 * material.
 */
@ConfigurationProperties(WechatPayProperties.PREFIX)
public class WechatPayProperties extends MerchantProperties {

    /** The prefix of every property of this starter. */
    public static final String PREFIX = "wxpay";

    /** Several merchants by name; each gets a WechatPayClient named <name>WechatPayClient, qualified by <name>. */
    private Map<String, NamedMerchantProperties> merchants = new LinkedHashMap<>();

    /** @return the merchants by name */
    public Map<String, NamedMerchantProperties> getMerchants() {
        return merchants;
    }

    /** @param merchants the merchants by name */
    public void setMerchants(Map<String, NamedMerchantProperties> merchants) {
        this.merchants = merchants;
    }
}
