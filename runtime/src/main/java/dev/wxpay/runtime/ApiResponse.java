package dev.wxpay.runtime;

import java.util.List;
import java.util.Map;

/**
 * A successful (2xx), verified answer from WeChat Pay: the mapped body, the status, the headers and the
 * {@code Request-ID}.
 *
 * <p>Immutable and thread-safe when {@code T} is (generated models are mutable beans: do not share them across
 * threads while changing them).
 *
 * @param <T> the body type; {@link Void} when the operation answers without a body
 */
public final class ApiResponse<T> {
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final T data;

    /**
     * Creates a response; the headers are copied into a case-insensitive map.
     *
     * @param statusCode the HTTP status
     * @param headers    the response headers
     * @param data       the mapped body, or null when there was none
     */
    public ApiResponse(int statusCode, Map<String, List<String>> headers, T data) {
        this(statusCode, HttpHeaders.copyOf(headers), data, true);
    }

    /** For the client: takes a map that is already an unmodifiable, case-insensitive copy. */
    ApiResponse(int statusCode, Map<String, List<String>> caseInsensitiveHeaders, T data, boolean owned) {
        this.statusCode = statusCode;
        this.headers = caseInsensitiveHeaders;
        this.data = data;
    }

    /** The mapped body, or null when the response had none (or the type was {@link Void}). */
    public T data() {
        return data;
    }

    /** The HTTP status code (2xx). */
    public int statusCode() {
        return statusCode;
    }

    /** The response headers; unmodifiable, and {@code get} ignores the case of the name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The {@code Request-ID} header WeChat Pay support asks for, or null when absent. */
    public String requestId() {
        return HttpHeaders.first(headers, "Request-ID");
    }

    @Override
    public String toString() {
        return "ApiResponse{statusCode=" + statusCode + ", requestId=" + requestId()
                + ", data=" + (data == null ? "null" : data.getClass().getSimpleName()) + "}";
    }
}
