package dev.wxpay.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the simulator received, exactly as it came off the wire, with the simulator's verdict: the matched
 * operation, whether the signature verified, and the answer's status and WeChat Pay error code. Tests use it to check
 * what a client really sent (method, encoded path, query order, body bytes, headers).
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class RecordedRequest {

    private final String method;
    private final String target;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final String operationId;
    private final Map<String, String> pathParams;
    private final List<Map.Entry<String, String>> queryParams;
    private final boolean signatureVerified;
    private final String mchid;
    private final int status;
    private final String errorCode;
    private final String requestId;

    RecordedRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
                    String operationId, Map<String, String> pathParams, List<Map.Entry<String, String>> queryParams,
                    boolean signatureVerified, String mchid, int status, String errorCode, String requestId) {
        this.method = method;
        this.target = target;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
        this.operationId = operationId;
        this.pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(pathParams));
        this.queryParams = List.copyOf(queryParams);
        this.signatureVerified = signatureVerified;
        this.mchid = mchid;
        this.status = status;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The raw request target, still percent-encoded: {@code /v3/...%2F...?sub_mchid=1900}. */
    public String target() {
        return target;
    }

    /** The raw path (target without the query). */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string without {@code ?}, or empty. */
    public String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** Every header in arrival order, names exactly as sent. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    /** The body bytes exactly as received (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The operationId the request was routed to, empty when no operation matched. */
    public Optional<String> operationId() {
        return Optional.ofNullable(operationId);
    }

    /** Decoded path parameter values by name. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** Decoded query parameters in the order sent. */
    public List<Map.Entry<String, String>> queryParams() {
        return queryParams;
    }

    /** True when the Authorization header was well formed, in time and its signature matched the exact bytes. */
    public boolean signatureVerified() {
        return signatureVerified;
    }

    /** The mchid the Authorization header named, empty when it could not be read. */
    public Optional<String> mchid() {
        return Optional.ofNullable(mchid);
    }

    /** The status the simulator answered with. */
    public int status() {
        return status;
    }

    /** The WeChat Pay error code answered ({@code PARAM_ERROR}, {@code SIGN_ERROR}, ...), empty on success. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The {@code Request-ID} the answer carried. */
    public String requestId() {
        return requestId;
    }

    static List<Map.Entry<String, String>> entries(List<LoopbackHttpServer.Header> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
        for (LoopbackHttpServer.Header h : headers) {
            out.add(Map.entry(h.name(), h.value()));
        }
        return out;
    }

    @Override
    public String toString() {
        return method + " " + target + " -> " + status + (errorCode == null ? "" : " " + errorCode)
                + (operationId == null ? "" : " (" + operationId + ")");
    }
}
