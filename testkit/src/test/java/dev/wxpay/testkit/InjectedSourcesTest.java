package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The clock and the random source are injected, so answers are reproducible")
class InjectedSourcesTest {

    static final Clock FIXED = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);

    static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed("wxpay-testkit".getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static MerchantCalls.Answer firstAnswer() {
        try (WechatPaySimulator sim = TestKeys.thingsSimulator().clock(FIXED).random(seeded())
                .start()) {
            return new MerchantCalls(sim, FIXED).call("GET", "/v3/things/T-1?sub_mchid=1", null);
        }
    }

    @Test
    @DisplayName("requests are judged and answers signed by the injected clock")
    void injectedClock() {
        MerchantCalls.Answer a = firstAnswer();

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Wechatpay-Timestamp")).isEqualTo(Long.toString(FIXED.instant().getEpochSecond()));
        assertThat(a.verifies(TestKeys.PLATFORM.getPublic())).isTrue();
    }

    @Test
    @DisplayName("the same seed and clock give the same Request-ID, nonce and signature")
    void reproducible() {
        MerchantCalls.Answer first = firstAnswer();
        MerchantCalls.Answer second = firstAnswer();

        assertThat(second.header("Request-ID")).isEqualTo(first.header("Request-ID"));
        assertThat(second.header("Wechatpay-Nonce")).isEqualTo(first.header("Wechatpay-Nonce"));
        assertThat(second.header("Wechatpay-Signature")).isEqualTo(first.header("Wechatpay-Signature"));
    }
}
