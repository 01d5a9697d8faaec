package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WeChat Pay answered with a non-2xx status. WeChat Pay's error body is JSON
 * ({@code {"code":"PARAM_ERROR","message":"…","detail":{…}}}), but gateways sometimes answer with an empty or HTML
 * body: then {@link #errorCode()} and {@link #errorMessage()} are null and {@link #responseBody()} keeps the raw
 * text. The {@link #requestId()} is what WeChat Pay support asks for.
 *
 * <p>Immutable.
 */
public class ServiceException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    private final String errorMessage;
    private final JsonNode detail;
    private final String requestId;
    private final String responseBody;

    /**
     * Creates the exception.
     *
     * @param statusCode   the HTTP status
     * @param errorCode    the body's {@code code}, or null when the body is not WeChat Pay's error JSON
     * @param errorMessage the body's {@code message}, or null
     * @param detail       the body's {@code detail}, or null when absent
     * @param requestId    the {@code Request-ID} header, or null when absent
     * @param responseBody the raw body as UTF-8 text (empty string when there was none)
     */
    public ServiceException(int statusCode, String errorCode, String errorMessage, JsonNode detail,
            String requestId, String responseBody) {
        super(message(statusCode, errorCode, errorMessage, requestId, responseBody));
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.detail = detail;
        this.requestId = requestId;
        this.responseBody = responseBody == null ? "" : responseBody;
    }

    private static String message(int statusCode, String code, String message, String requestId, String body) {
        StringBuilder sb = new StringBuilder("WeChat Pay answered HTTP ").append(statusCode);
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (message != null) {
            sb.append(": ").append(message);
        }
        if (code == null && message == null) {
            sb.append(body == null || body.isEmpty() ? " with an empty body" : " with a body that is not WeChat Pay error JSON");
        }
        sb.append(" (request id ").append(requestId == null ? "absent" : requestId).append(')');
        return sb.toString();
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** WeChat Pay's error code ({@code PARAM_ERROR}, {@code SIGN_ERROR}, …), or null when the body had none. */
    public String errorCode() {
        return errorCode;
    }

    /** WeChat Pay's error message, or null when the body had none. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The free-form {@code detail} object (often {@code field}, {@code value}, {@code issue}), or null. */
    public JsonNode detail() {
        return detail;
    }

    /** The response's {@code Request-ID}, or null when absent. */
    public String requestId() {
        return requestId;
    }

    /** The raw response body as UTF-8 text; empty when there was none. */
    public String responseBody() {
        return responseBody;
    }
}
