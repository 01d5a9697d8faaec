package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The verifier on arbitrary header values: it refuses with {@link VerificationException} and nothing else. */
@Label("ResponseVerifier on arbitrary headers")
class VerifierHeaderPropertiesTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final ResponseVerifier VERIFIER = ResponseVerifier.create(
            Map.of(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()), null);
    private static final String VALID_SIGNATURE = ResponseVerifierTest.sign(TestKeys.WECHATPAY.getPrivate(),
            "1700000000", "nonce", BODY);
    private static final List<String> NAMES = List.of("Wechatpay-Serial", "Wechatpay-Timestamp", "Wechatpay-Nonce",
            "Wechatpay-Signature", "Wechatpay-Signature-Type");

    /** Values that break one rule each, mixed with valid ones so the later checks are reached too. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> signtest = Combinators.combine(Arbitraries.of("WECHATPAY/SIGNTEST/", "wechatpay/signtest/",
                "WeChatPay/SignTest/"), Arbitraries.strings().ofMaxLength(40))
                .as((prefix, rest) -> prefix + rest);
        Arbitrary<String> mixedCasePrefix = Arbitraries.integers().between(0, (1 << 19) - 1).map(mask -> {
                    char[] prefix = "wechatpay/signtest/".toCharArray();
                    for (int i = 0; i < prefix.length; i++) {
                        if ((mask & (1 << i)) != 0) {
                            prefix[i] = Character.toUpperCase(prefix[i]);
                        }
                    }
                    return new String(prefix) + VALID_SIGNATURE;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "\t", "\u00a0", "null", "0", "-1", "+1700000000", "1e9",
                        "1700000000.0", "99999999999999999999", "999999999999999999", "-9223372036854775808",
                        "1700000000", " 1700000000 ", "nonce", TestKeys.WECHATPAY_KEY_ID,
                        TestKeys.WECHATPAY_KEY_ID.toLowerCase(Locale.ROOT), "PUB_KEY_ID_UNKNOWN", "000",
                        VALID_SIGNATURE, VALID_SIGNATURE + "=", "=" + VALID_SIGNATURE, "AAAA", "====", "%%%%",
                        RequestSigner.SCHEME, "wechatpay2-sha256-rsa2048", "WECHATPAY2-SM2-WITH-SM3")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofMaxLength(400)),
                Tuple.of(1, Arbitraries.strings().ofMinLength(10_000).ofMaxLength(20_000)),
                Tuple.of(1, signtest),
                Tuple.of(1, mixedCasePrefix));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> headerLists() {
        Arbitrary<String> name = Arbitraries.of(NAMES).flatMap(n -> Arbitraries.integers().between(0, 2).map(style ->
                style == 0 ? n : style == 1 ? n.toLowerCase(Locale.ROOT) : n.toUpperCase(Locale.ROOT)));
        Arbitrary<Map.Entry<String, String>> entry = Combinators.combine(name, values()).as(Map::entry);
        // Up to 10 entries over 5 names: headers missing, present once, or duplicated with different values.
        return entry.list().ofMaxSize(10);
    }

    @Property(tries = 400)
    @Label("missing, duplicated, empty, non-Base64, overlong, non-numeric or SIGNTEST headers end only in VerificationException")
    void onlyVerificationException(@ForAll("headerLists") List<Map.Entry<String, String>> entries) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            multi.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        Map<String, List<String>> headers = HttpHeaders.copyOf(multi);

        Throwable thrown = catchThrowable(() -> VERIFIER.verify(name -> HttpHeaders.first(headers, name), BODY, NOW,
                "response", "REQ-1"));

        if (thrown == null) {
            // Only the genuine signature over this body, with its timestamp and nonce, may pass.
            assertThat(HttpHeaders.first(headers, "Wechatpay-Signature").trim()).isEqualTo(VALID_SIGNATURE);
            assertThat(HttpHeaders.first(headers, "Wechatpay-Nonce")).isEqualTo("nonce");
        } else {
            assertThat(thrown).isExactlyInstanceOf(VerificationException.class);
            assertThat(thrown.getMessage()).isNotBlank().startsWith("response");
            assertThat(((VerificationException) thrown).requestId()).isEqualTo("REQ-1");
        }
    }
}
