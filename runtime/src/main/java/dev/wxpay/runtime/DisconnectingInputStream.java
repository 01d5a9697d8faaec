package dev.wxpay.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * The streamed body of {@link UrlConnectionTransport}: closed before its end, it disconnects its connection, which
 * the JDK then closes (or, for a {@code Content-Length} body of at most 512 KiB, drains on a thread of its own before
 * reusing it) instead of handing the half-read connection to the next call. Not thread-safe (one reader, like any
 * stream).
 */
final class DisconnectingInputStream extends FilterInputStream {
    private final HttpURLConnection connection;
    private boolean ended;

    DisconnectingInputStream(InputStream in, HttpURLConnection connection) {
        super(in);
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            connection.disconnect();
        }
        super.close();
    }
}
