package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verifier on arbitrary header values: it refuses with {@link VerificationException} and nothing else. */
@DisplayName("ResponseVerifier on arbitrary headers")
class VerifierHeaderPropertiesTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final ResponseVerifier VERIFIER = ResponseVerifier.create(
            Map.of(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()), null);
    private static final String VALID_SIGNATURE = ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
            "1700000000", "nonce", BODY);
    private static final List<String> NAMES = List.of("Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce",
            "Wechatpay-Signature", "Wechatpay-Signature-Type");
    private static final List<String> SPECIAL = List.of("", " ", "\t", "\u00a0", "null", "0", "-1", "+1700000000",
            "1e9", "1700000000.0", "99999999999999999999", "999999999999999999", "-9223372036854775808",
            "1700000000", " 1700000000 ", "nonce", TestKeys.WECHATPAY_KEY_ID,
            TestKeys.WECHATPAY_KEY_ID.toLowerCase(Locale.ROOT), "PUB_KEY_ID_UNKNOWN", "000",
            VALID_SIGNATURE, VALID_SIGNATURE + "=", "=" + VALID_SIGNATURE, "AAAA", "====", "%%%%",
            RequestSigner.SCHEME, "wechatpay2-sha256-rsa2048", "WECHATPAY2-SM2-WITH-SM3");

    /** Values that break one rule each, mixed with valid ones so the later checks are reached too. */
    static String value(SplittableRandom r) {
        switch (PropertyCheck.choose(r, 3, 2, 1, 1, 1, 1, 1)) {
            case 0:
                return PropertyCheck.pick(r, SPECIAL);
            case 1:
                return PropertyCheck.anyString(r, 0, 60);
            case 2:
                return PropertyCheck.stringOf(r, "0123456789", 1, 40);
            case 3:
                return PropertyCheck.stringOf(r, "ABCDEFabcdef0123456789+/=", 0, 400);
            case 4:
                return PropertyCheck.anyString(r, 10_000, 20_000);
            case 5:
                return PropertyCheck.pick(r, "WECHATPAY/SIGNTEST/", "wechatpay/signtest/", "WeChatPay/SignTest/")
                        + PropertyCheck.anyString(r, 0, 40);
            default: {
                // WECHATPAY/SIGNTEST/ in any mix of cases, before a signature that would otherwise verify.
                char[] prefix = "wechatpay/signtest/".toCharArray();
                for (int i = 0; i < prefix.length; i++) {
                    if (r.nextBoolean()) {
                        prefix[i] = Character.toUpperCase(prefix[i]);
                    }
                }
                return new String(prefix) + VALID_SIGNATURE;
            }
        }
    }

    /** Up to 10 entries over 5 names, in any case: headers missing, present once, or duplicated. */
    static List<Map.Entry<String, String>> headerList(SplittableRandom r) {
        return PropertyCheck.list(r, 0, 10, s -> {
            String n = PropertyCheck.pick(s, NAMES);
            int style = s.nextInt(3);
            String name = style == 0 ? n : style == 1 ? n.toLowerCase(Locale.ROOT) : n.toUpperCase(Locale.ROOT);
            return Map.entry(name, value(s));
        });
    }

    @Test
    @DisplayName("missing, duplicated, empty, non-Base64, overlong, non-numeric or SIGNTEST headers end only in VerificationException")
    void onlyVerificationException() {
        forAll(400, VerifierHeaderPropertiesTest::headerList, entries -> {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : entries) {
                multi.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
            Map<String, List<String>> headers = HttpHeaders.copyOf(multi);

            Throwable thrown = catchThrowable(() -> VERIFIER.verify(name -> HttpHeaders.first(headers, name), BODY,
                    NOW, "response", "REQ-1"));

            if (thrown == null) {
                // Only the genuine signature over this body, with its timestamp and nonce, may pass.
                assertThat(HttpHeaders.first(headers, "Wechatpay-Signature").trim()).isEqualTo(VALID_SIGNATURE);
                assertThat(HttpHeaders.first(headers, "Wechatpay-Nonce")).isEqualTo("nonce");
            } else {
                assertThat(thrown).isExactlyInstanceOf(VerificationException.class);
                assertThat(thrown.getMessage()).isNotBlank().startsWith("response");
                assertThat(((VerificationException) thrown).requestId()).isEqualTo("REQ-1");
            }
        });
    }
}
