package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NonceSource")
class NonceSourceTest {

    @Test
    @DisplayName("gives 32 characters of [0-9A-Za-z], different each time")
    void givesDistinctAlphanumericNonces() {
        NonceSource nonces = NonceSource.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String nonce = nonces.nextNonce();
            assertThat(nonce).matches("[0-9A-Za-z]{32}");
            seen.add(nonce);
        }
        assertThat(seen).hasSize(2000);
    }

    @Test
    @DisplayName("reads the SecureRandom once per nonce, 32 bytes at a time")
    void readsRandomOncePerNonce() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger bytes = new AtomicInteger();
        SecureRandom counting = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized void nextBytes(byte[] out) {
                calls.incrementAndGet();
                bytes.addAndGet(out.length);
                super.nextBytes(out);
            }
        };
        NonceSource nonces = NonceSource.secureRandom(counting);
        for (int i = 0; i < 10; i++) {
            nonces.nextNonce();
        }
        assertThat(calls).hasValue(10);
        assertThat(bytes).hasValue(320);
    }

    @Test
    @DisplayName("uses every character of the alphabet")
    void coversTheAlphabet() {
        NonceSource nonces = NonceSource.secureRandom();
        Set<Character> chars = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            for (char c : nonces.nextNonce().toCharArray()) {
                chars.add(c);
            }
        }
        assertThat(chars).hasSize(62);
    }
}
