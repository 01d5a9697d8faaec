package dev.wxpay.runtime;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request exactly as it will go on the wire, as {@link Interceptor}s see it: method, absolute URI, the raw
 * path and query that are signed, headers and body bytes. Interceptors derive changed copies with the
 * {@code with…} methods.
 *
 * <p>Immutable and thread-safe: the body array is never exposed; {@link #bodyBytes()} returns a copy.
 */
public final class WireRequest {
    private final String method;
    private final URI uri;
    private final String pathAndQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String operationId;
    private final byte[] signedBody;

    WireRequest(String method, URI uri, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
            String operationId) {
        this(method, uri, pathAndQuery, headers, body, operationId, null);
    }

    /** {@code signedBody} is what the signature covers when it is not the body itself (a media upload's meta). */
    WireRequest(String method, URI uri, String pathAndQuery, Map<String, List<String>> headers, byte[] body,
            String operationId, byte[] signedBody) {
        this.method = method;
        this.uri = uri;
        this.pathAndQuery = pathAndQuery;
        this.headers = headers;
        this.body = body;
        this.operationId = operationId;
        this.signedBody = signedBody;
    }

    /**
     * Creates a request, for interceptors and tests that build one themselves; the body is copied.
     *
     * @param method  HTTP method
     * @param uri     absolute URI; its raw path and query are what gets signed
     * @param headers headers (copied; lookups ignore case)
     * @param body    body bytes, or null for no body
     */
    public static WireRequest of(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        return new WireRequest(method, uri, rawPathAndQuery(uri), HttpHeaders.copyOf(headers),
                body == null ? null : body.clone(), null);
    }

    static String rawPathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The absolute URI the request goes to. */
    public URI uri() {
        return uri;
    }

    /** The raw (percent-encoded) path plus {@code ?} and raw query: the canonical URL that is signed. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** The operation id of the generated call, or null. */
    public String operationId() {
        return operationId;
    }

    /** All headers; unmodifiable, {@code get} ignores case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        return HttpHeaders.first(headers, name);
    }

    /** Whether the request has a body (an empty array counts as a body of zero bytes). */
    public boolean hasBody() {
        return body != null;
    }

    /** A copy of the body bytes, or null when there is no body. */
    public byte[] bodyBytes() {
        return body == null ? null : body.clone();
    }

    /** The body as UTF-8 text; empty when there is no body. */
    public String bodyAsString() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The body without copying; package-private so only the runtime's own signer and transport read it. */
    byte[] rawBody() {
        return body;
    }

    /**
     * A copy of the bytes the signature covers: the body, except for a multipart media upload, where WeChat Pay
     * signs the {@code meta} JSON part only. Null when there is no body.
     */
    public byte[] signedBodyBytes() {
        byte[] signed = rawSignedBody();
        return signed == null ? null : signed.clone();
    }

    byte[] rawSignedBody() {
        return signedBody != null ? signedBody : body;
    }

    /** A copy with the header set to this single value (replacing earlier values). */
    public WireRequest withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, List.of(value));
        return new WireRequest(method, uri, pathAndQuery, java.util.Collections.unmodifiableMap(copy), body,
                operationId, signedBody);
    }

    /** A copy without the header. */
    public WireRequest withoutHeader(String name) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.remove(name);
        return new WireRequest(method, uri, pathAndQuery, java.util.Collections.unmodifiableMap(copy), body,
                operationId, signedBody);
    }

    /**
     * A copy with another body (copied), or none when null. The signer signs whatever body reaches it: a replaced
     * body is signed whole, even when it replaces a media upload.
     */
    public WireRequest withBody(byte[] newBody) {
        return new WireRequest(method, uri, pathAndQuery, headers, newBody == null ? null : newBody.clone(),
                operationId);
    }

    @Override
    public String toString() {
        // Headers are left out: Authorization carries a signature, and users log what they choose.
        return "WireRequest{" + method + " " + uri + ", body=" + (body == null ? "none" : body.length + " bytes") + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WireRequest)) {
            return false;
        }
        WireRequest that = (WireRequest) o;
        return method.equals(that.method) && uri.equals(that.uri) && headers.equals(that.headers)
                && Arrays.equals(body, that.body) && Objects.equals(operationId, that.operationId)
                && Arrays.equals(signedBody, that.signedBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, Arrays.hashCode(body), operationId);
    }
}
