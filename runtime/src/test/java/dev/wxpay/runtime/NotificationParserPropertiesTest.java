package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link NotificationParser#parse} on generated envelopes, resources and headers: it ends in a notification or in
 * one of its documented exceptions, never in a {@link NullPointerException} or {@link ClassCastException}. Bodies
 * are signed properly most of the time so that the checks after verification are reached.
 */
@DisplayName("NotificationParser on arbitrary JSON and headers")
class NotificationParserPropertiesTest {
    private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("id", "create_time", "event_type", "resource", "algorithm",
            "ciphertext", "nonce", "associated_data", "sign_plan_id", "sign_time", "cancel_sign_time",
            "total_origin_price", "signed_detail_list", "");
    private static final NotificationParser PARSER = NotificationParser.builder()
            .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
            .apiV3Key(API_V3_KEY)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    /** JSON of any shape up to {@code depth} levels: leaves, arrays and objects over the envelope's field names. */
    static JsonNode json(SplittableRandom r, int depth) {
        int kind = depth == 0 ? 0 : PropertyCheck.choose(r, 3, 1, 2);
        if (kind == 1) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            PropertyCheck.list(r, 0, 3, s -> json(s, depth - 1)).forEach(node::add);
            return node;
        }
        if (kind == 2) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (int i = PropertyCheck.size(r, 0, 4); i > 0; i--) {
                node.set(PropertyCheck.pick(r, FIELDS), json(r, depth - 1));
            }
            return node;
        }
        switch (r.nextInt(6)) {
            case 0:
                return NullNode.instance;
            case 1:
                return BooleanNode.valueOf(r.nextBoolean());
            case 2:
                return LongNode.valueOf(r.nextInt(4) == 0
                    ? PropertyCheck.pick(r, 0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE) : r.nextLong());
            case 3:
                return DoubleNode.valueOf(r.nextInt(4) == 0
                    ? PropertyCheck.pick(r, 0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                            Double.MAX_VALUE)
                    : Double.longBitsToDouble(r.nextLong()));
            case 4:
                return TextNode.valueOf(PropertyCheck.pick(r, "", "2026-03-01T10:00:00+08:00", "not a date",
                    "AEAD_AES_256_GCM", "SIGNED"));
            default:
                return TextNode.valueOf(PropertyCheck.anyString(r, 0, 20));
        }
    }

    static Class<?> resourceType(SplittableRandom r) {
        return PropertyCheck.pick(r, String.class, JsonNode.class, Map.class, List.class, Integer.class,
                NotificationParserTest.SignPlan.class);
    }

    /**
     * One envelope field: 0 absent, 1 valid, 2 arbitrary JSON in its place. The resource's fields are generated
     * the same way, so a case can be well-formed up to one odd field.
     */
    private static void put(ObjectNode node, String field, int choice, JsonNode valid, JsonNode arbitrary) {
        if (choice == 1) {
            node.set(field, valid);
        } else if (choice == 2) {
            node.set(field, arbitrary);
        }
    }

    /**
     * A signed envelope: each field 0 absent, 1 valid, 2 {@code noise}; the resource is never absent (0 counts as
     * valid) so that decryption is reached.
     */
    static final class Envelope {
        final JsonNode plaintextJson;
        final String plaintextText;
        final boolean plaintextIsJson;
        final JsonNode noise;
        final int createTime;
        final int resource;
        final int algorithm;
        final int nonce;
        final int ciphertext;
        final int aad;
        final Class<?> resourceType;
        final boolean wrapInArray;

        Envelope(JsonNode plaintextJson, String plaintextText, boolean plaintextIsJson, JsonNode noise, int createTime, int resource, int algorithm, int nonce, int ciphertext, int aad, Class<?> resourceType, boolean wrapInArray) {
            this.plaintextJson = plaintextJson;
            this.plaintextText = plaintextText;
            this.plaintextIsJson = plaintextIsJson;
            this.noise = noise;
            this.createTime = createTime;
            this.resource = resource;
            this.algorithm = algorithm;
            this.nonce = nonce;
            this.ciphertext = ciphertext;
            this.aad = aad;
            this.resourceType = resourceType;
            this.wrapInArray = wrapInArray;
        }

        static Envelope generate(SplittableRandom r) {
            return new Envelope(json(r, 3), PropertyCheck.anyString(r, 0, 60), r.nextBoolean(), json(r, 3),
                    r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3),
                    resourceType(r), r.nextInt(4) == 0);
        }
    }

    @Test
    @DisplayName("a signed envelope of any shape ends in a notification or a documented exception")
    void onlyDocumentedExceptions() {
        forAll(300, Envelope::generate, c -> {
            JsonNode noise = c.noise;
            String plaintext = c.plaintextIsJson ? c.plaintextJson.toString() : c.plaintextText;
            ObjectNode res = JsonNodeFactory.instance.objectNode();
            put(res, "algorithm", c.algorithm, TextNode.valueOf("AEAD_AES_256_GCM"), noise);
            put(res, "nonce", c.nonce, TextNode.valueOf("fdasfwer2343"), noise);
            put(res, "associated_data", c.aad, TextNode.valueOf("transaction"), noise);
            put(res, "ciphertext", c.ciphertext, TextNode.valueOf(
                    AesGcm.of(API_V3_KEY).encrypt("transaction", "fdasfwer2343", plaintext)), noise);
            res.put("original_type", "transaction");
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("id", "EV-1");
            envelope.put("event_type", "TRANSACTION.SUCCESS");
            put(envelope, "create_time", c.createTime, TextNode.valueOf("2026-03-01T10:00:00+08:00"), noise);
            put(envelope, "resource", c.resource == 0 ? 1 : c.resource, res, noise);
            String body = c.wrapInArray ? "[" + envelope + "]" : envelope.toString();

            assertParsesOrRefuses(NotificationParserTest.signedHeaders(body, NOW.getEpochSecond(),
                    TestKeys.WECHATPAY_KEY_ID), body.getBytes(StandardCharsets.UTF_8), c.resourceType);
        });
    }

    /** Any bytes, invalid UTF-8 included, or the UTF-8 of any text. */
    static final class Bytes {
        final byte[] body;
        final Class<?> resourceType;

        Bytes(byte[] body, Class<?> resourceType) {
            this.body = body;
            this.resourceType = resourceType;
        }

        static Bytes generate(SplittableRandom r) {
            byte[] body = r.nextBoolean() ? PropertyCheck.bytes(r, 300)
                    : PropertyCheck.unicode(r, 100).getBytes(StandardCharsets.UTF_8);
            return new Bytes(body, resourceType(r));
        }
    }

    @Test
    @DisplayName("signed bodies that are not JSON (any bytes, invalid UTF-8) end in MalformedResponseException")
    void arbitraryBytes() {
        forAll(200, Bytes::generate, c -> {
            Map<String, String> headers = NotificationParserTest.signedHeaders("", NOW.getEpochSecond(),
                    TestKeys.WECHATPAY_KEY_ID);
            headers.put("wechatpay-signature", ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
                    String.valueOf(NOW.getEpochSecond()), "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", c.body));

            assertParsesOrRefuses(headers, c.body, c.resourceType);
        });
    }

    /** Header maps of arbitrary names (some the real ones, in any case) and values, over arbitrary JSON. */
    static final class Headers {
        final Map<String, String> headers;
        final JsonNode body;

        Headers(Map<String, String> headers, JsonNode body) {
            this.headers = headers;
            this.body = body;
        }

        static Headers generate(SplittableRandom r) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = PropertyCheck.size(r, 0, 6); i > 0; i--) {
                String name = r.nextInt(3) == 0
                        ? PropertyCheck.pick(r, "Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce",
                                "Wechatpay-Signature", "Wechatpay-Signature-Type")
                        : PropertyCheck.anyString(r, 0, 30);
                headers.put(r.nextBoolean() ? name.toLowerCase(Locale.ROOT) : name, PropertyCheck.anyString(r, 0, 60));
            }
            return new Headers(headers, json(r, 3));
        }
    }

    @Test
    @DisplayName("arbitrary header maps end in VerificationException, never another exception")
    void arbitraryHeaders() {
        forAll(200, Headers::generate, c -> {
            Throwable thrown = catchThrowable(() -> PARSER.parse(c.headers, c.body.toString(), String.class));

            assertThat(thrown).isExactlyInstanceOf(VerificationException.class);
        });
    }

    private static void assertParsesOrRefuses(Map<String, String> headers, byte[] body, Class<?> resourceType) {
        Throwable thrown = catchThrowable(() -> {
            Notification<?> n = PARSER.parse(headers, body, resourceType);
            assertThat(n.resource() == null || resourceType.isInstance(n.resource())).isTrue();
            assertThat(n.plaintext()).isNotNull();
        });
        if (thrown != null && !(thrown instanceof AssertionError)) {
            assertThat(thrown).isInstanceOfAny(VerificationException.class, DecryptionException.class,
                    MalformedResponseException.class);
            assertThat(thrown.getMessage()).isNotBlank().doesNotContain(API_V3_KEY);
        } else if (thrown != null) {
            throw (AssertionError) thrown;
        }
    }
}
