package dev.wxpay.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts an AES-256-GCM stream (ciphertext then the 16-byte tag, no associated data) as it is read, with flat
 * memory: the JDK's GCM cipher holds the whole ciphertext until {@code doFinal} before releasing any plaintext,
 * which a bill of hundreds of megabytes cannot afford. Counter mode comes from the JDK ({@code AES/CTR}, which
 * agrees with GCM's 32-bit counter up to 2^32 blocks, 64 GiB, beyond WeChat Pay's ~16 GB split); GHASH is computed
 * here. Plaintext is released before the tag is checked: the tag is checked at the end of the stream, and a
 * mismatch fails that last read with {@link TagMismatch}, so whoever consumed the plaintext must discard it. Only
 * for 12-byte nonces (WeChat Pay's). Not thread-safe.
 */
final class GcmDecryptingInputStream extends FilterInputStream {
    private static final int TAG = 16;
    private static final int CHUNK = 16384;

    /** The stream's tag does not match: the ciphertext, tag, nonce or key is wrong. */
    static final class TagMismatch extends IOException {
        private static final long serialVersionUID = 1L;

        TagMismatch(String message) {
            super(message);
        }
    }

    private final Cipher ctr;
    private final byte[] tagMask;
    private final long hHigh;
    private final long hLow;
    private long xHigh;
    private long xLow;
    private final byte[] partial = new byte[16];
    private int partialLength;
    private long cipherBytes;
    /** The last up to 16 bytes read, which may be the tag. */
    private final byte[] held = new byte[TAG];
    private int heldLength;
    private boolean done;
    private final byte[] buffer = new byte[CHUNK + TAG];

    GcmDecryptingInputStream(InputStream in, byte[] key, byte[] nonce) throws GeneralSecurityException {
        super(in);
        if (nonce.length != 12) {
            throw new GeneralSecurityException("the nonce must be 12 bytes, got " + nonce.length);
        }
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, aes);
        byte[] h = ecb.doFinal(new byte[16]);
        hHigh = readLong(h, 0);
        hLow = readLong(h, 8);
        byte[] j0 = new byte[16];
        System.arraycopy(nonce, 0, j0, 0, 12);
        j0[15] = 1;
        tagMask = ecb.doFinal(j0);
        byte[] counter = j0.clone();
        counter[15] = 2;
        ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(counter));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (done) {
                return -1;
            }
            int want = Math.min(len, CHUNK);
            System.arraycopy(held, 0, buffer, 0, heldLength);
            int n = in.read(buffer, heldLength, want);
            if (n < 0) {
                finish();
                return -1;
            }
            int total = heldLength + n;
            // Never more than `want`: at most TAG bytes were held, and TAG bytes are always held back.
            int release = Math.max(0, total - TAG);
            heldLength = total - release;
            System.arraycopy(buffer, release, held, 0, heldLength);
            if (release == 0) {
                continue;
            }
            absorb(buffer, 0, release);
            int produced;
            try {
                produced = ctr.update(buffer, 0, release, b, off);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("counter mode produced more than it was given", e);
            }
            if (produced > 0) {
                return produced;
            }
        }
    }

    private void finish() throws IOException {
        done = true;
        if (heldLength < TAG) {
            throw new TagMismatch("the encrypted stream ended before its 16-byte tag");
        }
        if (partialLength > 0) {
            java.util.Arrays.fill(partial, partialLength, 16, (byte) 0);
            ghashBlock(partial, 0);
            partialLength = 0;
        }
        long bits = cipherBytes * 8;
        // The length block: len(AAD) = 0 bits (no associated data) in the high half, len(C) in bits in the low.
        xLow ^= bits;
        multiplyH();
        byte[] computed = new byte[16];
        writeLong(computed, 0, xHigh);
        writeLong(computed, 8, xLow);
        for (int i = 0; i < 16; i++) {
            computed[i] ^= tagMask[i];
        }
        if (!MessageDigest.isEqual(computed, held)) {
            throw new TagMismatch("the AES-256-GCM tag does not match: the file was altered, or the key or nonce"
                    + " is not the one it was encrypted with");
        }
    }

    /** Feeds ciphertext bytes to GHASH in whole 16-byte blocks, keeping a partial block for later. */
    private void absorb(byte[] data, int offset, int length) {
        cipherBytes += length;
        int end = offset + length;
        if (partialLength > 0) {
            int n = Math.min(16 - partialLength, length);
            System.arraycopy(data, offset, partial, partialLength, n);
            partialLength += n;
            offset += n;
            if (partialLength < 16) {
                return;
            }
            ghashBlock(partial, 0);
            partialLength = 0;
        }
        while (end - offset >= 16) {
            ghashBlock(data, offset);
            offset += 16;
        }
        partialLength = end - offset;
        System.arraycopy(data, offset, partial, 0, partialLength);
    }

    private void ghashBlock(byte[] data, int offset) {
        xHigh ^= readLong(data, offset);
        xLow ^= readLong(data, offset + 8);
        multiplyH();
    }

    /** X = X * H in GF(2^128) with GCM's bit order (NIST SP 800-38D, algorithm 1). */
    private void multiplyH() {
        long zHigh = 0;
        long zLow = 0;
        long vHigh = hHigh;
        long vLow = hLow;
        long x = xHigh;
        for (int i = 0; i < 128; i++) {
            if (i == 64) {
                x = xLow;
            }
            if (x < 0) {
                zHigh ^= vHigh;
                zLow ^= vLow;
            }
            x <<= 1;
            boolean carry = (vLow & 1) != 0;
            vLow = (vLow >>> 1) | (vHigh << 63);
            vHigh >>>= 1;
            if (carry) {
                vHigh ^= 0xE100000000000000L;
            }
        }
        xHigh = zHigh;
        xLow = zLow;
    }

    private static long readLong(byte[] b, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (b[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] b, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            b[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
