package dev.wxpay.runtime;

/**
 * The call did not complete at the HTTP level: an I/O failure, a refused connection, a connect or request timeout,
 * or an interrupted wait. The original cause is kept. Nothing is known about whether WeChat Pay acted on the
 * request, so retry only idempotent operations (or query first).
 *
 * <p>Immutable.
 */
public class TransportException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    /** Creates a transport failure; {@code timeout} says whether it was a connect or request timeout. */
    public TransportException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the failure was a timeout (connect or request) rather than another I/O error. */
    public boolean isTimeout() {
        return timeout;
    }
}
