package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators and helpers shared by the runtime's property tests. */
final class PropertyInputs {
    private PropertyInputs() {
    }

    /**
     * Text of any Unicode plane (valid UTF-16: no unpaired surrogates), from empty to {@code maxCodePoints} long,
     * biased towards ASCII, CJK and supplementary-plane characters where encoding bugs live.
     */
    static Arbitrary<String> unicode(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)))
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        return codePoint.list().ofMaxSize(maxCodePoints).map(PropertyInputs::fromCodePoints);
    }

    private static String fromCodePoints(java.util.List<Integer> codePoints) {
        StringBuilder sb = new StringBuilder(codePoints.size() * 2);
        codePoints.forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Bodies: empty, UTF-8 text of any plane, or large (up to 1 MiB) repeated text. */
    static Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> text = unicode(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> large = Combinators.combine(unicode(20).filter(s -> !s.isEmpty()),
                Arbitraries.integers().between(1_000, 1 << 20))
                .as((unit, size) -> {
                    byte[] one = unit.getBytes(StandardCharsets.UTF_8);
                    byte[] body = new byte[size];
                    for (int i = 0; i < size; i++) {
                        body[i] = one[i % one.length];
                    }
                    return body;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(6, text), net.jqwik.api.Tuple.of(1, large));
    }

    /** A copy of {@code bytes} with the byte at {@code position % length} replaced by a different value. */
    static byte[] changeOneByte(byte[] bytes, int position, int delta) {
        byte[] copy = bytes.clone();
        int i = Math.floorMod(position, copy.length);
        copy[i] = (byte) (copy[i] ^ (1 + Math.floorMod(delta, 255)));
        return copy;
    }

    /** Whether the JDK's own SHA256withRSA accepts {@code base64Signature} over {@code message}. */
    static boolean jdkVerifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }
}
