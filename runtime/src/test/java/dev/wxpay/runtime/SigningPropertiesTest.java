package dev.wxpay.runtime;

import static dev.wxpay.runtime.PropertyCheck.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sign → verify round trips over generated methods, URLs, bodies, timestamps and nonces, and the refusal of any
 * single changed byte. RSA keys come from {@link TestKeys} (generated once per test JVM); cases are kept modest
 * because every case signs with RSA-2048.
 */
@DisplayName("Signing and verification properties")
class SigningPropertiesTest {
    private static final RequestSigner SIGNER = RequestSigner.create(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL,
            TestKeys.MERCHANT.getPrivate(), null);
    private static final String HEX_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final ResponseVerifier VERIFIER = ResponseVerifier.create(Map.of(
            TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic(),
            HEX_SERIAL, TestKeys.WECHATPAY_B.getPublic()), null);

    /** A request to sign, and a position and delta for the byte to change. */
    static final class Request {
        final String method;
        final String url;
        final byte[] body;
        final long timestamp;
        final String nonce;
        final int position;
        final int delta;

        Request(String method, String url, byte[] body, long timestamp, String nonce, int position, int delta) {
            this.method = method;
            this.url = url;
            this.body = body;
            this.timestamp = timestamp;
            this.nonce = nonce;
            this.position = position;
            this.delta = delta;
        }

        static Request generate(SplittableRandom r, long maxTimestamp) {
            return new Request(method(r), pathAndQuery(r), PropertyCheck.bodies(r),
                    PropertyCheck.between(r, 0L, maxTimestamp), nonce(r), PropertyCheck.anyInt(r),
                    PropertyCheck.between(r, 0, 254));
        }
    }

    static String method(SplittableRandom r) {
        return r.nextBoolean() ? PropertyCheck.pick(r, "GET", "POST", "PUT", "PATCH", "DELETE")
                : PropertyCheck.stringOf(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 12);
    }

