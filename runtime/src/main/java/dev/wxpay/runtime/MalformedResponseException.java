package dev.wxpay.runtime;

/**
 * A verified 2xx response whose body does not map to the expected type (invalid JSON, a wrong JSON type, or no
 * body where one was expected), or an answer whose body is larger than the client's cap. The raw body and the request id are kept for support.
 *
 * <p>Immutable.
 */
public class MalformedResponseException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String responseBody;
    private final String requestId;

    /** Creates the exception; {@code cause} is the mapping failure (may be null). */
    public MalformedResponseException(String message, int statusCode, String responseBody, String requestId,
            Throwable cause) {
        super(message + " (HTTP " + statusCode + (requestId == null ? "" : ", request id " + requestId) + ")", cause);
        this.statusCode = statusCode;
        this.responseBody = responseBody;
        this.requestId = requestId;
    }

    /**
     * The refusal of an answer body longer than the client's cap ({@code WechatPayClient.Builder#maxResponseBytes}),
     * worded the same by every transport; the body is not kept.
     *
     * @param request    the request whose answer is refused
     * @param statusCode the answer's HTTP status
     * @param requestId  the answer's {@code Request-ID}, or null
     * @param cap        the cap in bytes
     */
    public static MalformedResponseException bodyTooLarge(WireRequest request, int statusCode, String requestId,
            long cap) {
        return new MalformedResponseException(JdkHttpTransport.what(request) + ": the answer body is larger than "
                + cap + " bytes (maxResponseBytes); refused while it streamed", statusCode, "", requestId, null);
    }

    /** The HTTP status of the response. */
    public int statusCode() {
        return statusCode;
    }

    /** The raw response body as UTF-8 text. */
    public String responseBody() {
        return responseBody;
    }

    /** The response's {@code Request-ID}, or null when absent. */
    public String requestId() {
        return requestId;
    }
}
