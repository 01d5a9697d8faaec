package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call to WeChat Pay as generated code describes it: the HTTP method, the path with its parameters already
 * percent-encoded, the query, and the body object. The body is serialised later, once, by the client's mapper,
 * and exactly those bytes are signed and sent.
 *
 * <pre>{@code
 * ApiRequest request = ApiRequest.builder("GET", "/v3/payscore/plan/partner/plans/merchant-plan-no/{merchant_plan_no}")
 *         .operationId("queryPartnerPlan")
 *         .pathParam("merchant_plan_no", "plan 1/2")     // -> plan%201%2F2
 *         .queryParam("sub_mchid", "1900000109")
 *         .build();
 * request.pathAndQuery(); // "/v3/payscore/plan/partner/plans/merchant-plan-no/plan%201%2F2?sub_mchid=1900000109"
 * }</pre>
 *
 * <p>Immutable and thread-safe (the body object is held by reference: do not mutate it while a call is running).
 */
public final class ApiRequest {
    private final String method;
    private final String operationId;
    private final String pathAndQuery;
    private final Object body;
    private final Map<String, String> headers;
    private final Multipart multipart;

    private ApiRequest(Builder builder, String pathAndQuery) {
        this.method = builder.method;
        this.operationId = builder.operationId;
        this.pathAndQuery = pathAndQuery;
        this.body = builder.body;
        this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.multipart = builder.multipartMeta == null ? null : new Multipart(builder.multipartMeta,
                builder.filePartName, builder.fileName, builder.fileContentType, builder.file, builder.formFields);
    }

    /** Header names the runtime sets itself; an operation header parameter may not use them. */
    private static final java.util.Set<String> RUNTIME_HEADERS = java.util.Set.of(
            "authorization", "wechatpay-serial", "content-type", "accept", "user-agent");

    /**
     * Starts a request.
     *
     * @param method       the HTTP method, for example {@code "POST"} (upper-cased)
     * @param pathTemplate the path from the spec, starting with {@code /}, with {@code {name}} placeholders
     */
    public static Builder builder(String method, String pathTemplate) {
        return new Builder(method, pathTemplate);
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The operation id used in messages, or null when none was given. */
    public String operationId() {
        return operationId;
    }

    /**
     * Exactly what goes on the wire and is signed: the percent-encoded path plus {@code ?} and the query when there
     * is one, for example {@code "/v3/x/a%2Fb?sub_mchid=1900"}.
     */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /**
     * This request's absolute URL on {@code baseUri} (a client's {@link WechatPayClient#baseUri()}), as the client
     * builds it for a call: the base URI, its path included and a trailing {@code /} dropped, then
     * {@link #pathAndQuery()}. Generated file downloads hand it to
     * {@link WechatPayClient#download(String, java.io.OutputStream)}, which signs exactly its path and query.
     *
     * @throws IllegalArgumentException the base URI is not absolute or carries a query or fragment
     */
    public String url(java.net.URI baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!baseUri.isAbsolute() || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUri must be absolute, without query or fragment: " + baseUri);
        }
        String base = baseUri.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }

    /**
     * The body object, or null for no body (then the empty string is signed and no Content-Type is sent). A
     * {@code byte[]} or {@code String} body is sent as-is, as already-serialised JSON; anything else is serialised
     * with the client's mapper.
     */
    public Object body() {
        return body;
    }

    /**
     * The operation's own header parameters (for example {@code Idempotency-Key}), in call order; unmodifiable.
     * They are sent but not signed: WeChat Pay signs only method, URL, timestamp, nonce and body.
     */
    public Map<String, String> headers() {
        return headers;
    }

    /** The media upload this request carries, or null when it carries a JSON body or none. */
    Multipart multipart() {
        return multipart;
    }

    /** Whether this is a multipart media upload (see {@link Builder#multipart(Object, String, String, byte[])}). */
    public boolean isMultipart() {
        return multipart != null;
    }

    @Override
    public String toString() {
        // The body may hold personal data (openid, names): only its type is shown.
        return "ApiRequest{" + method + " " + pathAndQuery
                + (operationId == null ? "" : ", operationId=" + operationId)
                + (body == null ? "" : ", body=" + body.getClass().getSimpleName())
                + (multipart == null ? "" : ", multipart file of " + multipart.fileLength() + " bytes") + "}";
    }

