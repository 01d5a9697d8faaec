package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Downloads.Source: every read of the network body, by byte or by block, marks its failures as the network's")
class DownloadsSourceTest {

    @Test
    @DisplayName("single-byte reads give the bytes, unsigned, then -1")
    void singleBytes() throws IOException {
        InputStream source = new Downloads.Source(new ByteArrayInputStream(new byte[] {7, (byte) 0xff}));
        assertThat(source.read()).isEqualTo(7);
        assertThat(source.read()).isEqualTo(0xff);
        assertThat(source.read()).isEqualTo(-1);
    }

    @Test
    @DisplayName("a failing single-byte or block read becomes a TransportFailure keeping the cause")
    void failuresAreMarked() {
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw timeout;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw timeout;
            }
        };
        InputStream source = new Downloads.Source(failing);
        assertThatThrownBy(source::read).isInstanceOf(Downloads.TransportFailure.class).hasCause(timeout)
                .hasMessage("read timed out");
        assertThatThrownBy(() -> source.read(new byte[4], 0, 4)).isInstanceOf(Downloads.TransportFailure.class)
                .hasCause(timeout);
    }
}
