package dev.wxpay.runtime;

/**
 * Common base of every exception the runtime throws. All are unchecked, so generated code stays free of
 * {@code throws} clauses; catch this type to handle every WeChat Pay failure in one place.
 *
 * <p>Messages never contain key material or other secrets. Instances are immutable.
 */
public class WechatPayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message (never containing secrets). */
    public WechatPayException(String message) {
        super(message);
    }

    /** Creates an exception with a message (never containing secrets) and the underlying cause. */
    public WechatPayException(String message, Throwable cause) {
        super(message, cause);
    }
}
