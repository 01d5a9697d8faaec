package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The call pipeline of {@link WechatPayClient}: turns an {@link ApiRequest} into the {@link WireRequest} that is
 * signed and sent (body serialised once, fixed headers), runs it through the interceptor chain to the transport (with
 * the backup host for connect-phase failures), and maps the verified answer to an {@link ApiResponse} or the right
 * exception. Everything here is per call; what can be decided once is decided in the constructor. Immutable and
 * thread-safe: one per client, shared by every calling thread.
 */
final class CallPipeline {
    private final String baseUriText;
    private final String basePath;
    private final Duration timeout;
    private final Transport transport;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final List<Interceptor> interceptors;
    private final List<Interceptor> unverified;
    private final String userAgent;
    private final TrustStore trust;
    private final NonceSource boundaries;
    private final long maxResponseBytes;
    private final BackupHost backup;
    // Header values that are the same on every call, made once.
    private final List<String> acceptJson = List.of("application/json");
    private final List<String> userAgentValue;
    private final List<String> contentTypeJson = List.of("application/json");
    /**
     * The writer bound to the encryption key last used: {@code withAttribute} builds a new writer on every call,
     * while the key changes only when the trusted keys do. One immutable pair, so a racing reader never sees a
     * writer with another key.
     */
    private volatile KeyedWriter keyedWriter;

    /** An {@link ObjectWriter} with {@link SensitiveFields#KEY_ATTRIBUTE} set to {@code key}. Immutable. */
    private static final class KeyedWriter {
        final TrustStore.EncryptionKey key;
        final ObjectWriter writer;

        KeyedWriter(TrustStore.EncryptionKey key, ObjectWriter writer) {
            this.key = key;
            this.writer = writer;
        }
    }

    /**
     * @param interceptors the whole chain (user interceptors, signing, verification)
     * @param unverified   the chain without the verifying link, for the platform-certificate download
     * @param boundaries   the injected random source, for multipart boundaries
     * @param backup       the backup host, or null
     */
    CallPipeline(String baseUriText, String basePath, Duration timeout, Transport transport, ObjectMapper mapper,
            List<Interceptor> interceptors, List<Interceptor> unverified, String userAgent, TrustStore trust,
            NonceSource boundaries, long maxResponseBytes, BackupHost backup) {
        this.baseUriText = baseUriText;
        this.basePath = basePath;
        this.timeout = timeout;
        this.transport = transport;
        this.mapper = mapper;
        this.writer = mapper.writer();
        this.interceptors = interceptors;
        this.unverified = unverified;
        this.userAgent = userAgent;
        this.trust = trust;
        this.boundaries = boundaries;
        this.maxResponseBytes = maxResponseBytes;
        this.backup = backup;
        this.userAgentValue = List.of(userAgent);
    }

    /** One call through the whole chain, its answer mapped to {@code responseType} (see {@link WechatPayClient#execute}). */
    <T> ApiResponse<T> execute(ApiRequest request, Class<T> responseType) {
        WireRequest wire = toWire(request);
        WireResponse response = CallChain.run(interceptors, wire, this::send);
        return toApiResponse(request, response, responseType);
    }

    /** One call through the chain without the verifying link; a non-2xx answer becomes a {@link ServiceException}. */
    WireResponse executeUnverified(ApiRequest request) {
        WireResponse response = CallChain.run(unverified, toWire(request), this::send);
        if (!response.isSuccessful()) {
            throw serviceException(response, response.header("Request-ID"));
        }
        return response;
    }

