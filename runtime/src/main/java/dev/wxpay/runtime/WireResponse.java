package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response exactly as it came off the wire, as {@link Interceptor}s see it: status, headers and the raw
 * body bytes (the bytes WeChat Pay signed).
 *
 * <p>Immutable and thread-safe: the body array is never exposed; {@link #bodyBytes()} returns a copy.
 */
public final class WireResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    WireResponse(int statusCode, Map<String, List<String>> caseInsensitiveHeaders, byte[] body, boolean owned) {
        this.statusCode = statusCode;
        this.headers = caseInsensitiveHeaders;
        this.body = body == null ? NO_BODY : owned ? body : body.clone();
    }

    /**
     * Creates a response (the headers and body are copied).
     *
     * @param statusCode HTTP status
     * @param headers    headers; lookups on the copy ignore case
     * @param body       body bytes; null means empty
     */
    public static WireResponse of(int statusCode, Map<String, List<String>> headers, byte[] body) {
        return new WireResponse(statusCode, HttpHeaders.copyOf(headers), body, false);
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** All headers; unmodifiable, {@code get} ignores case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        return HttpHeaders.first(headers, name);
    }

    /** The body length in bytes (0 when there was none). */
    public int bodyLength() {
        return body.length;
    }

    /** A copy of the body bytes (empty when there was none). */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body as UTF-8 text (empty when there was none). */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body without copying; package-private so only the runtime's verifier and mapper read it. */
    byte[] rawBody() {
        return body;
    }

    @Override
    public String toString() {
        return "WireResponse{status=" + statusCode + ", requestId=" + header("Request-ID") + ", body="
                + body.length + " bytes}";
    }
}
