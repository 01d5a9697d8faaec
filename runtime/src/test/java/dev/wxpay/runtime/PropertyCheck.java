package dev.wxpay.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Property tests as plain JUnit 5 tests, with generators for the runtime's inputs.
 *
 * <p>A property is one {@code @Test} that calls {@link #forAll(int, Function, Consumer)}: a generator draws one case
 * (a small class of final fields, which a failure prints field by field) from a {@link SplittableRandom}, and the
 * property checks it with AssertJ. The cases come from a seed that is fixed per test (derived from the test's class
 * and method names, so adding a test leaves the others' inputs alone) and printed before the run;
 * {@code -Dwxpay.properties.seed=<seed>} replaces it, which replays a failure. The first failing case ends the test
 * with an {@link AssertionError} that names the property, the seed, the case number and the input (long values
 * abbreviated), with the original failure as its cause. There is no shrinking: sizes stay small except where size
 * is the point (bodies up to 1 MiB), and every size is biased towards its edges (empty, one, the maximum). A loop
 * rather than a {@code @ParameterizedTest}: one report line per property instead of hundreds, and the seed and the
 * input in the one failure message.
 */
final class PropertyCheck {
    /** The system property that replaces every property's seed, to replay a failure. */
    static final String SEED_PROPERTY = "wxpay.properties.seed";

    private PropertyCheck() {
    }

    /** Checks {@code property} on {@code tries} cases drawn by {@code generator}; see the class comment. */
    static <T> void forAll(int tries, Function<SplittableRandom, T> generator, Consumer<T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).get();
        // Called from inside a lambda, the frame's method is "lambda$<test method>$<n>".
        String method = caller.getMethodName().replaceFirst("^lambda\\$(.*)\\$\\d+$", "$1");
        String name = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1) + "." + method;
        String override = System.getProperty(SEED_PROPERTY);
        long seed = override == null || override.isBlank() ? defaultSeed(name) : Long.parseLong(override.trim());
        System.out.printf("property %s: %d cases, seed %d (replay with -D%s=%d)%n", name, tries, seed,
                SEED_PROPERTY, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(random.split());
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(String.format("property %s failed on case %d of %d, seed %d (replay with "
                        + "-D%s=%d)%ninput: %s%nfailure: %s", name, i, tries, seed, SEED_PROPERTY, seed,
                        describe(input), e), e);
            }
        }
    }

    private static long defaultSeed(String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return h;
    }

    /**
     * A readable, bounded rendering of a generated value: test-declared case classes field by field, byte arrays in
     * hex, text escaped.
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            StringBuilder hex = new StringBuilder("byte[" + bytes.length + "] ");
            for (int i = 0; i < Math.min(bytes.length, 64); i++) {
                hex.append(String.format("%02x", bytes[i]));
            }
            return bytes.length > 64 ? hex + "…" : hex.toString();
        }
        if (value instanceof CharSequence) {
            String text = value.toString();
            StringBuilder sb = new StringBuilder("\"");
            text.codePoints().limit(200).forEach(cp -> {
                if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
                    sb.append((char) cp);
                } else {
                    sb.append(String.format(cp > 0xFFFF ? "\\u{%X}" : "\\u%04X", cp));
                }
            });
            sb.append('"');
            return text.codePointCount(0, text.length()) > 200 ? sb + "… (" + text.length() + " chars)"
                    : sb.toString();
        }
        if (value instanceof Map.Entry) {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) value;
            return describe(entry.getKey()) + ": " + describe(entry.getValue());
        }
        if (value instanceof Map) {
            return describe(((Map<?, ?>) value).entrySet());
        }
        if (value instanceof Collection) {
            Collection<?> items = (Collection<?>) value;
            return items.stream().limit(20).map(PropertyCheck::describe).collect(Collectors.toList())
                    + (items.size() > 20 ? "…" : "");
        }
        if (value.getClass().getName().startsWith(PropertyCheck.class.getPackageName() + ".")) {
            List<String> parts = new ArrayList<>();
            for (Field field : value.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    try {
                        field.setAccessible(true);
                        parts.add(field.getName() + "=" + describe(field.get(value)));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        parts.add(field.getName() + "=?");
                    }
                }
            }
            return value.getClass().getSimpleName() + parts;
        }
        String text = String.valueOf(value);
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    // ----- generators -----

    /** The index of one of {@code weights}, chosen in proportion to its weight. */
    static int choose(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** An int in [min, max], one time in five one of the two bounds. */
    static int between(SplittableRandom r, int min, int max) {
        return (int) between(r, (long) min, max);
    }

    /** A long in [min, max], one time in five one of the two bounds. */
    static long between(SplittableRandom r, long min, long max) {
        switch (r.nextInt(10)) {
            case 0:
                return min;
            case 1:
                return max;
            default:
                return max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
        }
    }

    /** Any int, often an edge (0, ±1, the extremes). */
    static int anyInt(SplittableRandom r) {
        return r.nextInt(4) == 0 ? pick(r, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : r.nextInt();
    }

    /** A size in [min, max]: often min, max or small, otherwise uniform. */
    static int size(SplittableRandom r, int min, int max) {
        switch (choose(r, 1, 1, 4, 4)) {
            case 0:
                return min;
            case 1:
                return max;
            case 2:
                return r.nextInt(min, Math.min(max, min + 8) + 1);
            default:
                return r.nextInt(min, max + 1);
        }
    }

    static <T> List<T> list(SplittableRandom r, int min, int max, Function<SplittableRandom, T> element) {
        int n = size(r, min, max);
        List<T> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(element.apply(r));
        }
        return items;
    }

    /** Printable ASCII, CJK, control characters, supplementary planes, anything (end exclusive). */
    private static final int[][] UNICODE_RANGES = {
        {0x20, 0x7F}, {0x4E00, 0xA000}, {0, 0x20}, {0x10000, 0x110000}, {0, 0x110000}};
    /** Printable ASCII, control characters, any char. */
    private static final int[][] CHAR_RANGES = {{0x20, 0x7F}, {0, 0x20}, {0, 0x10000}};

    /**
     * Text of any Unicode plane (valid UTF-16: no unpaired surrogates), from empty to {@code maxCodePoints} long,
     * biased towards ASCII, CJK and supplementary-plane characters where encoding bugs live.
     */
    static String unicode(SplittableRandom r, int maxCodePoints) {
        int n = size(r, 0, maxCodePoints);
        StringBuilder sb = new StringBuilder(n * 2);
        while (n > 0) {
            int[] range = UNICODE_RANGES[choose(r, 4, 2, 1, 2, 2)];
            int cp = r.nextInt(range[0], range[1]);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                sb.appendCodePoint(cp);
                n--;
            }
        }
        return sb.toString();
    }

    /**
     * Any UTF-16 text from {@code min} to {@code max} chars: printable ASCII, control characters and any char at
     * all, unpaired surrogates included.
     */
    static String anyString(SplittableRandom r, int min, int max) {
        int n = size(r, min, max);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            int[] range = CHAR_RANGES[choose(r, 5, 2, 3)];
            chars[i] = (char) r.nextInt(range[0], range[1]);
        }
        return new String(chars);
    }

    /** Text of {@code min} to {@code max} characters taken from {@code alphabet}. */
    static String stringOf(SplittableRandom r, String alphabet, int min, int max) {
        int n = size(r, min, max);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Any bytes, from empty to {@code max} long. */
    static byte[] bytes(SplittableRandom r, int max) {
        byte[] bytes = new byte[size(r, 0, max)];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Bodies: empty, UTF-8 text of any plane, or large (1,000 bytes to 1 MiB) repeated text. */
    static byte[] bodies(SplittableRandom r) {
        switch (choose(r, 1, 6, 1)) {
            case 0:
                return new byte[0];
            case 1:
                return unicode(r, 300).getBytes(StandardCharsets.UTF_8);
            default:
                String unit = "";
                while (unit.isEmpty()) {
                    unit = unicode(r, 20);
                }
                byte[] one = unit.getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[between(r, 1_000, 1 << 20)];
                for (int i = 0; i < body.length; i++) {
                    body[i] = one[i % one.length];
                }
                return body;
        }
    }

    // ----- helpers -----

    /** A copy of {@code bytes} with the byte at {@code position % length} replaced by a different value. */
    static byte[] changeOneByte(byte[] bytes, int position, int delta) {
        byte[] copy = bytes.clone();
        int i = Math.floorMod(position, copy.length);
        copy[i] = (byte) (copy[i] ^ (1 + Math.floorMod(delta, 255)));
        return copy;
    }

    /** Whether the JDK's own SHA256withRSA accepts {@code signature} over {@code message}. */
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