    private WireRequest toWire(ApiRequest request) {
        // One key for the whole request: sensitive fields are encrypted with the key Wechatpay-Serial names.
        TrustStore.EncryptionKey key = trust.encryptionKey();
        Multipart multipart = request.multipart();
        byte[] signed = null;
        byte[] body;
        String contentType = "application/json";
        if (multipart != null) {
            signed = serialise(request, multipart.meta(), "multipart meta", key);
            String boundary = boundaries.nextNonce();
            body = multipart.write(signed, boundary);
            contentType = "multipart/form-data; boundary=" + boundary;
        } else {
            body = serialise(request, request.body(), "request body", key);
        }
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            headers.put(header.getKey(), List.of(header.getValue()));
        }
        headers.put("Accept", acceptJson);
        headers.put("User-Agent", userAgentValue);
        if (key != null) { // null only for the first certificate download, when no key is trusted yet
            headers.put("Wechatpay-Serial", List.of(key.id));
        }
        if (body != null) {
            headers.put("Content-Type", multipart == null ? contentTypeJson : List.of(contentType));
        }
        String pathAndQuery = basePath + request.pathAndQuery();
        URI uri = URI.create(baseUriText + pathAndQuery);
        return new WireRequest(request.method(), uri, pathAndQuery, Collections.unmodifiableMap(headers), body,
                request.operationId(), signed);
    }

    private byte[] serialise(ApiRequest request, Object body, String what, TrustStore.EncryptionKey key) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[]) {
            return ((byte[]) body).clone();
        }
        if (body instanceof String) {
            return ((String) body).getBytes(StandardCharsets.UTF_8);
        }
        try {
            return writerFor(key).writeValueAsBytes(body);
        } catch (IOException e) {
            throw new WechatPayException(describe(request) + ": the " + what + " of type "
                    + body.getClass().getName() + " could not be serialised to JSON: " + String.valueOf(e.getMessage()).split("\n", 2)[0], e);
        }
    }

    private ObjectWriter writerFor(TrustStore.EncryptionKey key) {
        KeyedWriter current = keyedWriter;
        if (current == null || current.key != key) {
            current = new KeyedWriter(key, writer.withAttribute(SensitiveFields.KEY_ATTRIBUTE, key));
            keyedWriter = current;
        }
        return current.writer;
    }

    static String describe(ApiRequest request) {
        return request.operationId() != null ? request.operationId() : request.method() + " " + request.pathAndQuery();
    }

    /** The chain's last link: the transport, bounded by the client's timeout; the backup host, see BackupHost. */
    private WireResponse send(WireRequest request) {
        try {
            return transport.send(request, timeout, maxResponseBytes);
        } catch (TransportException e) {
            if (backup == null || !BackupHost.neverSent(e)) {
                throw e;
            }
            try {
                return transport.send(backup.retarget(request), timeout, maxResponseBytes);
            } catch (TransportException onBackup) {
                onBackup.addSuppressed(e);
                throw onBackup;
            }
        }
    }

    private <T> ApiResponse<T> toApiResponse(ApiRequest request, WireResponse response, Class<T> type) {
        String requestId = response.header("Request-ID");
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            // WeChat Pay's API never redirects; following one would send the signed request where it was not meant.
            throw new MalformedResponseException(describe(request) + ": the answer is a redirect to "
                    + response.header("Location") + ", which is never followed", response.statusCode(),
                    response.bodyAsString(), requestId, null);
        }
        if (!response.isSuccessful()) {
            throw serviceException(response, requestId);
        }
        byte[] body = response.rawBody();
        T data;
        if (type == Void.class) {
            data = null;
        } else if (body.length == 0) {
            throw new MalformedResponseException(describe(request) + ": expected a " + type.getSimpleName()
                    + " body but the response had none", response.statusCode(), "", requestId, null);
        } else if (type == byte[].class) {
            data = type.cast(body.clone());
        } else if (type == String.class) {
            data = type.cast(new String(body, StandardCharsets.UTF_8));
        } else {
            try {
                data = mapper.readValue(body, type);
            } catch (IOException e) {
                throw new MalformedResponseException(describe(request) + ": the response body does not map to "
                        + type.getSimpleName() + JsonFailures.describe(e), response.statusCode(),
                        new String(body, StandardCharsets.UTF_8), requestId, e);
            }
            if (data == null) {
                throw new MalformedResponseException(describe(request) + ": the response body is JSON null, expected "
                        + type.getSimpleName(), response.statusCode(), new String(body, StandardCharsets.UTF_8),
                        requestId, null);
            }
        }
        return new ApiResponse<>(response.statusCode(), response.headers(), data, true);
    }

    /** Maps a non-2xx answer, keeping the raw body whenever it is not WeChat Pay's error JSON. */
    ServiceException serviceException(WireResponse response, String requestId) {
        String text = response.bodyAsString();
        String code = null;
        String message = null;
        JsonNode detail = null;
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = mapper.readTree(trimmed);
                if (node != null && node.isObject()) {
                    code = textOrNull(node.get("code"));
                    message = textOrNull(node.get("message"));
                    JsonNode d = node.get("detail");
                    detail = d == null || d.isNull() || d.isMissingNode() ? null : d;
                }
            } catch (IOException | RuntimeException e) {
                // not JSON after all: the raw text is kept below
            }
        }
        return new ServiceException(response.statusCode(), code, message, detail, requestId, text);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }
}
