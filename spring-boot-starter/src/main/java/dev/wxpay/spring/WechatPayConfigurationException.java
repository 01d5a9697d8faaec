package dev.wxpay.spring;

/**
 * Thrown while the application starts when a {@code wxpay.*} property cannot be used: it carries the property, what
 * was found there and how to fix it, which {@link WechatPayFailureAnalyzer} turns into Spring Boot's startup report.
 * Immutable. Its texts describe files and shapes, never key material.
 */
public class WechatPayConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String found;
    private final String action;

    /**
     * @param property the full property name, for example {@code wxpay.private-key}
     * @param found    what was found there, without secrets
     * @param action   how to fix it
     */
    public WechatPayConfigurationException(String property, String found, String action) {
        this(property, found, action, null);
    }

    /**
     * @param property the full property name
     * @param found    what was found there, without secrets
     * @param action   how to fix it
     * @param cause    the underlying failure (its message must not carry secrets either)
     */
    public WechatPayConfigurationException(String property, String found, String action, Throwable cause) {
        super(property + ": " + found, cause);
        this.property = property;
        this.found = found;
        this.action = action;
    }

    /** @return the full property name, for example {@code wxpay.private-key} */
    public String property() {
        return property;
    }

    /** @return what was found at that property */
    public String found() {
        return found;
    }

    /** @return how to fix it */
    public String action() {
        return action;
    }
}
