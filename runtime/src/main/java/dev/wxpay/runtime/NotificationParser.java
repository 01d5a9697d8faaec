package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies, decrypts and maps WeChat Pay notifications (the callbacks POSTed to {@code notify_url}), and gives the
 * answers WeChat Pay expects back. Works with any web framework: hand over the headers and the raw body.
 *
 * <pre>{@code
 * NotificationParser parser = NotificationParser.builder()
 *         .wechatPayPublicKey("PUB_KEY_ID_0119000001092025", PemKeys.publicKey(Path.of("pub_key.pem")))
 *         .apiV3Key(apiV3Key)
 *         .build();
 * // in the handler of notify_url:
 * try {
 *     Notification<SignPlan> n = parser.parse(headers, rawBody, SignPlan.class);
 *     handle(n.eventType(), n.resource());
 *     answer = NotificationParser.success();
 * } catch (VerificationException | DecryptionException e) {
 *     answer = NotificationParser.failure(400, "invalid notification");
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; build one per merchant and share it. Its {@link #toString()} never shows the
 * APIv3 key.
 */
public final class NotificationParser {
    private static final String ALGORITHM = "AEAD_AES_256_GCM";

    private final TrustStore trust;
    private final AesGcm aesGcm;
    private final Clock clock;
    private final ObjectMapper mapper;

    private NotificationParser(TrustStore trust, AesGcm aesGcm, Clock clock, ObjectMapper mapper) {
        this.trust = trust;
        this.aesGcm = aesGcm;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The answer for a handled notification: {@code 204} without a body. */
    public static NotificationAnswer success() {
        return NotificationAnswer.success();
    }

    /** The answer that makes WeChat Pay retry: {@code 500 {"code":"FAIL","message":…}}. */
    public static NotificationAnswer failure(String message) {
        return NotificationAnswer.failure(message);
    }

    /** A failure answer with a chosen 4xx/5xx status. */
    public static NotificationAnswer failure(int statusCode, String message) {
        return NotificationAnswer.failure(statusCode, message);
    }

    /**
     * Verifies, decrypts and maps a notification, with the body as the text the framework decoded (UTF-8).
     * Prefer {@link #parse(Map, byte[], Class)} when the raw bytes are at hand.
     */
    public <T> Notification<T> parse(Map<String, String> headers, String body, Class<T> resourceType) {
        Objects.requireNonNull(body, "body");
        return parse(headers, body.getBytes(StandardCharsets.UTF_8), resourceType);
    }

    /**
     * Verifies, decrypts and maps a notification.
     *
     * @param headers      the request headers; names are looked up ignoring case (servlet containers and HTTP/2
     *                     hand them over lower-cased)
     * @param body         the raw request body, exactly as received (never a re-serialisation)
     * @param resourceType what to map the decrypted resource into ({@code String.class} or {@code JsonNode.class}
     *                     for the raw JSON)
     * @throws VerificationException       the notification is not provably from WeChat Pay (same rules and 300 s
     *                                     window as responses)
     * @throws DecryptionException         the resource does not decrypt with the APIv3 key
     * @throws MalformedResponseException  the verified envelope or the plaintext does not have the expected shape
     *                                     (its {@code statusCode()} is 0)
     */
    public <T> Notification<T> parse(Map<String, String> headers, byte[] body, Class<T> resourceType) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(resourceType, "resourceType");
        String requestId = HttpHeaders.single(headers, "Request-ID");
        trust.verify(name -> HttpHeaders.single(headers, name), body, clock.instant(), "notification", requestId);
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (IOException e) {
            throw malformed("the notification body is not JSON", text, requestId, e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw malformed("the notification body is not a JSON object", text, requestId, null);
        }
        JsonNode resource = envelope.get("resource");
        if (resource == null || !resource.isObject()) {
            throw malformed("the notification has no resource object", text, requestId, null);
        }
        String algorithm = text(resource, "algorithm");
        if (algorithm != null && !ALGORITHM.equals(algorithm)) {
            throw new DecryptionException("the notification resource uses algorithm " + algorithm + "; expected "
                    + ALGORITHM, null);
        }
        String plaintext = aesGcm.decrypt(text(resource, "associated_data"), text(resource, "nonce"),
                text(resource, "ciphertext"));
        T mapped;
        if (resourceType == String.class) {
            mapped = resourceType.cast(plaintext);
        } else {
            try {
                mapped = mapper.readValue(plaintext, resourceType);
            } catch (IOException e) {
                throw malformed("the decrypted resource does not map to " + resourceType.getSimpleName()
                        + JsonFailures.describe(e), text, requestId, e);
            }
        }
        return new Notification<>(text(envelope, "id"), createTime(envelope, text, requestId),
                text(envelope, "event_type"), text(envelope, "resource_type"), text(envelope, "summary"),
                text(resource, "original_type"), mapped, plaintext);
    }

    private static OffsetDateTime createTime(JsonNode envelope, String body, String requestId) {
        String value = text(envelope, "create_time");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed("the notification create_time '" + value + "' is not an RFC 3339 date-time", body,
                    requestId, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static MalformedResponseException malformed(String message, String body, String requestId,
            Throwable cause) {
        return new MalformedResponseException(message, 0, body, requestId, cause);
    }

    @Override
    public String toString() {
        return "NotificationParser{trusted=" + trust.trustedIds() + ", apiV3Key=(hidden)}";
    }

    /** Collects a parser's settings; {@link #build()} names every missing or invalid one. Not thread-safe. */
    public static final class Builder {
        private final List<String> problems = new ArrayList<>();
        private final TrustedKeys trusted = new TrustedKeys(problems);
        private String apiV3Key;
        private boolean apiV3KeySet;
        private Clock clock = Clock.systemUTC();
        private Provider provider;
        private ObjectMapper mapper;
        private PrivateKey merchantPrivateKey;

        private Builder() {
        }

        /**
         * The merchant API private key, to decrypt resource fields annotated {@link SensitiveField} (WeChat Pay
         * encrypts them to the merchant's API certificate). Optional: without it such a field fails to map with a
         * {@link MalformedResponseException} saying this key is missing.
         */
        public Builder merchantPrivateKey(PrivateKey merchantPrivateKey) {
            this.merchantPrivateKey = merchantPrivateKey;
            if (merchantPrivateKey == null) {
                problems.add("merchantPrivateKey: the key is null (leave it unset when no field is sensitive)");
            }
            return this;
        }

        /** Trusts a WeChat Pay public key under its id ({@code PUB_KEY_ID_…}); may be called more than once. */
        public Builder wechatPayPublicKey(String publicKeyId, PublicKey key) {
            trusted.publicKey(publicKeyId, key);
            return this;
        }

        /**
         * Trusts a WeChat Pay platform certificate under its serial; may be called more than once. It must be valid
         * on the parser's clock.
         */
        public Builder platformCertificate(X509Certificate certificate) {
            trusted.certificate(certificate);
            return this;
        }

        /**
         * Trusts the self-refreshing platform certificates of a client ({@link WechatPayClient#platformCertificates()}):
         * a notification signed with a newly rotated certificate refreshes the shared set, as an answer does.
         * Configured keys keep working beside them.
         */
        public Builder platformCertificates(PlatformCertificates certificates) {
            trusted.shared(certificates);
            return this;
        }

        /** The merchant's APIv3 key: exactly 32 bytes. Required. */
        public Builder apiV3Key(String apiV3Key) {
            this.apiV3Key = apiV3Key;
            this.apiV3KeySet = true;
            return this;
        }

        /** The clock for the 300 s window; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The JCA provider for SHA256withRSA; by default the same automatic choice as the client. */
        public Builder signatureProvider(Provider provider) {
            this.provider = provider;
            if (provider == null) {
                problems.add("signatureProvider: the provider is null (leave it unset for automatic choice)");
            }
            return this;
        }

        /** The mapper for envelopes and resources; default {@link WechatPayJson#newObjectMapper()}. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = mapper;
            if (mapper == null) {
                problems.add("objectMapper: the mapper is null");
            }
            return this;
        }

        /**
         * Builds the parser.
         *
         * @throws IllegalStateException naming every missing or invalid setting in one message
         */
        public NotificationParser build() {
            List<String> errors = new ArrayList<>(problems);
            AesGcm aesGcm = null;
            if (!apiV3KeySet || apiV3Key == null) {
                errors.add("apiV3Key is required (the 32-byte APIv3 key set in the merchant platform)");
            } else {
                try {
                    aesGcm = AesGcm.of(apiV3Key);
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            if (clock == null) {
                errors.add("clock must not be null");
            }
            trusted.check(clock, errors, trusted.downloads());
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Cannot build NotificationParser: " + String.join("; ", errors));
            }
            PlatformCertificates shared = trusted.shared();
            return new NotificationParser(trusted.store(CryptoProviders.resolve(provider),
                    shared == null ? null : shared.source()), aesGcm, clock,
                    new SensitiveFields(merchantPrivateKey).install(mapper != null ? mapper
                            : WechatPayJson.newObjectMapper()));
        }
    }
}
