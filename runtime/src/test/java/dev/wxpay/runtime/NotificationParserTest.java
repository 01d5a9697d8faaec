package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NotificationParser")
class NotificationParserTest {
    private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final String PLAINTEXT = "{\"sign_plan_id\":\"1001\",\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\","
            + "\"service_id\":\"500001\",\"sign_state\":\"SIGNED\",\"sign_time\":\"2026-03-01T10:00:00+08:00\","
            + "\"cancel_sign_time\":\"\",\"cancel_reason\":\"\",\"total_origin_price\":10000,\"new_field\":1}";

    public static class SignPlan {
        @JsonProperty("sign_plan_id")
        public String signPlanId;
        @JsonProperty("sign_state")
        public String signState;
        @JsonProperty("sign_time")
        public OffsetDateTime signTime;
        @JsonProperty("cancel_sign_time")
        public OffsetDateTime cancelSignTime;
        @JsonProperty("cancel_reason")
        public String cancelReason;
        @JsonProperty("total_origin_price")
        public Long totalOriginPrice;
    }

    private final NotificationParser parser = NotificationParser.builder()
            .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
            .apiV3Key(API_V3_KEY)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    static String envelope(String plaintext, String associatedData) {
        String ciphertext = AesGcm.of(API_V3_KEY).encrypt(associatedData, "fdasfwer2343", plaintext);
        return "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-03-01T10:00:00+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"PAYSCORE.USER_SIGN_PLAN\","
                + "\"summary\":\"用户签约计划成功\",\"resource\":{\"original_type\":\"payscore\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\","
                + (associatedData == null ? "" : "\"associated_data\":\"" + associatedData + "\",")
                + "\"nonce\":\"fdasfwer2343\"}}";
    }

    /** Headers as a servlet container hands them over: lower-cased. */
    static Map<String, String> signedHeaders(String body, long timestamp, String serial) {
        Map<String, String> headers = new HashMap<>();
        headers.put("wechatpay-timestamp", String.valueOf(timestamp));
        headers.put("wechatpay-nonce", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");
        headers.put("wechatpay-serial", serial);
        headers.put("wechatpay-signature", ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
                String.valueOf(timestamp), "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", body.getBytes(StandardCharsets.UTF_8)));
        headers.put("wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048");
        return headers;
    }

    @Test
    @DisplayName("verifies, decrypts and maps a notification, with lower-cased header names")
    void parsesNotification() {
        String body = envelope(PLAINTEXT, "payscore");
        Notification<SignPlan> n = parser.parse(signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID),
                body, SignPlan.class);
        assertThat(n.id()).isEqualTo("EV-2018022511223320873");
        assertThat(n.eventType()).isEqualTo("PAYSCORE.USER_SIGN_PLAN");
        assertThat(n.resourceType()).isEqualTo("encrypt-resource");
        assertThat(n.summary()).isEqualTo("用户签约计划成功");
        assertThat(n.originalType()).isEqualTo("payscore");
        assertThat(n.createTime()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00+08:00"));
        assertThat(n.createTime().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(n.plaintext()).isEqualTo(PLAINTEXT);
        SignPlan plan = n.resource();
        assertThat(plan.signPlanId).isEqualTo("1001");
        assertThat(plan.signState).isEqualTo("SIGNED");
        assertThat(plan.signTime.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(plan.cancelSignTime).isNull();
        assertThat(plan.cancelReason).isEmpty();
        assertThat(plan.totalOriginPrice).isEqualTo(10000L);
        assertThat(n.toString()).doesNotContain("oUpF8");
    }

    @Test
    @DisplayName("treats a missing associated_data as empty AAD, and maps into String or JsonNode on request")
    void missingAssociatedData() {
        String body = envelope(PLAINTEXT, null);
        Map<String, String> headers = signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID);
        assertThat(parser.parse(headers, body.getBytes(StandardCharsets.UTF_8), String.class).resource())
                .isEqualTo(PLAINTEXT);
        assertThat(parser.parse(headers, body, JsonNode.class).resource().get("sign_plan_id").asText())
                .isEqualTo("1001");
    }

    @Test
    @DisplayName("verifies over the raw body: the same JSON re-serialised does not verify")
    void verifiesRawBody() {
        String body = envelope(PLAINTEXT, "payscore");
        Map<String, String> headers = signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID);
        String reformatted = body.replace("\",\"", "\", \"");
        assertThatThrownBy(() -> parser.parse(headers, reformatted, SignPlan.class))
                .isInstanceOf(VerificationException.class).hasMessageContaining("notification signature does not match");
    }

