package dev.wxpay.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters an app passes to the WeChat OpenSDK ({@code PayReq}) to pay a prepaid APP order; made by
 * {@link WechatPayClient#appInvokeParams(String, String, String)}. {@link #sign()} is SHA256withRSA with the
 * merchant private key over {@code appid\ntimestamp\nnoncestr\nprepayid\n}, Base64. Send {@link #toMap()} to the
 * app as JSON. Immutable and thread-safe; nothing in it is secret.
 */
public final class AppInvokeParams {
    /** The fixed {@code package} value of an APP payment. */
    public static final String PACKAGE_VALUE = "Sign=WXPay";

    private final String appid;
    private final String partnerid;
    private final String prepayid;
    private final String noncestr;
    private final String timestamp;
    private final String sign;

    AppInvokeParams(String appid, String partnerid, String prepayid, String noncestr, String timestamp, String sign) {
        this.appid = Objects.requireNonNull(appid, "appid");
        this.partnerid = Objects.requireNonNull(partnerid, "partnerid");
        this.prepayid = Objects.requireNonNull(prepayid, "prepayid");
        this.noncestr = Objects.requireNonNull(noncestr, "noncestr");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.sign = Objects.requireNonNull(sign, "sign");
    }

    /** The message {@link #sign()} signs, as UTF-8 bytes: {@code appid\ntimestamp\nnoncestr\nprepayid\n}. */
    static byte[] message(String appid, String timestamp, String noncestr, String prepayid) {
        return InvokeParamsSigner.lines(appid, timestamp, noncestr, prepayid);
    }

    /** The mobile application's appid the prepay named. */
    public String appid() {
        return appid;
    }

    /** The merchant id: the mchid in direct mode, the sub_mchid in partner mode. */
    public String partnerid() {
        return partnerid;
    }

    /** The prepay_id the APP prepay answered. */
    public String prepayid() {
        return prepayid;
    }

    /** Always {@code Sign=WXPay}. */
    public String packageValue() {
        return PACKAGE_VALUE;
    }

    /** A random string of at most 32 characters. */
    public String noncestr() {
        return noncestr;
    }

    /** Unix epoch seconds, as a string. */
    public String timestamp() {
        return timestamp;
    }

    /** Base64 SHA256withRSA signature with the merchant private key over the message above. */
    public String sign() {
        return sign;
    }

    /**
     * The keys of the OpenSDK's {@code PayReq}, in this order: {@code appid}, {@code partnerid}, {@code prepayid},
     * {@code package}, {@code noncestr}, {@code timestamp}, {@code sign}. Unmodifiable.
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("appid", appid);
        map.put("partnerid", partnerid);
        map.put("prepayid", prepayid);
        map.put("package", PACKAGE_VALUE);
        map.put("noncestr", noncestr);
        map.put("timestamp", timestamp);
        map.put("sign", sign);
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppInvokeParams && toMap().equals(((AppInvokeParams) o).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "AppInvokeParams" + toMap();
    }
}