    /** Percent-encodes per RFC 3986 keeping only unreserved characters ({@code A-Za-z0-9-._~}). */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isUnreserved(b)) {
                if (sb != null) {
                    sb.append((char) b);
                }
            } else {
                if (sb == null) {
                    sb = new StringBuilder(bytes.length + 16);
                    for (int j = 0; j < i; j++) {
                        sb.append((char) bytes[j]);
                    }
                }
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** Collects the parts of an {@link ApiRequest}. Not thread-safe; use one builder per request. */
    public static final class Builder {
        private final String method;
        private final String pathTemplate;
        private final List<String> placeholders;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final StringBuilder query = new StringBuilder();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String operationId;
        private Object body;
        private Object multipartMeta;
        private String filePartName;
        private String fileName;
        private String fileContentType;
        private byte[] file;
        private final Map<String, String> formFields = new LinkedHashMap<>();

        private Builder(String method, String pathTemplate) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pathTemplate, "pathTemplate");
            if (method.isEmpty()) {
                throw new IllegalArgumentException("method must not be empty");
            }
            if (!pathTemplate.startsWith("/")) {
                throw new IllegalArgumentException("pathTemplate must start with '/': " + pathTemplate);
            }
            if (pathTemplate.indexOf('?') >= 0 || pathTemplate.indexOf('#') >= 0) {
                throw new IllegalArgumentException(
                        "pathTemplate must not contain a query or fragment (use queryParam): " + pathTemplate);
            }
            this.method = method.toUpperCase(java.util.Locale.ROOT);
            this.pathTemplate = pathTemplate;
            this.placeholders = placeholders(pathTemplate);
        }

        private static List<String> placeholders(String template) {
            List<String> names = new ArrayList<>();
            int i = 0;
            while ((i = template.indexOf('{', i)) >= 0) {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("pathTemplate has an unclosed '{': " + template);
                }
                names.add(template.substring(i + 1, end));
                i = end + 1;
            }
            return names;
        }

        /** The operation id, used in messages. Optional. */
        public Builder operationId(String operationId) {
            this.operationId = operationId;
            return this;
        }

        /**
         * Fills the {@code {name}} placeholder with {@code value}, percent-encoded as one path segment (only
         * unreserved characters are kept: a space becomes {@code %20}, a slash {@code %2F}). A null value leaves the
         * placeholder unfilled, so {@link #build()} fails naming it.
         *
         * @throws IllegalArgumentException when the template has no such placeholder
         */
        public Builder pathParam(String name, String value) {
            if (!placeholders.contains(name)) {
                throw new IllegalArgumentException(
                        "path " + pathTemplate + " has no placeholder {" + name + "}; it has " + placeholders);
            }
            if (value == null) {
                pathParams.remove(name);
            } else {
                pathParams.put(name, encode(value));
            }
            return this;
        }

        /**
         * Appends a query parameter; a null value is omitted. The value is {@code String.valueOf(value)}; name and
         * value are percent-encoded. Parameters are emitted in call order.
         */
        public Builder queryParam(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                return this;
            }
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(name)).append('=').append(encode(String.valueOf(value)));
            return this;
        }

        /**
         * Adds an operation header parameter such as {@code Idempotency-Key}; a null value is omitted. It is sent
         * as given and not signed (WeChat Pay signs method, URL, timestamp, nonce and body only).
         *
         * @throws IllegalArgumentException when the name is one the runtime sets itself (Authorization,
         *                                  Wechatpay-Serial, Content-Type, Accept, User-Agent), or the name or
         *                                  value is not a valid header token or contains a line break
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (RUNTIME_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name
                        + " is set by the runtime and cannot be given as an operation header parameter");
            }
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP header name");
            }
            if (value == null) {
                return this;
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                // The value is not echoed: it may be a secret.
                throw new IllegalArgumentException("header " + name + " has a value with a line break");
            }
            headers.put(name, value);
            return this;
        }

        /** The body object (null for none), serialised once with the client's mapper when the call runs. */
        public Builder body(Object body) {
            this.body = body;
            return this;
        }

        /**
         * Makes this a media upload with the file part named {@code file}: see
         * {@link #multipart(Object, String, String, String, byte[])}.
         */
        public Builder multipart(Object meta, String fileName, String contentType, byte[] file) {
            return multipart(meta, "file", fileName, contentType, file);
        }

        /**
         * Makes this a media upload: a {@code multipart/form-data} body with a {@code meta} part (application/json)
         * and a file part. Per WeChat Pay's protocol only the meta JSON is signed, while the whole multipart body
         * goes on the wire; the boundary comes from the client's nonce source.
         *
         * @param meta         the meta object, serialised with the client's mapper (a String or byte[] is taken as
         *                     already-serialised JSON)
         * @param filePartName the form name of the file part, {@code "file"} for most uploads
         * @param fileName     the file name sent in the file part (for example {@code "receipt.png"})
         * @param contentType  the file's media type (for example {@code "image/png"})
         * @param file         the file bytes (copied)
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when a name or type is empty or has a line break
         */
        public Builder multipart(Object meta, String filePartName, String fileName, String contentType, byte[] file) {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(file, "file");
            this.multipartMeta = meta;
            this.filePartName = filePartName;
            this.fileName = fileName;
            this.fileContentType = contentType;
            this.file = file.clone();
            return this;
        }

        /**
         * Adds a plain form field to a media upload (sent between the meta and the file part, not signed); a null
         * value is omitted. The value is {@code String.valueOf(value)}.
         */
        public Builder formField(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value != null) {
                formFields.put(name, String.valueOf(value));
            }
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalStateException naming every {@code {placeholder}} that was not filled
         */
        public ApiRequest build() {
            List<String> missing = new ArrayList<>();
            for (String name : placeholders) {
                if (!pathParams.containsKey(name)) {
                    missing.add("{" + name + "}");
                }
            }
            if (multipartMeta != null && body != null) {
                throw new IllegalStateException((operationId == null ? "" : operationId + ": ")
                        + "a request has either a JSON body or a multipart upload, not both");
            }
            if (multipartMeta == null && !formFields.isEmpty()) {
                throw new IllegalStateException((operationId == null ? "" : operationId + ": ")
                        + "form fields " + formFields.keySet() + " need a multipart upload (call multipart)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException((operationId == null ? "" : operationId + ": ")
                        + "path " + pathTemplate + " has unfilled placeholders " + String.join(", ", missing));
            }
            StringBuilder sb = new StringBuilder(pathTemplate.length() + query.length() + 32);
            int i = 0;
            for (String name : placeholders) {
                int start = pathTemplate.indexOf('{', i);
                sb.append(pathTemplate, i, start).append(pathParams.get(name));
                i = pathTemplate.indexOf('}', start) + 1;
            }
            sb.append(pathTemplate, i, pathTemplate.length());
            if (query.length() > 0) {
                sb.append('?').append(query);
            }
            return new ApiRequest(this, sb.toString());
        }
    }
}