    @Test
    @DisplayName("applies the 300 s window, unknown-serial, SIGNTEST and missing-header rules of responses")
    void appliesVerificationRules() {
        String body = envelope(PLAINTEXT, "payscore");
        assertThatThrownBy(() -> parser.parse(signedHeaders(body, NOW.getEpochSecond() - 301,
                TestKeys.WECHATPAY_KEY_ID), body, SignPlan.class)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("301 s behind");
        assertThatThrownBy(() -> parser.parse(signedHeaders(body, NOW.getEpochSecond(), "PUB_KEY_ID_OTHER"), body,
                SignPlan.class)).isInstanceOf(VerificationException.class).hasMessageContaining("unknown");
        Map<String, String> probe = signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID);
        probe.put("wechatpay-signature", "WECHATPAY/SIGNTEST/" + probe.get("wechatpay-signature"));
        assertThatThrownBy(() -> parser.parse(probe, body, SignPlan.class)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("SIGNTEST");
        assertThatThrownBy(() -> parser.parse(Map.of(), body, SignPlan.class)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("not signed");
    }

    @Test
    @DisplayName("fails with DecryptionException when the APIv3 key is wrong")
    void wrongApiV3Key() {
        NotificationParser wrongKey = NotificationParser.builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .apiV3Key("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        String body = envelope(PLAINTEXT, "payscore");
        assertThatThrownBy(() -> wrongKey.parse(signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID),
                body, SignPlan.class)).isInstanceOf(DecryptionException.class).hasMessageNotContaining("b7cde1");
    }

    @Test
    @DisplayName("reports a verified notification whose resource does not map, keeping the body")
    void malformedResource() {
        String body = envelope("[1,2]", "payscore");
        assertThatThrownBy(() -> parser.parse(signedHeaders(body, NOW.getEpochSecond(), TestKeys.WECHATPAY_KEY_ID),
                body, SignPlan.class)).isInstanceOfSatisfying(MalformedResponseException.class,
                        e -> assertThat(e.responseBody()).isEqualTo(body));
    }

    @Test
    @DisplayName("names every missing or invalid setting in one message, without echoing the key")
    void builderNamesProblems() {
        assertThatThrownBy(() -> NotificationParser.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a trusted WeChat Pay key is required").hasMessageContaining("apiV3Key is required");
        assertThatThrownBy(() -> NotificationParser.builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .apiV3Key("only-31-bytes-long-secret-value").build())
                .hasMessageContaining("apiV3Key must be exactly 32 bytes, got 31")
                .hasMessageNotContaining("only-31-bytes");
        assertThat(parser.toString()).doesNotContain(API_V3_KEY).contains(TestKeys.WECHATPAY_KEY_ID);
    }

    @Test
    @DisplayName("offers the answers WeChat Pay expects: 204 for success, a FAIL JSON for failure")
    void answers() {
        NotificationAnswer ok = NotificationParser.success();
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.body()).isEmpty();
        assertThat(ok.contentType()).isNull();
        assertThat(ok.isSuccess()).isTrue();
        NotificationAnswer fail = NotificationParser.failure("bad \"sig\"\n");
        assertThat(fail.statusCode()).isEqualTo(500);
        assertThat(fail.body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"bad \\\"sig\\\"\\n\"}");
        assertThat(fail.contentType()).startsWith("application/json");
        assertThat(NotificationParser.failure(400, "invalid").statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> NotificationAnswer.failure(200, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
