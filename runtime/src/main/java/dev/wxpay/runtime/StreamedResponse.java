package dev.wxpay.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response whose body is read as it arrives instead of being held in memory: what
 * {@link Transport#stream} returns for downloads (bills, media), which may be hundreds of megabytes.
 *
 * <p>Not thread-safe: one caller reads the body and closes the response. Closing it before the body is consumed
 * abandons the rest of the body (the connection is not reused then).
 */
public final class StreamedResponse implements Closeable {
    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    private StreamedResponse(int statusCode, Map<String, List<String>> headers, InputStream body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Creates a streamed response.
     *
     * @param statusCode HTTP status
     * @param headers    headers (copied; lookups on the copy ignore case)
     * @param body       the body as it arrives; the response owns it and closes it
     */
    public static StreamedResponse of(int statusCode, Map<String, List<String>> headers, InputStream body) {
        Objects.requireNonNull(body, "body");
        return new StreamedResponse(statusCode, HttpHeaders.copyOf(headers), body);
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

    /**
     * The body as it arrives. A read that waits longer than the call's timeout fails with an {@link IOException}
     * ({@link java.net.SocketTimeoutException}).
     */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    @Override
    public String toString() {
        return "StreamedResponse{status=" + statusCode + ", requestId=" + header("Request-ID") + "}";
    }
}
