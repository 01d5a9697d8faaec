package dev.wxpay.runtime;

/**
 * A response or notification that is not provably from WeChat Pay: missing signature headers, an unknown
 * {@code Wechatpay-Serial}, a wrong signature, a {@code WECHATPAY/SIGNTEST/} probe, a timestamp more than 300 s
 * from the local clock either way, or a timestamp or signature that does not parse. Its data must not be used.
 *
 * <p>Immutable.
 */
public class VerificationException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final String requestId;

    /** Creates a verification failure; {@code requestId} is the response's {@code Request-ID} (may be null). */
    public VerificationException(String message, String requestId) {
        super(requestId == null ? message : message + " (request id " + requestId + ")");
        this.requestId = requestId;
    }

    /** Creates a verification failure caused by another exception (for example an invalid key). */
    public VerificationException(String message, String requestId, Throwable cause) {
        super(requestId == null ? message : message + " (request id " + requestId + ")", cause);
        this.requestId = requestId;
    }

    /** The {@code Request-ID} of the response that failed verification, or null (notifications carry none). */
    public String requestId() {
        return requestId;
    }
}
