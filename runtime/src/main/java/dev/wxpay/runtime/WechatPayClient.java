package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

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
 * <p>{@link #close()} ends the threads the client started (its default async pool, the default transport's
 * deadline timer and the platform-certificate refresh); a client is meant to live as long as the application.
 *
 * <p>Thread-safe; its configuration is immutable and it holds no static state, so clients of different merchants
 * in one JVM never interfere. What changes while it runs is the set of trusted platform certificates, when
 * {@link Builder#autoPlatformCertificates} keeps it current. Its {@link #toString()} shows the merchant id and base
 * URI, never key material.
 */
public final class WechatPayClient implements AutoCloseable {
    /** WeChat Pay's main API host. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.mch.weixin.qq.com");
    /** Default time allowed for one request, from sending to the end of the response. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default cap on an API answer body: 4 MiB. WeChat Pay's JSON answers are a few kilobytes; a longer body is
     * refused while it streams (downloads are not capped).
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
    /** Threads of the default async executor ({@link Builder#asyncExecutor}): 16. */
    public static final int DEFAULT_ASYNC_THREADS = 16;
    /**
     * Calls the default async executor queues behind its busy threads: 100,000; past that, {@link #executeAsync}
     * returns a future failed with {@link java.util.concurrent.RejectedExecutionException}.
     */
    public static final int DEFAULT_ASYNC_QUEUE = 100_000;
    /** Default time allowed to open a connection (default HTTP client only). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String merchantId;
    private final URI baseUri;
    private final SensitiveFields sensitive;
    private final PlatformCertificates certificates;
    private final Executor asyncExecutor;
    private final String userAgent;
    private final TrustStore trust;
    private final Provider provider;
    private final Downloads downloads;
    private final CallPipeline pipeline;
    private final AsyncPool ownedPool;
    private final JdkHttpTransport ownedTransport;
    private final InvokeParamsSigner invokeParams;

    private WechatPayClient(Builder b, RequestSigner signer, TrustStore trust, SensitiveFields sensitive,
            PlatformCertificates certificates) {
        this.merchantId = b.merchantId;
        this.baseUri = b.baseUri;
        String base = b.baseUri.toString();
        String baseUriText = stripTrailingSlash(base.substring(0, base.length()
                - (b.baseUri.getRawPath() == null ? 0 : b.baseUri.getRawPath().length())));
        String basePath = stripTrailingSlash(b.baseUri.getRawPath() == null ? "" : b.baseUri.getRawPath());
        Duration timeout = b.timeout;
        this.ownedTransport = b.transport == null && b.httpClient == null
                ? JdkHttpTransport.create(b.connectTimeout) : null;
        Transport transport = b.transport != null ? b.transport
                : b.httpClient != null ? JdkHttpTransport.of(b.httpClient)
                : ownedTransport;
        ObjectMapper mapper = sensitive.install(b.mapper != null ? b.mapper : WechatPayJson.newObjectMapper());
        this.sensitive = sensitive;
        List<Interceptor> chain = new ArrayList<>(b.interceptors);
        chain.add(new SigningInterceptor(signer, b.clock, b.nonceSource));
        List<Interceptor> unverified = List.copyOf(chain);
        chain.add(new VerifyingInterceptor(trust, b.clock));
        this.ownedPool = b.asyncExecutor == null
                ? new AsyncPool(b.merchantId, DEFAULT_ASYNC_THREADS, DEFAULT_ASYNC_QUEUE) : null;
        this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor : ownedPool.executor();
        this.userAgent = "wxpay-codegen/" + RUNTIME_VERSION + " (Java/" + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")";
        this.trust = trust;
        this.certificates = certificates;
        this.provider = signer.provider();
        long maxResponseBytes = b.maxResponseBytes;
        BackupHost backup = b.backupBaseUri == null ? null
                : new BackupHost(b.backupBaseUri, basePath, signer, b.clock, b.nonceSource);
        // Multipart boundaries come from the injected random source, no static one.
        this.pipeline = new CallPipeline(baseUriText, basePath, timeout, transport, mapper, List.copyOf(chain),
                unverified, userAgent, trust, b.nonceSource, maxResponseBytes, backup);
        this.downloads = new Downloads(signer, b.clock, b.nonceSource, transport, timeout,
                this::downloadHeaders,
                b.merchantPrivateKey, maxResponseBytes, pipeline::serviceException);
        this.invokeParams = new InvokeParamsSigner(signer, b.clock, b.nonceSource);
    }

    /** A download's fixed headers; Wechatpay-Serial names the key trusted at the time, once there is one. */
    private Map<String, String> downloadHeaders() {
        TrustStore.EncryptionKey key = trust.encryptionKey();
        return key == null ? Map.of("Accept", "*/*", "User-Agent", userAgent)
                : Map.of("Accept", "*/*", "User-Agent", userAgent, "Wechatpay-Serial", key.id);
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

    /**
     * The id of the WeChat Pay key requests name in {@code Wechatpay-Serial}, which is also the key sensitive fields
     * are encrypted with: the configured {@link Builder#requestSerial}, else the WeChat Pay public key when one is
     * trusted, else the newest platform certificate. It can change when platform certificates rotate.
     */
    public String encryptionKeyId() {
        return trust.encryptionKey().id;
    }

    /**
     * Encrypts a sensitive field (敏感信息) for WeChat Pay: RSA/ECB/OAEPWithSHA-1AndMGF1Padding under the key named by
     * {@link #encryptionKeyId()}, Base64. Model fields annotated {@link SensitiveField} are encrypted by
     * {@link #execute} itself; this is for hand-built bodies, which must then send {@code Wechatpay-Serial} =
     * {@link #encryptionKeyId()} (the client always does).
     *
     * @throws WechatPayException when the text is too long for one RSA-2048 block (214 bytes of UTF-8); the message
     *                            never contains the text
     */
    public String encryptSensitive(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        return SensitiveFields.encrypt(plaintext, trust.encryptionKey().key);
    }

    /**
     * Decrypts a sensitive field WeChat Pay encrypted to the merchant's API certificate key (Base64,
     * RSA/ECB/OAEPWithSHA-1AndMGF1Padding) with the merchant private key. Annotated fields of answers are decrypted
     * by {@link #execute} itself.
     *
     * @throws DecryptionException when it is not Base64 or does not decrypt with the merchant key
     */
    public String decryptSensitive(String ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        return sensitive.decrypt(ciphertext);
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
        return pipeline.execute(request, responseType);
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
            asyncExecutor.execute(AsyncPool.call(future, () -> execute(request, responseType)));
        } catch (RuntimeException e) {
            future.completeExceptionally(e); // for example a RejectedExecutionException from a saturated executor
        }
        return future;
    }

    /**
     * Downloads a file (media, or a bill as it comes) from a {@code download_url} into {@code out}, streaming; see
     * {@link Download} for how downloads are signed, why their answers are unsigned and what the timeout bounds.
     * {@code out} is not closed.
     *
     * @throws ServiceException   WeChat Pay answered non-2xx (an expired URL, say)
     * @throws TransportException I/O failure or timeout; part of the file may have been written
     */
    public Download download(String downloadUrl, OutputStream out) {
        Objects.requireNonNull(out, "out");
        return downloads.download(downloadUrl, out);
    }

    /** {@link #download(String, OutputStream)} into a file, moved into place only when the download completed. */
    public Download download(String downloadUrl, Path target) {
        return Downloads.toFile(target, out -> download(downloadUrl, out));
    }

    /**
     * Downloads a bill: a gzip answer is decompressed and the bill answer's hash ({@code SHA1}, or {@code SM3})
     * checked over the uncompressed bill. The hash is known only at the end: on a {@link VerificationException}
     * <b>the caller must discard what was written to {@code out}</b> (the {@link Path} overload does).
     *
     * @param hashType  the bill answer's {@code hash_type}
     * @param hashValue the bill answer's {@code hash_value} (hex)
     * @throws VerificationException the hash does not match, or the gzip stream is corrupt
     */
    public Download downloadBill(String downloadUrl, String hashType, String hashValue, OutputStream out) {
        Objects.requireNonNull(out, "out");
        return downloads.downloadBill(downloadUrl, hashType, hashValue, out);
    }

    /** {@link #downloadBill(String, String, String, OutputStream)} into a file, moved into place only when verified. */
    public Download downloadBill(String downloadUrl, String hashType, String hashValue, Path target) {
        return Downloads.toFile(target, out -> downloadBill(downloadUrl, hashType, hashValue, out));
    }

    /**
     * Downloads one encrypted bill of a sub-merchant fund-flow bill's {@code download_bill_list}: {@code encryptKey}
     * (Base64) is decrypted with the merchant private key (RSA-OAEP), the file with AES-256-GCM under it and
     * {@code nonce}, streaming; then as {@link #downloadBill}. On a {@link DecryptionException} (the tag, checked
     * at the end) or {@link VerificationException}, discard what was written to {@code out}.
     */
    public Download downloadEncryptedBill(String downloadUrl, String encryptKey, String nonce, String hashType,
            String hashValue, OutputStream out) {
        Objects.requireNonNull(out, "out");
        return downloads.downloadEncryptedBill(downloadUrl, encryptKey, nonce, hashType, hashValue, out);
    }

    /** {@link #downloadEncryptedBill(String, String, String, String, String, OutputStream)} into a file. */
    public Download downloadEncryptedBill(String downloadUrl, String encryptKey, String nonce, String hashType,
            String hashValue, Path target) {
        return Downloads.toFile(target,
                out -> downloadEncryptedBill(downloadUrl, encryptKey, nonce, hashType, hashValue, out));
    }

    /**
     * Signs and sends {@code GET /v3/certificates} without the verifying link: the answer may be signed by a
     * certificate it carries, so {@link CertificateDownload} verifies it once that certificate is decrypted.
     */
    private WireResponse downloadCertificates() {
        ApiRequest request = ApiRequest.builder("GET", CertificateDownload.PATH).operationId("downloadCertificates")
                .build();
        return pipeline.executeUnverified(request);
    }

    /**
     * The self-refreshing platform certificates configured with {@link Builder#autoPlatformCertificates}, to share
     * with a {@link NotificationParser} ({@link NotificationParser.Builder#platformCertificates}); empty when not
     * configured.
     */
    public Optional<PlatformCertificates> platformCertificates() {
        return Optional.ofNullable(certificates);
    }


    /**
     * Ends the threads this client started: the default async pool (calls still queued fail with
     * {@link IllegalStateException}, running ones are interrupted), the default transport's deadline timer and the
     * platform-certificate refresh. A transport or executor you supplied is left alone. Later calls fail. Waits
     * briefly for the threads to end. Idempotent.
     */
    @Override
    public void close() {
        if (certificates != null) {
            certificates.close();
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
        if (ownedTransport != null) {
            ownedTransport.close();
        }
    }


    @Override
    public String toString() {
        return "WechatPayClient{merchantId=" + merchantId + ", baseUri=" + baseUri + ", trusted=" + trust.trustedIds()
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
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private URI backupBaseUri;
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

        /**
         * Which trusted WeChat Pay key requests name in {@code Wechatpay-Serial}; by default the (first) WeChat Pay
         * public key when one is trusted, else the newest platform certificate. During WeChat Pay's migration from
         * platform certificates to the public key, this header decides which key WeChat Pay signs answers with:
         * keep the certificate's serial until the switch is done, then the {@code PUB_KEY_ID_…}. Sensitive fields
         * are encrypted with the same key, so the header always names the key they were encrypted with.
         *
         * @param keyId a trusted public-key id or platform certificate serial; {@link #build()} refuses any other
         */
        public Builder requestSerial(String keyId) {
            trusted.requestSerial(keyId);
            return this;
        }

        /**
         * Downloads WeChat Pay platform certificates in {@link #build()} and keeps them current; see
         * {@link PlatformCertificates}. Configured keys keep working beside them. {@code build()} fails when the first
         * download fails: a merchant enrolled in public-key mode only should configure {@link #wechatPayPublicKey}
         * instead. Close the client ({@link WechatPayClient#close()}) to end the refresh thread.
         *
         * @param apiV3Key the merchant's 32-byte APIv3 key, which decrypts the downloaded certificates
         */
        public Builder autoPlatformCertificates(String apiV3Key) {
            trusted.autoPlatformCertificates(apiV3Key);
            return this;
        }

        /** How often {@link #autoPlatformCertificates} downloads again; default 12 hours. */
        public Builder platformCertificatesRefreshInterval(Duration interval) {
            trusted.refreshInterval(interval);
            return this;
        }

        /** Told about every certificate refresh, adopted or failed; default none (failures are logged anyway). */
        public Builder platformCertificatesListener(PlatformCertificates.Listener listener) {
            trusted.listener(listener);
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

        /**
         * The executor {@link #executeAsync} runs calls on. The default is a per-client bounded pool:
         * {@link WechatPayClient#DEFAULT_ASYNC_THREADS} daemon threads ({@code wxpay-<mchid>-async-<n>}, started on demand, ended
         * after a minute idle or by {@link WechatPayClient#close()}) and a queue of {@link WechatPayClient#DEFAULT_ASYNC_QUEUE}
         * calls; when both are full, the returned future fails with
         * {@link java.util.concurrent.RejectedExecutionException}. An executor you supply is never shut down by
         * the client.
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = executor;
            if (executor == null) {
                problems.add("asyncExecutor: the executor is null");
            }
            return this;
        }

        /**
         * A second host for calls that cannot reach the main one: WeChat Pay documents
         * {@code https://api2.wechatpay.cn} as the backup of {@code https://api.mch.weixin.qq.com}. Only a failure
         * before anything was sent (the name does not resolve, the connection is refused, the connect timeout
         * passed) sends the call once more, to the backup host, signed afresh for it. A call that may have reached
         * WeChat Pay (a reset, a timeout after sending, an error answer) is never repeated by the client.
         */
        public Builder backupBaseUri(URI backupBaseUri) {
            this.backupBaseUri = backupBaseUri;
            if (backupBaseUri == null) {
                problems.add("backupBaseUri: the URI is null (leave it unset for no backup host)");
            } else if (!backupBaseUri.isAbsolute() || backupBaseUri.getHost() == null
                    || !("https".equalsIgnoreCase(backupBaseUri.getScheme())
                    || "http".equalsIgnoreCase(backupBaseUri.getScheme()))
                    || backupBaseUri.getRawQuery() != null || backupBaseUri.getRawFragment() != null) {
                problems.add("backupBaseUri must be an absolute http(s) URI with a host and no query, got "
                        + backupBaseUri);
            }
            return this;
        }

        /**
         * The longest API answer body accepted, in bytes; default {@link WechatPayClient#DEFAULT_MAX_RESPONSE_BYTES} (4 MiB).
         * A longer answer is refused as a {@link MalformedResponseException} while it streams, so a hostile or
         * broken server cannot fill the heap. Downloads are not capped.
         */
        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            if (maxResponseBytes < 1) {
                problems.add("maxResponseBytes must be positive, got " + maxResponseBytes);
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
            trusted.check(clock, errors, trusted.downloads());
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
            // Platform certificates are downloaded through the client they are built for: hence the late binding.
            WechatPayClient[] built = new WechatPayClient[1];
            PlatformCertificates certificates = trusted.newPlatformCertificates(() -> built[0].downloadCertificates(),
                    clock, provider, merchantId);
            TrustStore store = trusted.store(provider, certificates == null ? null : certificates.source());
            built[0] = new WechatPayClient(this, signer, store, new SensitiveFields(merchantPrivateKey), certificates);
            if (certificates != null) {
                PlatformCertificatesStart.start(built[0], certificates, () -> trusted.checkRequestSerial(store));
            }
            return built[0];
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
