package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.DigestOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution with {@code -Xmx64m} (see the runtime pom): a 256 MiB bill can only pass
 * through if the download streams with flat memory.
 */
@DisplayName("A 256 MiB bill through downloadBill in a 64 MiB heap")
class BigBillXmx64Test {
    static final long SIZE = 256L * 1024 * 1024;

    /** Writes a deterministic trade-bill-like CSV of exactly {@code size} bytes, with one byte flipped if asked. */
    static void writeBill(OutputStream out, long size, long flipAt) throws IOException {
        byte[] chunk = new byte[65536];
        long written = 0;
        long row = 0;
        int filled = 0;
        while (written < size) {
            byte[] line = ("`2026-11-30 10:00:00,`wx8888888888888888,`1900000109,`42000000" + (row++)
                    + ",`SUCCESS,`0.01\r\n").getBytes(StandardCharsets.US_ASCII);
            for (byte b : line) {
                if (written + filled == size) {
                    break;
                }
                chunk[filled] = written + filled == flipAt ? (byte) (b ^ 1) : b;
                if (++filled == chunk.length) {
                    out.write(chunk);
                    written += filled;
                    filled = 0;
                }
            }
            if (written + filled == size) {
                out.write(chunk, 0, filled);
                written += filled;
            }
        }
    }

    @Test
    @DisplayName("streams it with the hash checked, and refuses the same bill with one byte flipped")
    void bigBill() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test must run with -Xmx64m")
                .isLessThanOrEqualTo(64L * 1024 * 1024);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        try (OutputStream hashing = new DigestOutputStream(OutputStream.nullOutputStream(), sha1)) {
            writeBill(hashing, SIZE, -1);
        }
        String hash = DownloadsTest.hex(sha1.digest());
        try (DownloadServer server = new DownloadServer()) {
            WechatPayClient client = DownloadsTest.client(null);
            String url = server.serve("big", out -> writeBill(out, SIZE, -1));
            String flipped = server.serve("flipped", out -> writeBill(out, SIZE, SIZE / 2 + 12345));

            Download download = client.downloadBill(url, "SHA1", hash, OutputStream.nullOutputStream());
            assertThat(download.bytesWritten()).isEqualTo(SIZE);

            assertThatThrownBy(() -> client.downloadBill(flipped, "SHA1", hash, OutputStream.nullOutputStream()))
                    .isInstanceOf(VerificationException.class).hasMessageContaining("discard the " + SIZE + " bytes");
        }
    }
}
