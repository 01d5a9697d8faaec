package dev.wxpay.runtime;

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
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link NotificationParser#parse} on generated envelopes, resources and headers: it ends in a notification or in
 * one of its documented exceptions, never in a {@link NullPointerException} or {@link ClassCastException}. Bodies
 * are signed properly most of the time so that the checks after verification are reached.
 */
@Label("NotificationParser on arbitrary JSON and headers")
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

    @Provide
    Arbitrary<JsonNode> json() {
        return json(3);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullNode.instance),
                Arbitraries.of(true, false).map(BooleanNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.of("", "2026-03-01T10:00:00+08:00", "not a date", "AEAD_AES_256_GCM", "SIGNED")
                        .map(TextNode::valueOf),
                Arbitraries.strings().ofMaxLength(20).map(TextNode::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(3).map(items -> {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(FIELDS), json(depth - 1)).as(Map::entry)
                .list().ofMaxSize(4).map(entries -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    entries.forEach(e -> node.set(e.getKey(), e.getValue()));
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(2, object));
    }

    @Provide
    Arbitrary<Class<?>> resourceTypes() {
        return Arbitraries.of(String.class, JsonNode.class, Map.class, List.class, Integer.class,
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

    @Property(tries = 300)
    @Label("a signed envelope of any shape ends in a notification or a documented exception")
    void onlyDocumentedExceptions(@ForAll("json") JsonNode plaintextJson, @ForAll String plaintextText,
            @ForAll boolean plaintextIsJson, @ForAll("json") JsonNode noise,
            @ForAll @IntRange(min = 0, max = 2) int createTime, @ForAll @IntRange(min = 0, max = 2) int resource,
            @ForAll @IntRange(min = 0, max = 2) int algorithm, @ForAll @IntRange(min = 0, max = 2) int nonce,
            @ForAll @IntRange(min = 0, max = 2) int ciphertext, @ForAll @IntRange(min = 0, max = 2) int aad,
            @ForAll("resourceTypes") Class<?> resourceType, @ForAll boolean wrapInArray) {
        String plaintext = plaintextIsJson ? plaintextJson.toString() : plaintextText;
        ObjectNode res = JsonNodeFactory.instance.objectNode();
        put(res, "algorithm", algorithm, TextNode.valueOf("AEAD_AES_256_GCM"), noise);
        put(res, "nonce", nonce, TextNode.valueOf("fdasfwer2343"), noise);
        put(res, "associated_data", aad, TextNode.valueOf("transaction"), noise);
        put(res, "ciphertext", ciphertext, TextNode.valueOf(
                AesGcm.of(API_V3_KEY).encrypt("transaction", "fdasfwer2343", plaintext)), noise);
        res.put("original_type", "transaction");
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("id", "EV-1");
        envelope.put("event_type", "TRANSACTION.SUCCESS");
        put(envelope, "create_time", createTime, TextNode.valueOf("2026-03-01T10:00:00+08:00"), noise);
        put(envelope, "resource", resource == 0 ? 1 : resource, res, noise);
        String body = wrapInArray ? "[" + envelope + "]" : envelope.toString();

        assertParsesOrRefuses(NotificationParserTest.signedHeaders(body, NOW.getEpochSecond(),
                TestKeys.WECHATPAY_KEY_ID), body.getBytes(StandardCharsets.UTF_8), resourceType);
    }

    @Property(tries = 200)
    @Label("signed bodies that are not JSON (any bytes, invalid UTF-8) end in MalformedResponseException")
    void arbitraryBytes(@ForAll byte[] body, @ForAll("resourceTypes") Class<?> resourceType) {
        Map<String, String> headers = NotificationParserTest.signedHeaders("", NOW.getEpochSecond(),
                TestKeys.WECHATPAY_KEY_ID);
        headers.put("wechatpay-signature", ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
                String.valueOf(NOW.getEpochSecond()), "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body));

        assertParsesOrRefuses(headers, body, resourceType);
    }

    @Property(tries = 200)
    @Label("arbitrary header maps end in VerificationException, never another exception")
    void arbitraryHeaders(@ForAll Map<@net.jqwik.api.constraints.StringLength(max = 30) String, String> headers,
            @ForAll("json") JsonNode body) {
        Throwable thrown = catchThrowable(() -> PARSER.parse(headers, body.toString(), String.class));

        assertThat(thrown).isExactlyInstanceOf(VerificationException.class);
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
