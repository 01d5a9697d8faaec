package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    private final SimulatorParts parts;
    private final LoopbackHttpServer server;

    private WechatPaySimulator(Builder b) throws IOException {
        this.parts = new SimulatorParts(b, this::baseUri);
        this.server = LoopbackHttpServer.start(InetAddress.getLoopbackAddress(), b.port, parts.router::handle,
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
        return parts.signer.publicKeyId();
    }

    /**
     * Adds a new platform certificate beside the current ones (WeChat Pay's rotation with overlap) and returns its
     * serial: {@code GET /v3/certificates} lists it from now on, and answers to requests naming it in
     * {@code Wechatpay-Serial} are signed with it.
     *
     * @throws IllegalStateException in public-key-only mode
     */
    public String rotatePlatformCertificate() {
        return parts.certificates.rotate();
    }

    /** The WeChat Pay public key a client must trust to verify the simulator's answers and notifications. */
    public PublicKey platformPublicKey() {
        return parts.platformKey.getPublic();
    }

    /** {@link #platformPublicKey()} as PEM ({@code pub_key.pem}, as downloaded from the merchant platform). */
    public String platformPublicKeyPem() {
        return Crypto.pem("PUBLIC KEY", parts.platformKey.getPublic().getEncoded());
    }

    /** The first (or only) merchant. */
    public SimulatedMerchant merchant() {
        return parts.merchants.values().iterator().next();
    }

    /** The merchant with this mchid. */
    public SimulatedMerchant merchant(String mchid) {
        SimulatedMerchant m = parts.merchants.get(mchid);
        if (m == null) {
            throw new IllegalArgumentException("unknown merchant " + mchid + "; known: " + parts.merchants.keySet());
        }
        return m;
    }

    /** All merchants, in the order given. */
    public Collection<SimulatedMerchant> merchants() {
        return parts.merchants.values();
    }

    /** The spec the simulator serves and validates against. */
    public SimulatorSpec spec() {
        return parts.spec;
    }

    /** Fault injection for the next answers. */
    public FaultInjector faults() {
        return parts.faults;
    }

    // ---------------------------------------------------------------- what happened

    /** The requests received so far (the last 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        return parts.log.all();
    }

    /** The most recent request. */
    public Optional<RecordedRequest> lastRequest() {
        return parts.log.last();
    }

    /** Forgets the requests recorded so far, so that {@link #requests()} shows only what comes next. */
    public void clearRequests() {
        parts.log.clear();
    }

    /** The sign plan as the simulator holds it now (JSON), empty when no single sign plan has this number. */
    public Optional<String> signPlanJson(String merchantSignPlanNo) {
        ObjectNode node = parts.payscore.signPlanSnapshot(merchantSignPlanNo);
        return node == null ? Optional.empty() : Optional.of(node.toString());
    }

    /** The order as the simulator holds it now (the query answer as JSON), empty when no single order has it. */
    public Optional<String> transactionJson(String outTradeNo) {
        ObjectNode node = parts.payments.transactionSnapshot(outTradeNo);
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
        return parts.notifier.send(parts.payscore.userSign(merchantSignPlanNo));
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
        return parts.payments.userPay(outTradeNo);
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
        return parts.payments.finishRefund(outRefundNo, "ABNORMAL");
    }

    /** The held {@code PROCESSING} refund succeeds and {@code REFUND.SUCCESS} is delivered (see the abnormal one). */
    public NotificationDelivery simulateRefundSuccess(String outRefundNo) {
        return parts.payments.finishRefund(outRefundNo, "SUCCESS");
    }

    /** The held {@code PROCESSING} refund is closed and {@code REFUND.CLOSED} is delivered (see the abnormal one). */
    public NotificationDelivery simulateRefundClosed(String outRefundNo) {
        return parts.payments.finishRefund(outRefundNo, "CLOSED");
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
        return parts.notifier.send(parts.payscore.userCancel(merchantSignPlanNo, reason));
    }

    /** Every control endpoint, one line each ({@code POST /_testkit/…}), as the standalone jar lists them. */
    public List<String> controlEndpoints() {
        return parts.controls.endpoints();
    }
    /** Stops serving, abandons pending notification retries and releases the port. Idempotent. */
    @Override
    public void close() {
        server.close();
        parts.notifications.close();
    }

    @Override
    public String toString() {
        return "WechatPaySimulator[" + baseUri() + ", " + parts.spec + ", merchants=" + parts.merchants.keySet() + "]";
    }

    /**
     * Configures and starts a {@link WechatPaySimulator}. Not thread-safe; use it from one thread, then share the
     * simulator.
     */
    public static final class Builder {

        /** The mchid of the merchant generated when none is given. */
        public static final String DEFAULT_MCHID = "1230000109";

        int port;
        SimulatorSpec spec;
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        KeyPair platformKey;
        String publicKeyId;
        final List<SimulatedMerchant> merchants = new ArrayList<>();
        Duration timestampWindow = Duration.ofMinutes(5);
        List<Duration> retryDelays = NotificationSender.WECHAT_RETRY_DELAYS;
        Duration notificationTimeout = Duration.ofSeconds(5);
        boolean emptyUnsetDateTimes = true;
        boolean publicKeyOnly;
        boolean refundsSucceedAtOnce = true;
        boolean specAnswersOnly;

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
