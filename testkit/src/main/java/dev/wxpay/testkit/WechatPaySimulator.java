package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * WeChat Pay on loopback: a real HTTP server on 127.0.0.1 that checks requests as WeChat Pay does and answers like it.
 *
 * <ul>
 *   <li>Every API request must carry a valid {@code WECHATPAY2-SHA256-RSA2048} Authorization header of a known
 *       merchant, within the timestamp window, signed over the exact bytes sent; otherwise 401 {@code SIGN_ERROR}.</li>
 *   <li>Parameters and bodies are validated against the loaded {@link SimulatorSpec}; a violation is answered with
 *       400 {@code PARAM_ERROR} whose {@code detail.field} names the field by JSON path.</li>
 *   <li>Every answer is signed with the simulator's WeChat Pay key: {@code Wechatpay-Timestamp}, {@code -Nonce},
 *       {@code -Signature}, {@code -Serial}, {@code -Signature-Type} and a {@code Request-ID}, with these exact
 *       header-name spellings.</li>
 *   <li>The PayScore plan and sign-plan operations keep state; {@link #simulateUserSign(String)} and
 *       {@link #simulateUserCancel(String)} play the user and send the encrypted, signed notification. Any other
 *       operation of the spec answers with its example.</li>
 *   <li>{@link #faults()} injects delays, 5xx answers, tampered bodies, wrong serials, stale timestamps and
 *       {@code WECHATPAY/SIGNTEST/} probes.</li>
 * </ul>
 *
 * <pre>{@code
 * try (WechatPaySimulator sim = WechatPaySimulator.builder().start()) {
 *     SimulatedMerchant m = sim.merchant();       // mchid, serial, private key to sign with, APIv3 key
 *     URI base = sim.baseUri();                   // http://127.0.0.1:PORT
 *     PublicKey wechatPayKey = sim.platformPublicKey(); String keyId = sim.publicKeyId();
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are served concurrently; state, faults and the request log are guarded. Close it to stop
 * the server, the notification deliveries and their threads.
 */
public final class WechatPaySimulator implements AutoCloseable {

    /** The Authorization scheme WeChat Pay APIv3 accepts. */
    public static final String AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";
    /** The prefix of WeChat Pay's probe signatures, which merchants must fail to verify. */
    public static final String SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/";
    /** The path prefix of the simulator's own control endpoints (not WeChat Pay's API, not authenticated). */
    public static final String CONTROL_PREFIX = "/_testkit/";

    private static final int MAX_RECORDED = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SimulatorSpec spec;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyPair platformKey;
    private final String publicKeyId;
    private final Map<String, SimulatedMerchant> merchants;
    private final RequestAuthenticator authenticator;
    private final ObjectMapper mapper;
    private final PayscoreState payscore;
    private final PaymentsState payments;
    private final List<ProductDoor> doors;
    private final Map<String, ProductDoor> doorsByOperation;
    private final FaultInjector faults;
    private final ControlEndpoints controls;
    private final NotificationSender notifications;
    private final PlatformCertificateDesk certificates;
    private final Notifier notifier;
    private final SpecRequestValidator requests;
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    private final LoopbackHttpServer server;

    private WechatPaySimulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.random = b.random;
        // RSA key generation and the first Swagger Parser run dominate a cold start: overlap them.
        CompletableFuture<KeyPair> platform = b.platformKey != null ? CompletableFuture.completedFuture(b.platformKey)
                : CompletableFuture.supplyAsync(() -> Crypto.generateRsaKeyPair(random));
        CompletableFuture<SimulatedMerchant> generated = !b.merchants.isEmpty() ? null
                : CompletableFuture.supplyAsync(() -> SimulatedMerchant.generate(Builder.DEFAULT_MCHID, random));
        this.spec = b.spec != null ? b.spec : SimulatorSpec.payscore();
        Map<String, SimulatedMerchant> known = new LinkedHashMap<>();
        for (SimulatedMerchant m : b.merchants) {
            if (known.put(m.mchid(), m) != null) {
                throw new IllegalArgumentException("merchant " + m.mchid() + " given twice");
            }
        }
        if (generated != null) {
            SimulatedMerchant m = generated.join();
            known.put(m.mchid(), m);
        }
        this.platformKey = platform.join();
        this.publicKeyId = b.publicKeyId != null ? b.publicKeyId : "PUB_KEY_ID_01" + Crypto.digits(random, 26);
        this.merchants = java.util.Collections.unmodifiableMap(known);
        this.authenticator = new RequestAuthenticator(merchants, clock, b.timestampWindow);
        this.mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.requests = new SpecRequestValidator(mapper, this::privateKeyFor);
        this.faults = new FaultInjector(spec.operationIds());
        this.notifications = new NotificationSender(b.retryDelays, b.notificationTimeout);
        this.certificates = new PlatformCertificateDesk(clock, random, b.publicKeyOnly);
        this.notifier = new Notifier(merchants, clock, random, notifications, this::notificationHeaders);
        this.payscore = new PayscoreState(clock, random, notifier, b.emptyUnsetDateTimes);
        this.payments = new PaymentsState(clock, random, notifier,
                new PaymentRefunds(clock, random, b.refundsSucceedAtOnce), new PaymentBills(clock, random, this::baseUri));
        // One door per product; a new product is one more entry here.
        this.doors = b.specAnswersOnly ? List.of() : List.of(payscore, payments);
        this.doorsByOperation = doorsByOperation(doors);
        this.controls = new ControlEndpoints(mapper, new FaultControl(faults), doors);
        this.server = LoopbackHttpServer.start(InetAddress.getLoopbackAddress(), b.port, this::handle,
                "wxpay-testkit-" + b.port);
    }

    /** A builder with defaults: ephemeral port, PayScore spec, system clock, one generated merchant. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- what a client needs

    /** {@code http://127.0.0.1:PORT}, the base URI to give a client. */
    public URI baseUri() {
        return URI.create("http://" + server.address().getHostAddress() + ":" + server.port());
    }

    /** The port the simulator listens on (the ephemeral one chosen when the builder was given 0). */
    public int port() {
        return server.port();
    }

    /** The id of the simulator's WeChat Pay public key ({@code PUB_KEY_ID_…}), sent as {@code Wechatpay-Serial}. */
    public String publicKeyId() {
        return publicKeyId;
    }

    /**
     * Adds a new platform certificate beside the current ones (WeChat Pay's rotation with overlap) and returns its
     * serial: {@code GET /v3/certificates} lists it from now on, and answers to requests naming it in
     * {@code Wechatpay-Serial} are signed with it.
     *
     * @throws IllegalStateException in public-key-only mode
     */
    public String rotatePlatformCertificate() {
        return certificates.rotate();
    }

    /** The WeChat Pay public key a client must trust to verify the simulator's answers and notifications. */
    public PublicKey platformPublicKey() {
        return platformKey.getPublic();
    }

    /** {@link #platformPublicKey()} as PEM ({@code pub_key.pem}, as downloaded from the merchant platform). */
    public String platformPublicKeyPem() {
        return Crypto.pem("PUBLIC KEY", platformKey.getPublic().getEncoded());
    }

    /** The first (or only) merchant. */
    public SimulatedMerchant merchant() {
        return merchants.values().iterator().next();
    }

    /** The merchant with this mchid. */
    public SimulatedMerchant merchant(String mchid) {
        SimulatedMerchant m = merchants.get(mchid);
        if (m == null) {
            throw new IllegalArgumentException("unknown merchant " + mchid + "; known: " + merchants.keySet());
        }
        return m;
    }

    /** All merchants, in the order given. */
    public Collection<SimulatedMerchant> merchants() {
        return merchants.values();
    }

    /** The spec the simulator serves and validates against. */
    public SimulatorSpec spec() {
        return spec;
    }

    /** Fault injection for the next answers. */
    public FaultInjector faults() {
        return faults;
    }

    // ---------------------------------------------------------------- what happened

    /** The requests received so far (the last 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** The most recent request. */
    public Optional<RecordedRequest> lastRequest() {
        synchronized (recorded) {
            return Optional.ofNullable(recorded.peekLast());
        }
    }

    /** Forgets the requests recorded so far, so that {@link #requests()} shows only what comes next. */
    public void clearRequests() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    /** The sign plan as the simulator holds it now (JSON), empty when no single sign plan has this number. */
    public Optional<String> signPlanJson(String merchantSignPlanNo) {
        ObjectNode node = payscore.signPlanSnapshot(merchantSignPlanNo);
        return node == null ? Optional.empty() : Optional.of(node.toString());
    }

    /** The order as the simulator holds it now (the query answer as JSON), empty when no single order has it. */
    public Optional<String> transactionJson(String outTradeNo) {
        ObjectNode node = payments.transactionSnapshot(outTradeNo);
        return node == null ? Optional.empty() : Optional.of(node.toString());
    }

    // ---------------------------------------------------------------- the simulated user

    /**
     * The user confirms the {@code UNSIGNED} sign plan: it becomes {@code SIGNED} and a
     * {@code PAYSCORE.USER_SIGN_PLAN} notification is POSTed to its {@code notify_url}, retried until success.
     *
     * @throws IllegalArgumentException when no (single) sign plan has this number
     * @throws IllegalStateException when the sign plan is not {@code UNSIGNED}
     */
    public NotificationDelivery simulateUserSign(String merchantSignPlanNo) {
        return notifier.send(payscore.userSign(merchantSignPlanNo));
    }

    /**
     * The user pays the {@code NOTPAY} order: it becomes {@code SUCCESS} (with {@code transaction_id},
     * {@code success_time}, {@code payer}) and a {@code TRANSACTION.SUCCESS} notification is POSTed to its
     * {@code notify_url}, retried on the usual schedule until the merchant answers 2xx.
     *
     * @throws IllegalArgumentException when no (single) order has this {@code out_trade_no}
     * @throws IllegalStateException when the order is not {@code NOTPAY}
     */
    public NotificationDelivery simulateUserPay(String outTradeNo) {
        return payments.userPay(outTradeNo);
    }

    /**
     * The refund fails at the bank: the {@code PROCESSING} refund becomes {@code ABNORMAL}, its amount may be refunded
     * again, and {@code REFUND.ABNORMAL} is delivered. Needs a simulator built with
     * {@link Builder#refundsSucceedAtOnce(boolean) refundsSucceedAtOnce(false)}, else refunds are already done.
     *
     * @throws IllegalArgumentException when no (single) refund has this {@code out_refund_no}
     * @throws IllegalStateException when the refund is not {@code PROCESSING}
     */
    public NotificationDelivery simulateRefundAbnormal(String outRefundNo) {
        return payments.finishRefund(outRefundNo, "ABNORMAL");
    }

    /** The held {@code PROCESSING} refund succeeds and {@code REFUND.SUCCESS} is delivered (see the abnormal one). */
    public NotificationDelivery simulateRefundSuccess(String outRefundNo) {
        return payments.finishRefund(outRefundNo, "SUCCESS");
    }

    /** The held {@code PROCESSING} refund is closed and {@code REFUND.CLOSED} is delivered (see the abnormal one). */
    public NotificationDelivery simulateRefundClosed(String outRefundNo) {
        return payments.finishRefund(outRefundNo, "CLOSED");
    }

    /** {@link #simulateUserCancel(String, String)} with the reason {@code 用户取消签约}. */
    public NotificationDelivery simulateUserCancel(String merchantSignPlanNo) {
        return simulateUserCancel(merchantSignPlanNo, "用户取消签约");
    }

    /**
     * The user cancels the sign plan: it becomes {@code TERMINATED} (cancel type {@code USER}) and a
     * {@code PAYSCORE.USER_CANCEL_SIGN_PLAN} notification is POSTed to its {@code notify_url}.
     */
    public NotificationDelivery simulateUserCancel(String merchantSignPlanNo, String reason) {
        return notifier.send(payscore.userCancel(merchantSignPlanNo, reason));
    }

    /** The {@code Wechatpay-*} headers of one notification attempt, signed now over {@code body}. */
    private String[] notificationHeaders(String body) {
        Signed s = sign(body.getBytes(StandardCharsets.UTF_8), clock.instant().getEpochSecond(), null);
        return new String[] {
            "Wechatpay-Nonce", s.nonce, "Wechatpay-Signature", s.signature, "Wechatpay-Timestamp", s.timestamp,
            "Wechatpay-Serial", publicKeyId, "Wechatpay-Signature-Type", AUTH_SCHEME};
    }

    private static Map<String, ProductDoor> doorsByOperation(List<ProductDoor> doors) {
        Map<String, ProductDoor> out = new HashMap<>();
        for (ProductDoor door : doors) {
            for (String id : door.operationIds()) {
                if (out.put(id, door) != null) {
                    throw new IllegalStateException("two products answer operation " + id);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- serving

    private LoopbackHttpServer.HttpAnswer handle(LoopbackHttpServer.HttpCall call) {
        String requestId = Crypto.hex(random, 48);
        String target = call.target();
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        if (rawPath.startsWith(CONTROL_PREFIX)) {
            return control(call, rawPath, requestId);
        }
        List<String> values = new ArrayList<>();
        SpecOperation op = spec.match(call.method(), rawPath, values);
        Map<String, String> pathParams = new LinkedHashMap<>();
        if (op != null) {
            List<String> names = op.pathParamNames();
            for (int i = 0; i < names.size(); i++) {
                pathParams.put(names.get(i), values.get(i));
            }
        }
        List<Map.Entry<String, String>> query = parseQuery(rawQuery);
        List<Fault> applied = faults.take(op == null ? null : op.operationId(), rawPath);
        for (Fault f : applied) {
            if (f.kind() == Fault.Kind.DELAY) {
                pause(f.delayDuration());
            }
        }

        RequestAuthenticator.Auth auth = authenticator.authenticate(call);
        if (auth.error() == null && certificates.serves(call.method(), rawPath)) {
            return certificateDownload(call, target, requestId, auth);
        }
        int status;
        JsonNode answer;
        String errorCode = null;
        try {
            if (auth.error() != null) {
                throw auth.error();
            }
            if (op == null) {
                ProductDoor.RawAnswer raw = serveUnlisted(call.method(), rawPath, query, auth.mchid(), applied);
                if (raw != null) {
                    record(new RecordedRequest(call.method(), target, RecordedRequest.entries(call.headers()),
                            call.body(), null, pathParams, query, true, auth.mchid(), raw.status(), null, requestId));
                    return unsigned(raw, requestId);
                }
                boolean otherMethod = spec.knowsPath(rawPath);
                throw new WechatError(otherMethod ? 405 : 404, otherMethod ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
                        (otherMethod ? "该接口不支持此请求方法: " : "请求的资源不存在: ") + call.method() + " " + rawPath, null);
            }
            String trusted = call.header("Wechatpay-Serial");
            if (trusted != null && !trusted.equals(publicKeyId) && certificates.find(trusted) == null) {
                // The client names the WeChat Pay key it trusts; naming another one means its trust is misconfigured.
                ObjectNode detail = NODES.objectNode();
                detail.put("field", "Wechatpay-Serial");
                detail.put("value", trusted);
                detail.put("issue", "is not the id of this WeChat Pay key (" + publicKeyId + ")");
                detail.put("location", "header");
                throw new WechatError(400, "INVALID_REQUEST", "平台公钥ID或证书序列号Wechatpay-Serial错误", detail);
            }
            Fault serverError = applied.stream().filter(f -> f.kind() == Fault.Kind.SERVER_ERROR).findFirst()
                    .orElse(null);
            if (serverError != null) {
                throw new WechatError(serverError.status(), "SYSTEM_ERROR", "系统错误 (injected fault)", null);
            }
            Map<String, String> firstQuery = new HashMap<>();
            for (Map.Entry<String, String> e : query) {
                firstQuery.putIfAbsent(e.getKey(), e.getValue());
            }
            JsonNode body = requests.validate(op, call, pathParams, firstQuery);
            if (op.fileType() != null) {
                // A download: a product's own file (a bill it built) or one made from the request, never signed.
                ProductDoor.RawAnswer raw = serveUnlisted(call.method(), rawPath, query, auth.mchid(), applied);
                raw = raw != null ? raw : SpecFiles.answer(op, call.method(), target);
                record(new RecordedRequest(call.method(), target, RecordedRequest.entries(call.headers()),
                        call.body(), op.operationId(), pathParams, query, true, auth.mchid(), raw.status(), null,
                        requestId));
                return unsigned(raw, requestId);
            }
            JsonNode example = op.example() == null ? null : op.example().deepCopy();
            ProductDoor door = doorsByOperation.get(op.operationId());
            if (door != null) {
                answer = door.answer(new ProductDoor.ProductCall(op.operationId(), auth.mchid(), pathParams, firstQuery,
                        body, example));
            } else {
                answer = example;
            }
            status = op.successStatus();
            SensitiveFieldCodec.encryptAnswer(answer, op.responseSchema(), merchants.get(auth.mchid()).publicKey());
        } catch (WechatError e) {
            status = e.status();
            errorCode = e.code();
            answer = e.body();
        } catch (RuntimeException e) {
            // A simulator bug or a spec it cannot serve: still answer like WeChat Pay, signed, and say what broke.
            WechatError error = new WechatError(500, "SYSTEM_ERROR", "simulator failure: " + e, null);
            status = error.status();
            errorCode = error.code();
            answer = error.body();
        }

        byte[] bytes = answer == null || status == 204 ? new byte[0] : answer.toString().getBytes(StandardCharsets.UTF_8);
        List<LoopbackHttpServer.Header> headers = signedHeaders(bytes, requestId, applied,
                call.header("Wechatpay-Serial"));
        byte[] sent = applied.stream().anyMatch(f -> f.kind() == Fault.Kind.TAMPERED_BODY) ? tamper(bytes) : bytes;
        record(new RecordedRequest(call.method(), target, RecordedRequest.entries(call.headers()), call.body(),
                op == null ? null : op.operationId(), pathParams, query, auth.error() == null && auth.mchid() != null,
                auth.mchid(), status, errorCode, requestId));
        return new LoopbackHttpServer.HttpAnswer(status, headers, sent);
    }

    /** A path outside the spec that a product serves (a download), or null. */
    private ProductDoor.RawAnswer serveUnlisted(String method, String rawPath, List<Map.Entry<String, String>> query,
                                                String mchid, List<Fault> applied) {
        Map<String, String> firstQuery = new HashMap<>();
        for (Map.Entry<String, String> e : query) {
            firstQuery.putIfAbsent(e.getKey(), e.getValue());
        }
        for (ProductDoor door : doors) {
            ProductDoor.RawAnswer raw = door.serveUnlisted(method, rawPath, firstQuery, mchid);
            if (raw != null) {
                for (Fault f : applied) {
                    if (f.kind() == Fault.Kind.SERVER_ERROR) {
                        throw new WechatError(f.status(), "SYSTEM_ERROR", "系统错误 (injected fault)", null);
                    }
                    if (f.kind() == Fault.Kind.TAMPERED_BODY && raw.body().length > 0) {
                        // A download carries no signature: a changed byte must show as a wrong hash (or a broken gzip).
                        byte[] changed = raw.body().clone();
                        changed[changed.length / 2] ^= 0x01;
                        raw = new ProductDoor.RawAnswer(raw.status(), raw.contentType(), changed);
                    }
                }
                return raw;
            }
        }
        return null;
    }

    /** WeChat Pay does not sign file downloads: only the plain headers go with the bytes. */
    private LoopbackHttpServer.HttpAnswer unsigned(ProductDoor.RawAnswer raw, String requestId) {
        List<LoopbackHttpServer.Header> h = new ArrayList<>(4);
        h.add(new LoopbackHttpServer.Header("Server", "wxpay-testkit"));
        h.add(new LoopbackHttpServer.Header("Date", HTTP_DATE.format(clock.instant())));
        h.add(new LoopbackHttpServer.Header("Content-Type", raw.contentType()));
        h.add(new LoopbackHttpServer.Header("Request-ID", requestId));
        return new LoopbackHttpServer.HttpAnswer(raw.status(), h, raw.body());
    }

    /** The private half of the WeChat Pay key a request named, or null. */
    private PrivateKey privateKeyFor(String serial) {
        if (publicKeyId.equals(serial)) {
            return platformKey.getPrivate();
        }
        PlatformCertificateDesk.Entry certificate = certificates.find(serial);
        return certificate == null ? null : certificate.key();
    }

    /** GET /v3/certificates, signed with the key the request named, else with the newest certificate. */
    private LoopbackHttpServer.HttpAnswer certificateDownload(LoopbackHttpServer.HttpCall call, String target,
            String requestId, RequestAuthenticator.Auth auth) {
        int status = 200;
        String errorCode = null;
        JsonNode answer;
        try {
            answer = certificates.download(merchants.get(auth.mchid()).apiV3Key());
        } catch (WechatError e) {
            status = e.status();
            errorCode = e.code();
            answer = e.body();
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        String named = call.header("Wechatpay-Serial");
        PlatformCertificateDesk.Entry newest = certificates.newest();
        List<LoopbackHttpServer.Header> headers = signedHeaders(bytes, requestId, List.of(),
                named != null || newest == null ? named : newest.serial());
        record(new RecordedRequest(call.method(), target, RecordedRequest.entries(call.headers()), call.body(),
                "downloadCertificates", Map.of(), List.of(), true, auth.mchid(), status, errorCode, requestId));
        return new LoopbackHttpServer.HttpAnswer(status, headers, bytes);
    }

    // ---------------------------------------------------------------- signing answers

    private static final class Signed {
        String timestamp;
        String nonce;
        String signature;
    }

    private Signed sign(byte[] body, long epochSecond, String probe) {
        return sign(body, epochSecond, probe, platformKey.getPrivate());
    }

    private Signed sign(byte[] body, long epochSecond, String probe, PrivateKey key) {
        Signed s = new Signed();
        s.timestamp = Long.toString(epochSecond);
        s.nonce = Crypto.alphanumeric(random, 32);
        if (probe != null) {
            s.signature = probe;
            return s;
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 64);
        message.writeBytes((s.timestamp + "\n" + s.nonce + "\n").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        message.write('\n');
        s.signature = Crypto.sign(key, message.toByteArray());
        return s;
    }

    /** @param requested the {@code Wechatpay-Serial} of the request: a platform certificate it names signs */
    private List<LoopbackHttpServer.Header> signedHeaders(byte[] body, String requestId, List<Fault> applied,
            String requested) {
        long now = clock.instant().getEpochSecond();
        String probe = null;
        PlatformCertificateDesk.Entry certificate = certificates.find(requested);
        String serial = certificate != null ? certificate.serial() : publicKeyId;
        for (Fault f : applied) {
            switch (f.kind()) {
                case STALE_TIMESTAMP:
                    now -= 600;
                    break;
                case WRONG_SERIAL:
                    serial = "PUB_KEY_ID_09" + Crypto.digits(random, 26);
                    break;
                case SIGNTEST_PROBE:
                    byte[] r = new byte[48];
                    random.nextBytes(r);
                    probe = SIGNTEST_PREFIX + Base64.getEncoder().encodeToString(r);
                    break;
                default:
                    break;
            }
        }
        Signed s = sign(body, now, probe, certificate != null ? certificate.key() : platformKey.getPrivate());
        List<LoopbackHttpServer.Header> h = new ArrayList<>(10);
        h.add(new LoopbackHttpServer.Header("Server", "wxpay-testkit"));
        h.add(new LoopbackHttpServer.Header("Date", HTTP_DATE.format(clock.instant())));
        if (body.length > 0) {
            h.add(new LoopbackHttpServer.Header("Content-Type", "application/json; charset=utf-8"));
        }
        h.add(new LoopbackHttpServer.Header("Request-ID", requestId));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Nonce", s.nonce));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Signature", s.signature));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Timestamp", s.timestamp));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Serial", serial));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Signature-Type", AUTH_SCHEME));
        return h;
    }

    /** Changes one value of a JSON answer (or appends a space), so the bytes no longer match the signature. */
    private byte[] tamper(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && node.isObject()) {
                ObjectNode copy = (ObjectNode) node.deepCopy();
                var it = copy.fields();
                while (it.hasNext()) {
                    var f = it.next();
                    if (f.getValue().isTextual()) {
                        copy.put(f.getKey(), f.getValue().asText() + "0");
                        return copy.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the byte-level change
        }
        byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
        out[body.length] = ' ';
        return out;
    }

    // ---------------------------------------------------------------- control endpoints for standalone use

    private LoopbackHttpServer.HttpAnswer control(LoopbackHttpServer.HttpCall call, String rawPath, String requestId) {
        ControlEndpoints.Answer a = controls.answer(call.method(), rawPath.substring(CONTROL_PREFIX.length()),
                call.body());
        byte[] bytes = a.body().toString().getBytes(StandardCharsets.UTF_8);
        return new LoopbackHttpServer.HttpAnswer(a.status(), signedHeaders(bytes, requestId, List.of(), null), bytes);
    }

    /** Every control endpoint, one line each ({@code POST /_testkit/…}), as the standalone jar lists them. */
    public List<String> controlEndpoints() {
        return controls.endpoints();
    }

    // ---------------------------------------------------------------- plumbing

    private void record(RecordedRequest r) {
        synchronized (recorded) {
            if (recorded.size() == MAX_RECORDED) {
                recorded.removeFirst();
            }
            recorded.addLast(r);
        }
    }

    private static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(decodeQuery(name), decodeQuery(value)));
        }
        return out;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving, abandons pending notification retries and releases the port. Idempotent. */
    @Override
    public void close() {
        server.close();
        notifications.close();
    }

    @Override
    public String toString() {
        return "WechatPaySimulator[" + baseUri() + ", " + spec + ", merchants=" + merchants.keySet() + "]";
    }

    /**
     * Configures and starts a {@link WechatPaySimulator}. Not thread-safe; use it from one thread, then share the
     * simulator.
     */
    public static final class Builder {

        /** The mchid of the merchant generated when none is given. */
        public static final String DEFAULT_MCHID = "1230000109";

        private int port;
        private SimulatorSpec spec;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();
        private KeyPair platformKey;
        private String publicKeyId;
        private final List<SimulatedMerchant> merchants = new ArrayList<>();
        private Duration timestampWindow = Duration.ofMinutes(5);
        private List<Duration> retryDelays = NotificationSender.WECHAT_RETRY_DELAYS;
        private Duration notificationTimeout = Duration.ofSeconds(5);
        private boolean emptyUnsetDateTimes = true;
        private boolean publicKeyOnly;
        private boolean refundsSucceedAtOnce = true;
        private boolean specAnswersOnly;

        private Builder() {
        }

        /** The port to listen on, 0 (the default) for an ephemeral one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The spec to serve; default {@link SimulatorSpec#payscore()}. Share one instance between simulators. */
        public Builder spec(SimulatorSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /** The clock for timestamp checks, signatures and state times; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of keys, nonces, ids and Request-IDs; default a new {@link SecureRandom}. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The WeChat Pay key pair and its public-key id; default a generated RSA-2048 pair. */
        public Builder platformKey(KeyPair keyPair, String publicKeyId) {
            this.platformKey = Objects.requireNonNull(keyPair, "keyPair");
            if (publicKeyId == null || publicKeyId.isBlank()) {
                throw new IllegalArgumentException("publicKeyId must not be blank");
            }
            this.publicKeyId = publicKeyId;
            return this;
        }

        /** Adds a merchant; when none is added, one with mchid {@value #DEFAULT_MCHID} is generated. */
        public Builder merchant(SimulatedMerchant merchant) {
            merchants.add(Objects.requireNonNull(merchant, "merchant"));
            return this;
        }

        /** How far a request timestamp may be from the clock, either way; default 5 minutes as WeChat Pay. */
        public Builder timestampWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative()) {
                throw new IllegalArgumentException("window must not be negative");
            }
            this.timestampWindow = window;
            return this;
        }

        /**
         * The delays between notification attempts after a failure; default WeChat Pay's schedule
         * (15 s, 15 s, 30 s, 3 min, ... 6 h). Tests pass short delays, e.g. {@code List.of(Duration.ZERO)}.
         */
        public Builder notificationRetryDelays(List<Duration> delays) {
            Objects.requireNonNull(delays, "delays");
            for (Duration d : delays) {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("retry delays must be non-negative: " + delays);
                }
            }
            this.retryDelays = List.copyOf(delays);
            return this;
        }

        /** How long one notification attempt may take before it counts as failed; default 5 s. */
        public Builder notificationTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.notificationTimeout = timeout;
            return this;
        }

        /**
         * Whether date-times that are not known yet (a plan's {@code stop_time}, a sign plan's {@code sign_time} and
         * {@code cancel_sign_time}) are sent as {@code ""}, as real WeChat Pay answers and notifications carry them
         * (the default), or left out of the JSON ({@code false}). Clients must read both as "absent".
         */
        public Builder emptyStringsForUnsetDateTimes(boolean empty) {
            this.emptyUnsetDateTimes = empty;
            return this;
        }

        /**
         * Public-key-only mode: the simulator has no platform certificates and refuses {@code GET /v3/certificates}
         * ({@code 404 RESOURCE_NOT_EXISTS}), as WeChat Pay does for merchants enrolled in public-key mode only.
         * Default: certificate mode beside the public key (a certificate is made on first use).
         */
        public Builder publicKeyOnly(boolean publicKeyOnly) {
            this.publicKeyOnly = publicKeyOnly;
            return this;
        }

        /**
         * Whether an accepted refund succeeds at once (the default: the answer says {@code PROCESSING}, then
         * {@code REFUND.SUCCESS} is delivered) or stays {@code PROCESSING} until
         * {@link WechatPaySimulator#simulateRefundSuccess}, {@link WechatPaySimulator#simulateRefundAbnormal} or
         * {@link WechatPaySimulator#simulateRefundClosed} ({@code false}).
         */
        public Builder refundsSucceedAtOnce(boolean atOnce) {
            this.refundsSucceedAtOnce = atOnce;
            return this;
        }

        /**
         * Whether every operation is answered from the spec alone, the PayScore and payments operations included,
         * which then keep no state ({@code true}); default {@code false}: those two products keep state. A
         * conformance run of the whole API (every operation called once with its example) needs the former.
         */
        public Builder specAnswersOnly(boolean specOnly) {
            this.specAnswersOnly = specOnly;
            return this;
        }

        boolean hasMerchants() {
            return !merchants.isEmpty();
        }

        boolean hasSpec() {
            return spec != null;
        }

        /**
         * Starts the simulator on 127.0.0.1.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public WechatPaySimulator start() {
            try {
                return new WechatPaySimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
            }
        }
    }
}
