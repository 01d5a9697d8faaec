package dev.wxpay.spring;

/**
 * One of several merchants under {@code wxpay.merchants.<name>.*}: the single-merchant settings plus whether its
 * beans are the primary ones. Mutable only while Spring binds it (not thread-safe for writes).
 */
public class NamedMerchantProperties extends MerchantProperties {

    /** Whether this merchant's beans are @Primary, injected where no qualifier names a merchant. At most one. */
    private boolean primary;

    /** @return whether this merchant's beans are primary */
    public boolean isPrimary() {
        return primary;
    }

    /** @param primary whether this merchant's beans are primary */
    public void setPrimary(boolean primary) {
        this.primary = primary;
    }
}
