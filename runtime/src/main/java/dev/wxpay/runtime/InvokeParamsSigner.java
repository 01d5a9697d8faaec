package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Makes the parameters a front end needs to invoke a payment (JSAPI / mini program, APP) from a prepay_id: a fresh
 * timestamp from the client's clock, a fresh nonce from its nonce source, and the merchant-key signature over the
 * documented message. Immutable and thread-safe (the signer keeps one {@code Signature} per thread).
 */
final class InvokeParamsSigner {
    private final RequestSigner signer;
    private final Clock clock;
    private final NonceSource nonces;

    InvokeParamsSigner(RequestSigner signer, Clock clock, NonceSource nonces) {
        this.signer = signer;
        this.clock = clock;
        this.nonces = nonces;
    }

    JsapiInvokeParams jsapi(String appId, String prepayId) {
        requireText("appId", appId);
        requireText("prepayId", prepayId);
        String timeStamp = timeStamp();
        String nonceStr = nonce();
        String packageValue = "prepay_id=" + prepayId;
        String paySign = signer.signMessage(JsapiInvokeParams.message(appId, timeStamp, nonceStr, packageValue));
        return new JsapiInvokeParams(appId, timeStamp, nonceStr, packageValue, paySign);
    }

    AppInvokeParams app(String appId, String partnerId, String prepayId) {
        requireText("appId", appId);
        requireText("partnerId", partnerId);
        requireText("prepayId", prepayId);
        String timestamp = timeStamp();
        String nonceStr = nonce();
        String sign = signer.signMessage(AppInvokeParams.message(appId, timestamp, nonceStr, prepayId));
        return new AppInvokeParams(appId, partnerId, prepayId, nonceStr, timestamp, sign);
    }

    private String timeStamp() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private String nonce() {
        String nonce = nonces.nextNonce();
        // WeChat Pay takes at most 32 characters; a custom source that gives more must not yield a refused payment.
        if (nonce == null || nonce.isEmpty() || nonce.length() > 32) {
            throw new WechatPayException("the nonce source gave a nonce of "
                    + (nonce == null ? "null" : nonce.length() + " characters") + "; invoke parameters need 1 to 32");
        }
        return nonce;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
        // A line break would let a value forge another line of the signed message.
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a line break");
        }
    }

    /** Lines joined the way every WeChat Pay message is: each one, the last too, ends in {@code \n}. */
    static byte[] lines(String... values) {
        StringBuilder message = new StringBuilder();
        for (String value : values) {
            message.append(value).append('\n');
        }
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }
}
