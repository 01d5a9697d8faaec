package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The hand-written stream crypto of bill downloads: SM3 and streaming AES-256-GCM")
class StreamingCryptoTest {

    @Test
    @DisplayName("SM3 gives the standard's (GB/T 32905-2016 appendix A) answers for 'abc' and for 'abcd' x 16")
    void sm3StandardVectors() {
        assertThat(DownloadsTest.hex(new Sm3().digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(DownloadsTest.hex(new Sm3().digest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    @DisplayName("SM3 gives the same digest whether fed at once, byte by byte, or in odd pieces")
    void sm3Pieces() {
        byte[] data = new byte[1000];
        new Random(7).nextBytes(data);
        byte[] whole = new Sm3().digest(data);
        Sm3 bytes = new Sm3();
        for (byte b : data) {
            bytes.update(b);
        }
        Sm3 pieces = new Sm3();
        for (int at = 0, step = 1; at < data.length; at += step, step = step * 3 % 97 + 1) {
            pieces.update(data, at, Math.min(step, data.length - at));
        }
        assertThat(bytes.digest()).isEqualTo(whole);
        assertThat(pieces.digest()).isEqualTo(whole);
    }

    @Test
    @DisplayName("one SM3 object gives the same digest twice in a row (digest resets it), and says it is 32 bytes long")
    void sm3Reuse() {
        Sm3 sm3 = new Sm3();
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] first = sm3.digest(abc);
        assertThat(sm3.digest(abc)).isEqualTo(first);
        assertThat(sm3.getDigestLength()).isEqualTo(32);
    }

    @Test
    @DisplayName("streaming GCM reads byte by byte too, answers -1 again after the end, and 0 for an empty read")
    void gcmSingleBytes() throws Exception {
        byte[] key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = new byte[37];
        new Random(5).nextBytes(plain);
        GcmDecryptingInputStream in = new GcmDecryptingInputStream(new ByteArrayInputStream(
                DownloadsTest.encrypt(key, "uluk4a9R25RW", plain)), key,
                "uluk4a9R25RW".getBytes(StandardCharsets.US_ASCII));
        assertThat(in.read(new byte[4], 0, 0)).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @Test
    @DisplayName("streaming GCM decrypts what the JDK's AES/GCM encrypted, for every length from 0 to 100 and any read size")
    void gcmMatchesJdk() throws Exception {
        byte[] key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(11);
        for (int length = 0; length <= 100; length++) {
            byte[] plain = new byte[length];
            random.nextBytes(plain);
            byte[] sealed = DownloadsTest.encrypt(key, "uluk4a9R25RW", plain);
            int readSize = 1 + random.nextInt(40);
            assertThat(readAll(new GcmDecryptingInputStream(new ByteArrayInputStream(sealed), key,
                    "uluk4a9R25RW".getBytes(StandardCharsets.US_ASCII)), readSize)).isEqualTo(plain);
        }
    }

    @Test
    @DisplayName("streaming GCM fails the last read with TagMismatch for any single flipped bit, and for a short stream")
    void gcmRefusesAlteration() throws Exception {
        byte[] key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = DownloadsTest.encrypt(key, "uluk4a9R25RW", "message of forty bytes, or near it".getBytes(
                StandardCharsets.US_ASCII));
        for (int i = 0; i < sealed.length * 8; i += 5) {
            byte[] altered = sealed.clone();
            altered[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> readAll(new GcmDecryptingInputStream(new ByteArrayInputStream(altered), key,
                    "uluk4a9R25RW".getBytes(StandardCharsets.US_ASCII)), 7))
                    .isInstanceOf(GcmDecryptingInputStream.TagMismatch.class);
        }
        assertThatThrownBy(() -> readAll(new GcmDecryptingInputStream(new ByteArrayInputStream(new byte[10]), key,
                "uluk4a9R25RW".getBytes(StandardCharsets.US_ASCII)), 7))
                .isInstanceOf(GcmDecryptingInputStream.TagMismatch.class).hasMessageContaining("ended before");
    }

    private static byte[] readAll(InputStream in, int readSize) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[readSize];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            // A read into a non-empty buffer blocks for at least one byte or ends with -1: 0 would make a caller spin.
            assertThat(n).as("bytes read into a buffer of %d", readSize).isPositive();
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
