package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.wxpay.testkit.WechatPaySimulator.AUTH_SCHEME;

/**
 * WeChat Pay's checks of a request's {@code Authorization} header: scheme, fields, known merchant, certificate serial,
 * timestamp window and the SHA256withRSA signature over the exact bytes received. A failure becomes the 401
 * {@code SIGN_ERROR} WeChat Pay answers, with the verified message shown so a merchant can diff it. Immutable and
 * thread-safe.
 */
final class RequestAuthenticator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, SimulatedMerchant> merchants;
    private final Clock clock;
    private final Duration timestampWindow;

    RequestAuthenticator(Map<String, SimulatedMerchant> merchants, Clock clock, Duration timestampWindow) {
        this.merchants = merchants;
        this.clock = clock;
        this.timestampWindow = timestampWindow;
    }

    /** The outcome: the caller's mchid (when the header named one) and the error to answer, null when valid. */
    static final class Auth {
        private String mchid;
        private WechatError error;

        String mchid() {
            return mchid;
        }

        WechatError error() {
            return error;
        }
    }

    Auth authenticate(LoopbackHttpServer.HttpCall call) {
        Auth auth = new Auth();
        String header = call.header("Authorization");
        if (header == null || header.isBlank()) {
            auth.error = signError("Authorization", "is missing", call, null);
            return auth;
        }
        if (!header.startsWith(AUTH_SCHEME + " ")) {
            auth.error = signError("Authorization", "must use the scheme " + AUTH_SCHEME, call, null);
            return auth;
        }
        Map<String, String> fields = parseAuthorization(header.substring(AUTH_SCHEME.length() + 1));
        if (fields == null) {
            auth.error = signError("Authorization", "is not a list of key=\"value\" pairs", call, null);
            return auth;
        }
        for (String name : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
            String v = fields.get(name);
            if (v == null || v.isEmpty()) {
                auth.error = signError(name, "is missing from the Authorization header", call, null);
                return auth;
            }
        }
        auth.mchid = fields.get("mchid");
        SimulatedMerchant merchant = merchants.get(auth.mchid);
        if (merchant == null) {
            auth.error = signError("mchid", "names no merchant the simulator knows", call, null);
            return auth;
        }
        if (!merchant.certificateSerialNo().equalsIgnoreCase(fields.get("serial_no"))) {
            auth.error = signError("serial_no", "does not match the merchant's certificate serial", call, null);
            return auth;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.get("timestamp"));
        } catch (NumberFormatException e) {
            auth.error = signError("timestamp", "is not a number of seconds", call, null);
            return auth;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > timestampWindow.getSeconds()) {
            auth.error = signError("timestamp", "is expired: more than " + timestampWindow.getSeconds()
                    + " s from the server time " + now, call, null);
            return auth;
        }
        byte[] message = requestMessage(call, fields.get("timestamp"), fields.get("nonce_str"));
        if (!Crypto.verify(merchant.publicKey(), message, fields.get("signature"))) {
            auth.error = signError("signature", "sign not match", call, message);
        }
        return auth;
    }

    /**
     * {@code METHOD\nTARGET\nTIMESTAMP\nNONCE\nBODY\n} over the exact bytes received; for a media upload BODY is
     * the {@code meta} part alone, as WeChat Pay signs uploads (the file is not signed).
     */
    private static byte[] requestMessage(LoopbackHttpServer.HttpCall call, String timestamp, String nonce) {
        byte[] body = call.body();
        if (MultipartBody.isMultipart(call.header("Content-Type"))) {
            try {
                MultipartBody.Part meta = MultipartBody.parse(body, call.header("Content-Type")).part("meta");
                body = meta == null ? new byte[0] : meta.content();
            } catch (IllegalArgumentException e) {
                body = new byte[0]; // malformed: the signature fails here, the validation names the defect
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        byte[] head = (call.method() + "\n" + call.target() + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code k1="v1",k2="v2"} (spaces around commas allowed); null when malformed or a key repeats. */
    static Map<String, String> parseAuthorization(String params) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = params.length();
        while (i < n) {
            while (i < n && (params.charAt(i) == ' ' || params.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = params.indexOf('=', i);
            if (eq < 0 || eq + 1 >= n || params.charAt(eq + 1) != '"') {
                return null;
            }
            int close = params.indexOf('"', eq + 2);
            if (close < 0) {
                return null;
            }
            String key = params.substring(i, eq).trim();
            if (out.put(key, params.substring(eq + 2, close)) != null) {
                return null;
            }
            i = close + 1;
            if (i < n && params.charAt(i) != ',' && params.charAt(i) != ' ') {
                return null;
            }
        }
        return out;
    }

    private static WechatError signError(String field, String issue, LoopbackHttpServer.HttpCall call,
                                         byte[] message) {
        ObjectNode detail = NODES.objectNode();
        detail.put("field", field);
        detail.put("location", "authorization");
        detail.put("issue", issue);
        ObjectNode info = detail.putObject("sign_information");
        info.put("method", call.method());
        info.put("url", call.target());
        if (message != null) {
            // WeChat Pay shows what it verified so a merchant can diff it against what was signed.
            info.put("sign_message_length", message.length);
            String text = new String(message, StandardCharsets.UTF_8);
            info.put("truncated_sign_message", text.length() > 512 ? text.substring(0, 512) : text);
        }
        return new WechatError(401, "SIGN_ERROR", "签名错误: " + field + " " + issue, detail);
    }
}
