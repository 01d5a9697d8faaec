package dev.wxpay.runtime;

import java.security.SecureRandom;

/**
 * Supplies the {@code nonce_str} of each signed request: 32 characters of {@code [0-9A-Za-z]}. The client takes one
 * so tests can inject fixed nonces; the default comes from {@link #secureRandom()}.
 *
 * <p>Implementations must be thread-safe: one client calls it from many threads.
 */
@FunctionalInterface
public interface NonceSource {

    /** Returns a fresh nonce of 32 characters from {@code [0-9A-Za-z]}. */
    String nextNonce();

    /**
     * A nonce source backed by a new {@link SecureRandom}. Each nonce reads 32 random bytes in one call (per-character
     * calls contend badly on a shared SecureRandom) and maps each byte to {@code [0-9A-Za-z]}; the slight bias of
     * {@code byte % 62} keeps ~5.9 bits of entropy per character, about 189 bits per nonce. Thread-safe.
     */
    static NonceSource secureRandom() {
        return new SecureRandomNonceSource(new SecureRandom());
    }

    /** A nonce source backed by the given random generator (which must be thread-safe, as SecureRandom is). */
    static NonceSource secureRandom(SecureRandom random) {
        return new SecureRandomNonceSource(random);
    }
}

/** Default {@link NonceSource}: one {@code nextBytes} call per nonce. Thread-safe. */
final class SecureRandomNonceSource implements NonceSource {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    static final int LENGTH = 32;

    private final SecureRandom random;

    SecureRandomNonceSource(SecureRandom random) {
        this.random = java.util.Objects.requireNonNull(random, "random");
    }

    @Override
    public String nextNonce() {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET[(bytes[i] & 0xFF) % ALPHABET.length];
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "NonceSource.secureRandom(" + random.getAlgorithm() + ")";
    }
}
