package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Invoke parameters (jsapiInvokeParams, appInvokeParams)")
class InvokeParamsTest {
    private static final String APPID = "wxd678efh567hg6787";
    private static final String PREPAY_ID = "wx201410272009395522657a690389285100";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String NONCE_A = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    private static final String NONCE_B = "593BEC0C930BF1AFEB40B4A08C8FB242";

    private static WechatPayClient client(String... nonces) {
        Deque<String> queue = new ArrayDeque<>(List.of(nonces));
        return WechatPayClient.builder()
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .nonceSource(queue::removeFirst)
                .build();
    }

    /** Verifies with the plain JDK, over the message written out here as WeChat Pay documents it. */
    private static boolean verifies(PublicKey key, String message, String base64Signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64Signature));
    }

    @Test
    @DisplayName("JSAPI: paySign verifies with the merchant public key over appId, timeStamp, nonceStr and package")
    void jsapiPaySignVerifiesOverTheDocumentedMessage() throws Exception {
        JsapiInvokeParams params = client(NONCE_A).jsapiInvokeParams(APPID, PREPAY_ID);

        assertThat(params.appId()).isEqualTo(APPID);
        assertThat(params.timeStamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(params.nonceStr()).isEqualTo(NONCE_A);
        assertThat(params.packageValue()).isEqualTo("prepay_id=" + PREPAY_ID);
        assertThat(params.signType()).isEqualTo("RSA");
        String message = APPID + "\n" + NOW.getEpochSecond() + "\n" + NONCE_A + "\nprepay_id=" + PREPAY_ID + "\n";
        assertThat(verifies(TestKeys.MERCHANT.getPublic(), message, params.paySign())).isTrue();
        assertThat(verifies(TestKeys.MERCHANT_B.getPublic(), message, params.paySign())).as("another key").isFalse();
        assertThat(verifies(TestKeys.MERCHANT.getPublic(), message.replace(PREPAY_ID, PREPAY_ID + "0"),
                params.paySign())).as("another prepay_id").isFalse();
    }

    @Test
    @DisplayName("JSAPI: toMap has exactly the keys wx.requestPayment expects, in order")
    void jsapiMapHasTheFrontEndKeys() {
        JsapiInvokeParams params = client(NONCE_A).jsapiInvokeParams(APPID, PREPAY_ID);

        assertThat(params.toMap()).containsExactly(
                java.util.Map.entry("appId", APPID),
                java.util.Map.entry("timeStamp", params.timeStamp()),
                java.util.Map.entry("nonceStr", NONCE_A),
                java.util.Map.entry("package", "prepay_id=" + PREPAY_ID),
                java.util.Map.entry("signType", "RSA"),
                java.util.Map.entry("paySign", params.paySign()));
        assertThatThrownBy(() -> params.toMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("APP: sign verifies with the merchant public key over appid, timestamp, noncestr and prepayid")
    void appSignVerifiesOverTheDocumentedMessage() throws Exception {
        AppInvokeParams params = client(NONCE_B).appInvokeParams(APPID, "1900000109", PREPAY_ID);

        String message = APPID + "\n" + NOW.getEpochSecond() + "\n" + NONCE_B + "\n" + PREPAY_ID + "\n";
        assertThat(verifies(TestKeys.MERCHANT.getPublic(), message, params.sign())).isTrue();
        assertThat(params.toMap()).containsExactly(
                java.util.Map.entry("appid", APPID),
                java.util.Map.entry("partnerid", "1900000109"),
                java.util.Map.entry("prepayid", PREPAY_ID),
                java.util.Map.entry("package", "Sign=WXPay"),
                java.util.Map.entry("noncestr", NONCE_B),
                java.util.Map.entry("timestamp", Long.toString(NOW.getEpochSecond())),
                java.util.Map.entry("sign", params.sign()));
        assertThat(params.packageValue()).isEqualTo("Sign=WXPay");
    }

    @Test
    @DisplayName("takes a fresh nonce from the client's nonce source for every call")
    void takesAFreshNonceEachTime() {
        WechatPayClient client = client(NONCE_A, NONCE_B);

        JsapiInvokeParams first = client.jsapiInvokeParams(APPID, PREPAY_ID);
        JsapiInvokeParams second = client.jsapiInvokeParams(APPID, PREPAY_ID);

        assertThat(first.nonceStr()).isEqualTo(NONCE_A);
        assertThat(second.nonceStr()).isEqualTo(NONCE_B);
        assertThat(first.paySign()).isNotEqualTo(second.paySign());
    }

    @Test
    @DisplayName("refuses a missing or blank argument, and a line break that would forge a line of the message")
    void refusesBadArguments() {
        WechatPayClient client = client(NONCE_A, NONCE_B, NONCE_A, NONCE_B);

        assertThatThrownBy(() -> client.jsapiInvokeParams(null, PREPAY_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appId must not be null or blank");
        assertThatThrownBy(() -> client.jsapiInvokeParams(APPID, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("prepayId must not be null or blank");
        assertThatThrownBy(() -> client.appInvokeParams(APPID, null, PREPAY_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("partnerId must not be null or blank");
        assertThatThrownBy(() -> client.jsapiInvokeParams(APPID + "\n1", PREPAY_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appId must not contain a line break");
    }

    @Test
    @DisplayName("refuses a nonce longer than the 32 characters WeChat Pay accepts")
    void refusesAnOverlongNonce() {
        WechatPayClient client = client(NONCE_A + "X");

        assertThatThrownBy(() -> client.jsapiInvokeParams(APPID, PREPAY_ID))
                .isInstanceOf(WechatPayException.class).hasMessageContaining("33 characters");
    }
}
