package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls WeChat Pay APIv3 for one merchant: signs each request, sends it, verifies the response signature and maps
 * the body. Generated API classes call {@link #execute} / {@link #executeAsync}; build one client per merchant with
 * {@link #builder()} and share it.
 *
 * <pre>{@code
 * WechatPayClient client = WechatPayClient.builder()
 *         .merchantId("1900000109")
 *         .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
 *         .merchantPrivateKey(PemKeys.privateKey(Path.of("apiclient_key.pem")))
 *         .wechatPayPublicKey("PUB_KEY_ID_0119000001092025", PemKeys.publicKey(Path.of("pub_key.pem")))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; holds no static state, so clients of different merchants in one JVM never
 * interfere. Its {@link #toString()} shows the merchant id and base URI, never key material.
 */
public final class WechatPayClient {
    /** WeChat Pay's main API host. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.mch.weixin.qq.com");
    /** Default time allowed for one request, from sending to the end of the response. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time allowed to open a connection (default HTTP client only). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String merchantId;
    private final URI baseUri;
    private final String baseUriText;
    private final String basePath;
    private final Duration timeout;
    private final Transport transport;
    private final ObjectMapper mapper;
    private final List<Interceptor> interceptors;
    private final Executor asyncExecutor;
    private final String userAgent;
    private final String wechatPaySerial;
    private final Provider provider;
    private final List<String> trustedIds;
    private final NonceSource boundaries;
    private final InvokeParamsSigner invokeParams;

    private WechatPayClient(Builder b, RequestSigner signer, ResponseVerifier verifier, String wechatPaySerial) {
        this.merchantId = b.merchantId;
        this.baseUri = b.baseUri;
        String base = b.baseUri.toString();
        this.baseUriText = stripTrailingSlash(base.substring(0, base.length()
                - (b.baseUri.getRawPath() == null ? 0 : b.baseUri.getRawPath().length())));
        this.basePath = stripTrailingSlash(b.baseUri.getRawPath() == null ? "" : b.baseUri.getRawPath());
        this.timeout = b.timeout;
        this.transport = b.transport != null ? b.transport
                : b.httpClient != null ? JdkHttpTransport.of(b.httpClient)
                : JdkHttpTransport.create(b.connectTimeout);
        this.mapper = b.mapper != null ? b.mapper : WechatPayJson.newObjectMapper();
        List<Interceptor> chain = new ArrayList<>(b.interceptors);
        chain.add(new SigningInterceptor(signer, b.clock, b.nonceSource));
        chain.add(new VerifyingInterceptor(verifier, b.clock));
        this.interceptors = List.copyOf(chain);
        this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor : newAsyncExecutor(b.merchantId);
        this.userAgent = "wxpay-codegen/" + RUNTIME_VERSION + " (Java/" + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")";
        this.wechatPaySerial = wechatPaySerial;
        this.provider = signer.provider();
        this.trustedIds = List.copyOf(verifier.trustedIds());
        this.boundaries = b.nonceSource; // multipart boundaries: the injected random source, no static one
        this.invokeParams = new InvokeParamsSigner(signer, b.clock, b.nonceSource);
    }

    private static final String RUNTIME_VERSION = readVersion();

    private static String readVersion() {
        try (InputStream in = WechatPayClient.class.getResourceAsStream("runtime.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through: the User-Agent still names the product
        }
        return "unknown";
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Daemon threads, created on demand and dropped after a minute idle: an unused client holds no thread. */
    private static Executor newAsyncExecutor(String merchantId) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "wxpay-" + merchantId + "-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory);
        return executor;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The merchant id ({@code mchid}) this client signs as. */
    public String merchantId() {
        return merchantId;
    }

    /** The base URI requests go to. */
    public URI baseUri() {
        return baseUri;
    }

    /** The JCA provider used for SHA256withRSA (configured, auto-detected, or the JDK's). */
    public Provider signatureProvider() {
        return provider;
    }

    /**
     * The parameters a JSAPI or mini-program front end passes to {@code wx.requestPayment} /
     * {@code WeixinJSBridge} for a prepaid order, signed with the merchant key (the client's clock, nonce source and
     * signature provider). Nothing is sent.
     *
     * @param appId    the appid the prepay named (partner mode: sub_appid when the payer is a sub_openid, else sp_appid)
     * @param prepayId the prepay_id the JSAPI prepay answered
     * @throws IllegalArgumentException an argument is null, blank or holds a line break
     */
    public JsapiInvokeParams jsapiInvokeParams(String appId, String prepayId) {
        return invokeParams.jsapi(appId, prepayId);
    }

    /**
     * The parameters an app passes to the WeChat OpenSDK ({@code PayReq}) for a prepaid APP order, signed with the
     * merchant key (the client's clock, nonce source and signature provider). Nothing is sent.
     *
     * @param appId     the mobile application's appid the prepay named
     * @param partnerId the mchid in direct mode, the sub_mchid in partner mode
     * @param prepayId  the prepay_id the APP prepay answered
     * @throws IllegalArgumentException an argument is null, blank or holds a line break
     */
    public AppInvokeParams appInvokeParams(String appId, String partnerId, String prepayId) {
        return invokeParams.app(appId, partnerId, prepayId);
    }

    /**
     * Runs one call: serialises the body once, signs and sends it, verifies the response and maps the body.
     *
     * @param request      the call, as generated code describes it
     * @param responseType the body type; {@code Void.class} when no body is expected ({@code String.class} and
     *                     {@code byte[].class} give the raw body)
     * @return the verified response with its mapped body
     * @throws ServiceException            WeChat Pay answered non-2xx
     * @throws VerificationException       the 2xx response is not provably from WeChat Pay
     * @throws MalformedResponseException  the verified body does not map to {@code responseType}
     * @throws TransportException          I/O failure or timeout
     * @throws WechatPayException          the body could not be serialised, or signing failed
     * @throws IllegalStateException       an interceptor broke the chain's contract (other exceptions thrown by user
     *                                     interceptors pass through unchanged)
     */
    public <T> ApiResponse<T> execute(ApiRequest request, Class<T> responseType) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseType, "responseType");
        WireRequest wire = toWire(request);
        WireResponse response = CallChain.run(interceptors, wire, this::send);
        return toApiResponse(request, response, responseType);
    }

    /**
     * Runs {@link #execute} on the client's async executor (interceptors included). The future completes with the
     * same response, or exceptionally with the same exception itself, so {@code handle}, {@code exceptionally} and
     * {@code whenComplete} see a {@link ServiceException} and not a wrapper ({@code join()} and {@code get()} wrap
     * it in {@link java.util.concurrent.CompletionException} / {@link ExecutionException} as usual).
     */
    public <T> CompletableFuture<ApiResponse<T>> executeAsync(ApiRequest request, Class<T> responseType) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseType, "responseType");
        CompletableFuture<ApiResponse<T>> future = new CompletableFuture<>();
        try {
            asyncExecutor.execute(() -> {
                try {
                    future.complete(execute(request, responseType));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e); // for example a RejectedExecutionException from a saturated executor
        }
        return future;
    }

    private WireRequest toWire(ApiRequest request) {
        Multipart multipart = request.multipart();
        byte[] signed = null;
        byte[] body;
        String contentType = "application/json";
        if (multipart != null) {
            signed = serialise(request, multipart.meta(), "multipart meta");
            String boundary = boundaries.nextNonce();
            body = multipart.write(signed, boundary);
            contentType = "multipart/form-data; boundary=" + boundary;
        } else {
            body = serialise(request, request.body(), "request body");
        }
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            headers.put(header.getKey(), List.of(header.getValue()));
        }
        headers.put("Accept", List.of("application/json"));
        headers.put("User-Agent", List.of(userAgent));
        headers.put("Wechatpay-Serial", List.of(wechatPaySerial));
        if (body != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        String pathAndQuery = basePath + request.pathAndQuery();
        URI uri = URI.create(baseUriText + pathAndQuery);
        return new WireRequest(request.method(), uri, pathAndQuery, Collections.unmodifiableMap(headers), body,
                request.operationId(), signed);
    }

    private byte[] serialise(ApiRequest request, Object body, String what) {
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
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new WechatPayException(describe(request) + ": the " + what + " of type "
                    + body.getClass().getName() + " could not be serialised to JSON: " + String.valueOf(e.getMessage()).split("\n", 2)[0], e);
        }
    }

    private static String describe(ApiRequest request) {
        return request.operationId() != null ? request.operationId() : request.method() + " " + request.pathAndQuery();
    }

    /** The chain's last link: the transport, bounded by the client's timeout. */
    private WireResponse send(WireRequest request) {
        return transport.send(request, timeout);
    }

    private <T> ApiResponse<T> toApiResponse(ApiRequest request, WireResponse response, Class<T> type) {
        String requestId = response.header("Request-ID");
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
                        + type.getSimpleName() + ": " + e.getMessage().split("\n", 2)[0], response.statusCode(),
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
    private ServiceException serviceException(WireResponse response, String requestId) {
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

    @Override
    public String toString() {
        return "WechatPayClient{merchantId=" + merchantId + ", baseUri=" + baseUri + ", trusted=" + trustedIds
                + ", signatureProvider=" + provider.getName() + "}";
    }

    /**
     * Collects a client's settings; {@link #build()} checks them all and names every missing or invalid one in a
     * single message. Not thread-safe.
     */
    public static final class Builder {
        private URI baseUri = DEFAULT_BASE_URI;
        private String merchantId;
        private String merchantSerialNumber;
        private PrivateKey merchantPrivateKey;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout;
        private HttpClient httpClient;
        private Transport transport;
        private Clock clock = Clock.systemUTC();
        private NonceSource nonceSource;
        private Provider signatureProvider;
        private ObjectMapper mapper;
        private Executor asyncExecutor;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private final TrustedKeys trusted = new TrustedKeys(problems);

        private Builder() {
        }

        /** Where requests go; default {@code https://api.mch.weixin.qq.com}. A path prefix is kept and signed. */
        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        /** The merchant id ({@code mchid}); in partner mode the service provider's id. Required. */
        public Builder merchantId(String merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        /** The merchant API certificate's serial number (hex), sent as {@code serial_no}. Required. */
        public Builder merchantSerialNumber(String merchantSerialNumber) {
            this.merchantSerialNumber = merchantSerialNumber;
            return this;
        }

        /** The merchant API private key (RSA 2048, from {@code apiclient_key.pem}; see {@link PemKeys}). Required. */
        public Builder merchantPrivateKey(PrivateKey merchantPrivateKey) {
            this.merchantPrivateKey = merchantPrivateKey;
            return this;
        }

        /**
         * Trusts a WeChat Pay public key, chosen when a response's {@code Wechatpay-Serial} equals its id. May be
         * called more than once and combined with {@link #platformCertificate}.
         *
         * @param publicKeyId the id WeChat Pay shows for the key, {@code PUB_KEY_ID_…}
         * @param key         the WeChat Pay public key (RSA)
         */
        public Builder wechatPayPublicKey(String publicKeyId, PublicKey key) {
            trusted.publicKey(publicKeyId, key);
            return this;
        }

        /**
         * Trusts a WeChat Pay platform certificate, chosen when a response's {@code Wechatpay-Serial} equals its
         * serial. May be called more than once and combined with {@link #wechatPayPublicKey}.
         */
        public Builder platformCertificate(X509Certificate certificate) {
            trusted.certificate(certificate);
            return this;
        }

        /** Time allowed for one request, from sending to the end of the response; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Time allowed to open a connection; default 10 s. Only for the default transport. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * The JDK HTTP client to send with, instead of the default one; short for
         * {@code transport(JdkHttpTransport.of(httpClient))}. Configure its connect timeout, proxy and TLS on it, and
         * no redirects. For custom TLS alone, {@code transport(JdkHttpTransport.create(connectTimeout, sslContext))}
         * keeps the runtime's recommended settings (HTTP/1.1, direct executor).
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            if (httpClient == null) {
                problems.add("httpClient: the client is null (leave it unset for the default transport)");
            } else if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                problems.add("httpClient follows redirects (" + httpClient.followRedirects() + "): a redirected"
                        + " request would go where it was not signed for; build it with"
                        + " followRedirects(HttpClient.Redirect.NEVER)");
            }
            return this;
        }

        /**
         * The transport to send with, instead of the default {@link JdkHttpTransport}: for example
         * {@code OkHttpTransport} from the optional {@code wxpay-transport-okhttp} artifact. Configure its connect
         * timeout, proxy and TLS on it; {@link #timeout} still bounds every exchange.
         */
        public Builder transport(Transport transport) {
            this.transport = transport;
            if (transport == null) {
                problems.add("transport: the transport is null (leave it unset for the default transport)");
            }
            return this;
        }

        /** The clock for request timestamps and the 300 s verification window; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Adds an interceptor; user interceptors run in the order added, outside signing and verification. */
        public Builder addInterceptor(Interceptor interceptor) {
            if (interceptor == null) {
                problems.add("addInterceptor: the interceptor is null");
            } else {
                interceptors.add(interceptor);
            }
            return this;
        }

        /**
         * The JCA provider for SHA256withRSA signing and verification. By default a native provider is used when
         * present (Amazon Corretto Crypto Provider, installed or on the class path), else the JDK's.
         */
        public Builder signatureProvider(Provider provider) {
            this.signatureProvider = provider;
            if (provider == null) {
                problems.add("signatureProvider: the provider is null (leave it unset for automatic choice)");
            }
            return this;
        }

        /** The nonce source for signed requests; default {@link NonceSource#secureRandom()}. */
        public Builder nonceSource(NonceSource nonceSource) {
            this.nonceSource = nonceSource;
            if (nonceSource == null) {
                problems.add("nonceSource: the nonce source is null");
            }
            return this;
        }

        /**
         * The mapper for request and response bodies; default {@link WechatPayJson#newObjectMapper()}. Must not be
         * reconfigured after the client is built.
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = mapper;
            if (mapper == null) {
                problems.add("objectMapper: the mapper is null");
            }
            return this;
        }

        /** The executor {@link #executeAsync} runs calls on; default a per-client pool of on-demand daemon threads. */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = executor;
            if (executor == null) {
                problems.add("asyncExecutor: the executor is null");
            }
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException naming every missing or invalid setting in one message
         */
        public WechatPayClient build() {
            List<String> errors = new ArrayList<>(problems);
            checkBaseUri(errors);
            checkToken(errors, "merchantId", merchantId, "the merchant id (mchid), for example 1900000109");
            checkToken(errors, "merchantSerialNumber", merchantSerialNumber,
                    "the merchant API certificate serial number (hex)");
            if (merchantPrivateKey == null) {
                errors.add("merchantPrivateKey is required (load apiclient_key.pem with PemKeys.privateKey)");
            } else if (!"RSA".equalsIgnoreCase(merchantPrivateKey.getAlgorithm())) {
                errors.add("merchantPrivateKey must be an RSA key, got " + merchantPrivateKey.getAlgorithm());
            }
            checkPositive(errors, "timeout", timeout);
            if (connectTimeout != null) {
                checkPositive(errors, "connectTimeout", connectTimeout);
                if (httpClient != null) {
                    errors.add("connectTimeout cannot be combined with httpClient: configure the connect timeout on"
                            + " that HttpClient");
                }
                if (transport != null) {
                    errors.add("connectTimeout cannot be combined with transport: configure the connect timeout on"
                            + " that transport");
                }
            }
            if (httpClient != null && transport != null) {
                errors.add("httpClient and transport cannot both be set: httpClient(c) is short for"
                        + " transport(JdkHttpTransport.of(c))");
            }
            if (clock == null) {
                errors.add("clock must not be null");
            }
            trusted.check(clock, errors);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Cannot build WechatPayClient: " + String.join("; ", errors));
            }
            if (connectTimeout == null) {
                connectTimeout = DEFAULT_CONNECT_TIMEOUT;
            }
            if (nonceSource == null) {
                nonceSource = NonceSource.secureRandom();
            }
            Provider provider = CryptoProviders.resolve(signatureProvider);
            RequestSigner signer = RequestSigner.create(merchantId, merchantSerialNumber, merchantPrivateKey,
                    provider);
            ResponseVerifier verifier = ResponseVerifier.create(trusted.keys(), provider);
            return new WechatPayClient(this, signer, verifier, trusted.announcedId());
        }

        private void checkBaseUri(List<String> errors) {
            if (baseUri == null) {
                errors.add("baseUri must not be null (default https://api.mch.weixin.qq.com)");
            } else if (!baseUri.isAbsolute() || baseUri.getHost() == null
                    || !("https".equalsIgnoreCase(baseUri.getScheme()) || "http".equalsIgnoreCase(baseUri.getScheme()))) {
                errors.add("baseUri must be an absolute http(s) URI with a host, got " + baseUri);
            } else if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                errors.add("baseUri must not have a query or fragment, got " + baseUri);
            }
        }

        private static void checkToken(List<String> errors, String name, String value, String what) {
            if (value == null || value.trim().isEmpty()) {
                errors.add(name + " is required (" + what + ")");
            } else if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\')) {
                errors.add(name + " must be printable ASCII without spaces or quotes");
            }
        }

        private static void checkPositive(List<String> errors, String name, Duration value) {
            if (value == null) {
                errors.add(name + " must not be null");
            } else if (value.isZero() || value.isNegative()) {
                errors.add(name + " must be positive, got " + value);
            }
        }
    }
}