    static String pathAndQuery(SplittableRandom r) {
        List<String> segments = PropertyCheck.list(r, 1, 5, s -> ApiRequest.encode(PropertyCheck.unicode(s, 30)));
        List<String> values = PropertyCheck.list(r, 0, 4, s -> PropertyCheck.unicode(s, 30));
        StringBuilder sb = new StringBuilder("/").append(String.join("/", segments));
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "?" : "&").append("k").append(i).append('=').append(ApiRequest.encode(values.get(i)));
        }
        return sb.toString();
    }

    static String nonce(SplittableRandom r) {
        return PropertyCheck.stringOf(r, PropertyCheck.ALPHANUMERIC, 1, 64);
    }

    @Test
    @DisplayName("a request signature verifies over METHOD, URL, timestamp, nonce and body, and the header carries them")
    void requestSignatureRoundTrips() {
        forAll(60, r -> Request.generate(r, 99_999_999_999L), c -> {
            String authorization = SIGNER.authorization(c.method, c.url, c.body, c.timestamp, c.nonce);
            Map<String, String> fields = LoopbackWechatPay.parseAuthorization(authorization);

            assertThat(fields).containsEntry("mchid", TestKeys.MERCHANT_ID).containsEntry("nonce_str", c.nonce)
                    .containsEntry("timestamp", String.valueOf(c.timestamp))
                    .containsEntry("serial_no", TestKeys.MERCHANT_SERIAL);
            byte[] message = RequestSigner.message(c.method, c.url, c.timestamp, c.nonce, c.body);
            assertThat(PropertyCheck.jdkVerifies(TestKeys.MERCHANT.getPublic(), message,
                    PropertyCheck.base64(fields.get("signature")))).isTrue();
        });
    }

    @Test
    @DisplayName("a request signature does not verify once any single byte of the message or the signature changes")
    void requestSignatureRefusesAnyChangedByte() {
        forAll(60, r -> Request.generate(r, 99_999_999_999L), c -> {
            byte[] message = RequestSigner.message(c.method, c.url, c.timestamp, c.nonce, c.body);
            byte[] signature = PropertyCheck.base64(SIGNER.signature(c.method, c.url, c.body, c.timestamp,
                    c.nonce));

            assertThat(PropertyCheck.jdkVerifies(TestKeys.MERCHANT.getPublic(),
                    PropertyCheck.changeOneByte(message, c.position, c.delta), signature)).isFalse();
            assertThat(PropertyCheck.jdkVerifies(TestKeys.MERCHANT.getPublic(), message,
                    PropertyCheck.changeOneByte(signature, c.position, c.delta))).isFalse();
        });
    }

    /** A response as WeChat Pay would sign it. */
    private static final class Signed {
        final String serial;
        final String timestamp;
        final String nonce;
        final byte[] body;
        final byte[] signature;

        Signed(String serial, long timestamp, String nonce, byte[] body) {
            this.serial = serial;
            this.timestamp = String.valueOf(timestamp);
            this.nonce = nonce;
            this.body = body;
            PrivateKey key = serial.equals(HEX_SERIAL) ? TestKeys.WECHATPAY_B.getPrivate()
                    : TestKeys.WECHATPAY.getPrivate();
            try {
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(key);
                signer.update(ResponseVerifier.message(this.timestamp, nonce, body));
                this.signature = signer.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        void verify(String serial, String timestamp, String nonce, byte[] signature, byte[] body, Instant now) {
            VERIFIER.verify(serial, timestamp, nonce, Base64.getEncoder().encodeToString(signature), body, now,
                    "response", null);
        }
    }

/** A response to sign, how to present it, and which part to change by which byte. */
    static final class Response {
        final String serial;
        final byte[] body;
        final long timestamp;
        final String nonce;
        final int skew;
        final boolean lowerCaseSerial;
        final int position;
        final int delta;
        final int part;

        Response(String serial, byte[] body, long timestamp, String nonce, int skew, boolean lowerCaseSerial, int position, int delta, int part) {
            this.serial = serial;
            this.body = body;
            this.timestamp = timestamp;
            this.nonce = nonce;
            this.skew = skew;
            this.lowerCaseSerial = lowerCaseSerial;
            this.position = position;
            this.delta = delta;
            this.part = part;
        }

        static Response generate(SplittableRandom r) {
            return new Response(PropertyCheck.pick(r, TestKeys.WECHATPAY_KEY_ID, HEX_SERIAL), PropertyCheck.bodies(r),
                    PropertyCheck.between(r, 1_000_000_000L, 4_000_000_000L), nonce(r),
                    PropertyCheck.between(r, -300, 300), r.nextBoolean(), PropertyCheck.anyInt(r),
                    PropertyCheck.between(r, 0, 254), PropertyCheck.between(r, 0, 4));
        }
    }

    @Test
    @DisplayName("a response signed by a trusted key verifies anywhere in the 300 s window, under any case of its serial")
    void responseSignatureRoundTrips() {
        forAll(60, Response::generate, c -> {
            Signed signed = new Signed(c.serial, c.timestamp, c.nonce, c.body);
            String sentSerial = c.lowerCaseSerial ? c.serial.toLowerCase(Locale.ROOT) : c.serial;

            signed.verify(sentSerial, signed.timestamp, c.nonce, signed.signature, c.body,
                    Instant.ofEpochSecond(c.timestamp + c.skew));
        });
    }

    @Test
    @DisplayName("a response is refused once any single byte of body, signature, timestamp, nonce or serial changes")
    void responseRefusesAnyChangedByte() {
        forAll(100, Response::generate, c -> {
            String serial = c.serial;
            String nonce = c.nonce;
            byte[] body = c.body;
            int position = c.position;
            int delta = c.delta;
            Signed s = new Signed(serial, c.timestamp, nonce, body);
            Instant now = Instant.ofEpochSecond(c.timestamp);
            String changedSerial = changeOneCharacter(serial, position, delta, true);
            String changedTimestamp = changeOneCharacter(s.timestamp, position, delta, false);
            String changedNonce = changeOneCharacter(nonce, position, delta, false);
            byte[] changedBody = body.length == 0 ? new byte[] {(byte) delta}
                    : PropertyCheck.changeOneByte(body, position, delta);

            Runnable call;
            switch (c.part) {
                case 0:
                    call = () -> s.verify(serial, s.timestamp, nonce, s.signature, changedBody, now);
                    break;
                case 1:
                    call = () -> s.verify(serial, s.timestamp, nonce,
                            PropertyCheck.changeOneByte(s.signature, position, delta), body, now);
                    break;
                case 2:
                    call = () -> s.verify(serial, changedTimestamp, nonce, s.signature, body, now);
                    break;
                case 3:
                    call = () -> s.verify(serial, s.timestamp, changedNonce, s.signature, body, now);
                    break;
                default:
                    call = () -> s.verify(changedSerial, s.timestamp, nonce, s.signature, body, now);
            }
            assertThatThrownBy(call::run).isExactlyInstanceOf(VerificationException.class);
        });
    }

    /**
     * {@code text} with one character replaced by a different one. For serials the replacement also differs
     * ignoring case (serials are compared ignoring case by design: {@code pub_key_id_…} names the same key).
     */
    private static String changeOneCharacter(String text, int position, int delta, boolean ignoreCase) {
        int i = Math.floorMod(position, text.length());
        char original = text.charAt(i);
        char[] candidates = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_ -+/=\u00e9\u4e2d".toCharArray();
        for (int k = 0; k < candidates.length; k++) {
            char c = candidates[Math.floorMod(delta + k, candidates.length)];
            boolean same = ignoreCase ? Character.toUpperCase(c) == Character.toUpperCase(original) : c == original;
            if (!same) {
                return text.substring(0, i) + c + text.substring(i + 1);
            }
        }
        throw new AssertionError("no replacement for " + original);
    }

    @Test
    @DisplayName("the signed message is the UTF-8 of METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n")
    void requestMessageLayout() {
        forAll(30, r -> Request.generate(r, Long.MAX_VALUE), c -> {
            byte[] head = (c.method + "\n" + c.url + "\n" + c.timestamp + "\n" + c.nonce + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] body = c.body;
            byte[] expected = new byte[head.length + body.length + 1];
            System.arraycopy(head, 0, expected, 0, head.length);
            System.arraycopy(body, 0, expected, head.length, body.length);
            expected[expected.length - 1] = '\n';

            assertThat(RequestSigner.message(c.method, c.url, c.timestamp, c.nonce, body)).isEqualTo(expected);
        });
    }
}
