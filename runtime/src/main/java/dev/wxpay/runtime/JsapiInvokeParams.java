package dev.wxpay.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters a JSAPI (official account) or mini-program front end passes to {@code wx.requestPayment} or
 * {@code WeixinJSBridge.invoke('getBrandWCPayRequest', …)} to pay a prepaid order; made by
 * {@link WechatPayClient#jsapiInvokeParams(String, String)}. {@link #paySign()} is SHA256withRSA with the merchant
 * private key over {@code appId\ntimeStamp\nnonceStr\npackage\n}, Base64. Send {@link #toMap()} to the front end as
 * JSON. Immutable and thread-safe; nothing in it is secret.
 */
public final class JsapiInvokeParams {
    /** The only {@code signType} of APIv3 invoke parameters. */
    public static final String SIGN_TYPE = "RSA";

    private final String appId;
    private final String timeStamp;
    private final String nonceStr;
    private final String packageValue;
    private final String paySign;

    JsapiInvokeParams(String appId, String timeStamp, String nonceStr, String packageValue, String paySign) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.timeStamp = Objects.requireNonNull(timeStamp, "timeStamp");
        this.nonceStr = Objects.requireNonNull(nonceStr, "nonceStr");
        this.packageValue = Objects.requireNonNull(packageValue, "packageValue");
        this.paySign = Objects.requireNonNull(paySign, "paySign");
    }

    /** The message {@link #paySign()} signs, as UTF-8 bytes: {@code appId\ntimeStamp\nnonceStr\npackage\n}. */
    static byte[] message(String appId, String timeStamp, String nonceStr, String packageValue) {
        return InvokeParamsSigner.lines(appId, timeStamp, nonceStr, packageValue);
    }

    /** The appid the prepay named (in partner mode the sub_appid when the payer is a sub_openid, else sp_appid). */
    public String appId() {
        return appId;
    }

    /** Unix epoch seconds, as a string (the front end wants a string). */
    public String timeStamp() {
        return timeStamp;
    }

    /** A random string of at most 32 characters. */
    public String nonceStr() {
        return nonceStr;
    }

    /** {@code prepay_id=…}: the value of the {@code package} key ({@code package} is a Java keyword). */
    public String packageValue() {
        return packageValue;
    }

    /** Always {@code RSA}. */
    public String signType() {
        return SIGN_TYPE;
    }

    /** Base64 SHA256withRSA signature with the merchant private key over the message above. */
    public String paySign() {
        return paySign;
    }

    /**
     * The keys {@code wx.requestPayment} and {@code WeixinJSBridge} expect, in this order: {@code appId},
     * {@code timeStamp}, {@code nonceStr}, {@code package}, {@code signType}, {@code paySign}. Unmodifiable.
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("appId", appId);
        map.put("timeStamp", timeStamp);
        map.put("nonceStr", nonceStr);
        map.put("package", packageValue);
        map.put("signType", SIGN_TYPE);
        map.put("paySign", paySign);
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsapiInvokeParams && toMap().equals(((JsapiInvokeParams) o).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "JsapiInvokeParams" + toMap();
    }
}
