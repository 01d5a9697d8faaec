package dev.wxpay.runtime;

import java.security.MessageDigest;

/**
 * SM3 (GB/T 32905-2016), the hash WeChat Pay may name for a bill instead of SHA-1. Written here because the JDK has
 * no SM3 and the runtime depends on the JDK and Jackson only; checked against the standard's test vectors. Not
 * thread-safe (one per digest, like any {@link MessageDigest}).
 */
final class Sm3 extends MessageDigest {
    private static final int[] IV = {0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa,
        0xe38dee4d, 0xb0fb0e4e};

    private final int[] v = new int[8];
    private final byte[] block = new byte[64];
    private final int[] w = new int[68];
    private int blockLength;
    private long totalBytes;

    Sm3() {
        super("SM3");
        engineReset();
    }

    @Override
    protected void engineReset() {
        System.arraycopy(IV, 0, v, 0, 8);
        blockLength = 0;
        totalBytes = 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        block[blockLength++] = input;
        totalBytes++;
        if (blockLength == 64) {
            compress(block, 0);
            blockLength = 0;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        totalBytes += len;
        int end = offset + len;
        if (blockLength > 0) {
            int n = Math.min(64 - blockLength, len);
            System.arraycopy(input, offset, block, blockLength, n);
            blockLength += n;
            offset += n;
            if (blockLength < 64) {
                return;
            }
            compress(block, 0);
            blockLength = 0;
        }
        while (end - offset >= 64) {
            compress(input, offset);
            offset += 64;
        }
        System.arraycopy(input, offset, block, 0, end - offset);
        blockLength = end - offset;
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected byte[] engineDigest() {
        long bits = totalBytes * 8;
        engineUpdate((byte) 0x80);
        while (blockLength != 56) {
            engineUpdate((byte) 0);
        }
        for (int i = 7; i >= 0; i--) {
            engineUpdate((byte) (bits >>> (8 * i)));
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (v[i] >>> 24);
            out[4 * i + 1] = (byte) (v[i] >>> 16);
            out[4 * i + 2] = (byte) (v[i] >>> 8);
            out[4 * i + 3] = (byte) v[i];
        }
        engineReset();
        return out;
    }

    private void compress(byte[] in, int offset) {
        for (int j = 0; j < 16; j++) {
            int p = offset + 4 * j;
            w[j] = (in[p] & 0xff) << 24 | (in[p + 1] & 0xff) << 16 | (in[p + 2] & 0xff) << 8 | (in[p + 3] & 0xff);
        }
        for (int j = 16; j < 68; j++) {
            int x = w[j - 16] ^ w[j - 9] ^ Integer.rotateLeft(w[j - 3], 15);
            w[j] = p1(x) ^ Integer.rotateLeft(w[j - 13], 7) ^ w[j - 6];
        }
        int a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
        for (int j = 0; j < 64; j++) {
            int t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
            int a12 = Integer.rotateLeft(a, 12);
            int ss1 = Integer.rotateLeft(a12 + e + Integer.rotateLeft(t, j % 32), 7);
            int ss2 = ss1 ^ a12;
            int ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
            int gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
            int tt1 = ff + d + ss2 + (w[j] ^ w[j + 4]);
            int tt2 = gg + h + ss1 + w[j];
            d = c;
            c = Integer.rotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = Integer.rotateLeft(f, 19);
            f = e;
            e = p0(tt2);
        }
        v[0] ^= a;
        v[1] ^= b;
        v[2] ^= c;
        v[3] ^= d;
        v[4] ^= e;
        v[5] ^= f;
        v[6] ^= g;
        v[7] ^= h;
    }

    private static int p0(int x) {
        return x ^ Integer.rotateLeft(x, 9) ^ Integer.rotateLeft(x, 17);
    }

    private static int p1(int x) {
        return x ^ Integer.rotateLeft(x, 15) ^ Integer.rotateLeft(x, 23);
    }
}
