package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Sign → verify round trips over generated methods, URLs, bodies, timestamps and nonces, and the refusal of any
 * single changed byte. RSA keys come from {@link TestKeys} (generated once per test JVM); tries are kept modest
 * because every try signs with RSA-2048.
 */
@Label("Signing and verification properties")
class SigningPropertiesTest {
    private static final RequestSigner SIGNER = RequestSigner.create(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL,
            TestKeys.MERCHANT.getPrivate(), null);
    private static final String HEX_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final ResponseVerifier VERIFIER = ResponseVerifier.create(Map.of(
            TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic(),
            HEX_SERIAL, TestKeys.WECHATPAY_B.getPublic()), null);

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> pathsAndQueries() {
        Arbitrary<String> path = PropertyInputs.unicode(30).list().ofMinSize(1).ofMaxSize(5)
                .map(segments -> "/" + String.join("/", segments.stream().map(ApiRequest::encode)
                        .toArray(String[]::new)));
        Arbitrary<String> query = PropertyInputs.unicode(30).list().ofMaxSize(4).map(values -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : "&").append("k").append(i).append('=').append(ApiRequest.encode(values.get(i)));
            }
            return sb.toString();
        });
        return net.jqwik.api.Combinators.combine(path, query).as((p, q) -> q.isEmpty() ? p : p + "?" + q);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return PropertyInputs.bodies();
    }

    @Provide
    Arbitrary<String> nonces() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64);
    }

    @Property(tries = 60)
    @Label("a request signature verifies over METHOD, URL, timestamp, nonce and body, and the header carries them")
    void requestSignatureRoundTrips(@ForAll("methods") String method, @ForAll("pathsAndQueries") String url,
            @ForAll("bodies") byte[] body, @ForAll @LongRange(min = 0, max = 99_999_999_999L) long timestamp,
            @ForAll("nonces") String nonce) {
        String authorization = SIGNER.authorization(method, url, body, timestamp, nonce);
        Map<String, String> fields = LoopbackWechatPay.parseAuthorization(authorization);

        assertThat(fields).containsEntry("mchid", TestKeys.MERCHANT_ID).containsEntry("nonce_str", nonce)
                .containsEntry("timestamp", String.valueOf(timestamp))
                .containsEntry("serial_no", TestKeys.MERCHANT_SERIAL);
        byte[] message = RequestSigner.message(method, url, timestamp, nonce, body);
        assertThat(PropertyInputs.jdkVerifies(TestKeys.MERCHANT.getPublic(), message,
                PropertyInputs.base64(fields.get("signature")))).isTrue();
    }

    @Property(tries = 60)
    @Label("a request signature does not verify once any single byte of the message or the signature changes")
    void requestSignatureRefusesAnyChangedByte(@ForAll("methods") String method,
            @ForAll("pathsAndQueries") String url, @ForAll("bodies") byte[] body,
            @ForAll @LongRange(min = 0, max = 99_999_999_999L) long timestamp, @ForAll("nonces") String nonce,
            @ForAll int position, @ForAll @IntRange(min = 0, max = 254) int delta) {
        byte[] message = RequestSigner.message(method, url, timestamp, nonce, body);
        byte[] signature = PropertyInputs.base64(SIGNER.signature(method, url, body, timestamp, nonce));

        assertThat(PropertyInputs.jdkVerifies(TestKeys.MERCHANT.getPublic(),
                PropertyInputs.changeOneByte(message, position, delta), signature)).isFalse();
        assertThat(PropertyInputs.jdkVerifies(TestKeys.MERCHANT.getPublic(), message,
                PropertyInputs.changeOneByte(signature, position, delta))).isFalse();
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

    @Provide
    Arbitrary<String> serials() {
        return Arbitraries.of(TestKeys.WECHATPAY_KEY_ID, HEX_SERIAL);
    }

    @Property(tries = 60)
    @Label("a response signed by a trusted key verifies anywhere in the 300 s window, under any case of its serial")
    void responseSignatureRoundTrips(@ForAll("serials") String serial, @ForAll("bodies") byte[] body,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long timestamp,
            @ForAll("nonces") String nonce, @ForAll @IntRange(min = -300, max = 300) int skew,
            @ForAll boolean lowerCaseSerial) {
        Signed signed = new Signed(serial, timestamp, nonce, body);
        String sentSerial = lowerCaseSerial ? serial.toLowerCase(Locale.ROOT) : serial;

        signed.verify(sentSerial, signed.timestamp, nonce, signed.signature, body,
                Instant.ofEpochSecond(timestamp + skew));
    }

    @Property(tries = 100)
    @Label("a response is refused once any single byte of body, signature, timestamp, nonce or serial changes")
    void responseRefusesAnyChangedByte(@ForAll("serials") String serial, @ForAll("bodies") byte[] body,
            @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long timestamp,
            @ForAll("nonces") String nonce, @ForAll int position, @ForAll @IntRange(min = 0, max = 254) int delta,
            @ForAll @IntRange(min = 0, max = 4) int part) {
        Signed s = new Signed(serial, timestamp, nonce, body);
        Instant now = Instant.ofEpochSecond(timestamp);
        String changedSerial = changeOneCharacter(serial, position, delta, true);
        String changedTimestamp = changeOneCharacter(s.timestamp, position, delta, false);
        String changedNonce = changeOneCharacter(nonce, position, delta, false);
        byte[] changedBody = body.length == 0 ? new byte[] {(byte) delta}
                : PropertyInputs.changeOneByte(body, position, delta);

        Runnable call;
        switch (part) {
            case 0:
                call = () -> s.verify(serial, s.timestamp, nonce, s.signature, changedBody, now);
                break;
            case 1:
                call = () -> s.verify(serial, s.timestamp, nonce, PropertyInputs.changeOneByte(s.signature, position,
                        delta), body, now);
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

    @Property(tries = 30)
    @Label("the signed message is the UTF-8 of METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n")
    void requestMessageLayout(@ForAll("methods") String method, @ForAll("pathsAndQueries") String url,
            @ForAll("bodies") byte[] body, @ForAll @LongRange(min = 0) long timestamp,
            @ForAll("nonces") String nonce) {
        byte[] head = (method + "\n" + url + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(body, 0, expected, head.length, body.length);
        expected[expected.length - 1] = '\n';

        assertThat(RequestSigner.message(method, url, timestamp, nonce, body)).isEqualTo(expected);
    }
}
