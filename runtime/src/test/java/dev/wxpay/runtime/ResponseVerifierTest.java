package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ResponseVerifier")
class ResponseVerifierTest {
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    static final byte[] BODY = "{\"sign_plan\":{\"sign_plan_id\":\"1001\"},\"package\":\"xyz\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final ResponseVerifier verifier = ResponseVerifier.create(
            Map.of(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()), null);

    static String sign(PrivateKey key, String timestamp, String nonce, byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(ResponseVerifier.message(timestamp, nonce, body));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> headers(String serial, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Serial", serial);
        headers.put("Wechatpay-Timestamp", String.valueOf(timestamp));
        headers.put("Wechatpay-Nonce", "fdasflkja484w");
        headers.put("Wechatpay-Signature", sign(TestKeys.WECHATPAY.getPrivate(), String.valueOf(timestamp),
                "fdasflkja484w", body));
        return headers;
    }

    private void verify(Map<String, String> headers, byte[] body) {
        verifier.verify(name -> HttpHeaders.single(headers, name), body, NOW, "response", "REQ-1");
    }

    @Test
    @DisplayName("it trusts the configured ids (compared like Wechatpay-Serial) and no others; toString names them and the provider")
    void describesItself() {
        assertThat(verifier.trusts(TestKeys.WECHATPAY_KEY_ID)).isTrue();
        assertThat(verifier.trusts(" " + TestKeys.WECHATPAY_KEY_ID.toLowerCase(java.util.Locale.ROOT))).isTrue();
        assertThat(verifier.trusts("PUB_KEY_ID_OTHER")).isFalse();
        assertThat(verifier.trusts(null)).isFalse();
        assertThat(verifier.toString()).isEqualTo("ResponseVerifier{trusted=[" + TestKeys.WECHATPAY_KEY_ID
                + "], provider=" + verifier.provider().getName() + "}");
    }

    @Test
    @DisplayName("builds the message timestamp, nonce and body, each line ending in a newline")
    void buildsMessage() {
        assertThat(new String(ResponseVerifier.message("1700000000", "abc", BODY), StandardCharsets.UTF_8))
                .isEqualTo("1700000000\nabc\n" + new String(BODY, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    @DisplayName("accepts a body signed by the trusted key")
    void acceptsGoodSignature() {
        assertThatCode(() -> verify(headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("looks headers up ignoring case (HTTP/2 and servlet containers lower-case them)")
    void headerNamesAreCaseInsensitive() {
        Map<String, String> lower = new HashMap<>();
        headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY).forEach((k, v) -> lower.put(k.toLowerCase(), v));
        assertThatCode(() -> verify(lower, BODY)).doesNotThrowAnyException();
        Map<String, String> upper = new HashMap<>();
        headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY).forEach((k, v) -> upper.put(k.toUpperCase(), v));
        assertThatCode(() -> verify(upper, BODY)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("rejects a tampered body")
    void rejectsTamperedBody() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("1001", "1002")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verify(headers, tampered)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match").hasMessageContaining("REQ-1");
    }

    @Test
    @DisplayName("rejects a signature made by another key under a trusted serial")
    void rejectsWrongKey() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        headers.put("Wechatpay-Signature", sign(TestKeys.STRANGER.getPrivate(), String.valueOf(NOW.getEpochSecond()),
                "fdasflkja484w", BODY));
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    @DisplayName("rejects an unknown Wechatpay-Serial, naming it and the trusted ids")
    void rejectsUnknownSerial() {
        Map<String, String> headers = headers("PUB_KEY_ID_UNKNOWN", NOW.getEpochSecond(), BODY);
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("unknown Wechatpay-Serial 'PUB_KEY_ID_UNKNOWN'")
                .hasMessageContaining(TestKeys.WECHATPAY_KEY_ID);
    }

    @Test
    @DisplayName("rejects a WECHATPAY/SIGNTEST/ probe, even one whose tail is not Base64")
    void rejectsSigntestProbe() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature"));
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("SIGNTEST");
        headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/%%not*base64");
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("SIGNTEST");
    }

    @Test
    @DisplayName("accepts timestamps exactly 300 s off either way and rejects 301 s off either way")
    void enforcesThe300SecondWindow() {
        for (long offset : new long[] {-300, 300}) {
            long ts = NOW.getEpochSecond() + offset;
            assertThatCode(() -> verify(headers(TestKeys.WECHATPAY_KEY_ID, ts, BODY), BODY))
                    .as("offset %d", offset).doesNotThrowAnyException();
        }
        long stale = NOW.getEpochSecond() - 301;
        assertThatThrownBy(() -> verify(headers(TestKeys.WECHATPAY_KEY_ID, stale, BODY), BODY))
                .isInstanceOf(VerificationException.class).hasMessageContaining("301 s behind");
        long future = NOW.getEpochSecond() + 301;
        assertThatThrownBy(() -> verify(headers(TestKeys.WECHATPAY_KEY_ID, future, BODY), BODY))
                .isInstanceOf(VerificationException.class).hasMessageContaining("301 s ahead of");
    }

    @Test
    @DisplayName("rejects a timestamp that is not epoch seconds")
    void rejectsUnparsableTimestamp() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        for (String bad : new String[] {"2023-11-14T22:13:20Z", "-5", "1e9", "99999999999999999999"}) {
            headers.put("Wechatpay-Timestamp", bad);
            assertThatThrownBy(() -> verify(headers, BODY)).as(bad).isInstanceOf(VerificationException.class)
                    .hasMessageContaining("not Unix epoch seconds");
        }
    }

    @Test
    @DisplayName("rejects a signature that is not Base64 or not a signature at all")
    void rejectsUnparsableSignature() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        headers.put("Wechatpay-Signature", "not base64 !!");
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("not valid Base64");
        headers.put("Wechatpay-Signature", "AAAA");
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class);
    }

    @Test
    @DisplayName("verifies correctly again on the same thread after a failed, a malformed and a good signature")
    void reusedVerifierIsNotPoisonedByFailures() {
        Map<String, String> good = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        Map<String, String> malformed = new HashMap<>(good);
        malformed.put("Wechatpay-Signature", "AAAA"); // too short: the provider throws mid-verification
        Map<String, String> wrong = new HashMap<>(good);
        wrong.put("Wechatpay-Signature", sign(TestKeys.STRANGER.getPrivate(), String.valueOf(NOW.getEpochSecond()),
                "fdasflkja484w", BODY));
        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> verify(malformed, BODY)).isInstanceOf(VerificationException.class);
            assertThatCode(() -> verify(good, BODY)).doesNotThrowAnyException();
            assertThatThrownBy(() -> verify(wrong, BODY)).isInstanceOf(VerificationException.class)
                    .hasMessageContaining("does not match");
            assertThatCode(() -> verify(good, BODY)).doesNotThrowAnyException();
            byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("1001", "1002")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> verify(good, tampered)).isInstanceOf(VerificationException.class);
        }
    }

    @Test
    @DisplayName("names every missing signature header")
    void namesMissingHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Wechatpay-Serial", TestKeys.WECHATPAY_KEY_ID);
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("missing Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature");
    }

    @Test
    @DisplayName("rejects an unsupported Wechatpay-Signature-Type")
    void rejectsOtherSignatureType() {
        Map<String, String> headers = headers(TestKeys.WECHATPAY_KEY_ID, NOW.getEpochSecond(), BODY);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3");
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("WECHATPAY2-SM2-WITH-SM3");
    }

    @Test
    @DisplayName("trusts a public key and a platform certificate serial side by side, each chosen by serial")
    void trustsBothKindsSideBySide() {
        ResponseVerifier both = ResponseVerifier.create(Map.of(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic(),
                "0A1B2C3D", TestKeys.WECHATPAY_B.getPublic()), null);
        long now = NOW.getEpochSecond();
        Map<String, String> a = headers(TestKeys.WECHATPAY_KEY_ID, now, BODY);
        assertThatCode(() -> both.verify(a::get, BODY, NOW, "response", null)).doesNotThrowAnyException();
        Map<String, String> b = new HashMap<>(a);
        b.put("Wechatpay-Serial", "a1b2c3d"); // lower case, leading zero dropped, as a certificate serial may print
        b.put("Wechatpay-Signature", sign(TestKeys.WECHATPAY_B.getPrivate(), String.valueOf(now), "fdasflkja484w", BODY));
        assertThatCode(() -> both.verify(b::get, BODY, NOW, "response", null)).doesNotThrowAnyException();
        Map<String, String> crossed = new HashMap<>(a);
        crossed.put("Wechatpay-Serial", "0A1B2C3D");
        assertThatThrownBy(() -> both.verify(crossed::get, BODY, NOW, "response", null))
                .isInstanceOf(VerificationException.class);
    }
}
