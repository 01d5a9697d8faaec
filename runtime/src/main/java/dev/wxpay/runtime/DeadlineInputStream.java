package dev.wxpay.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A streamed body whose every read is bounded by the call's timeout: the JDK's body stream would otherwise wait
 * forever on a server that stops sending. A read that passes its deadline is interrupted and fails with a
 * {@link SocketTimeoutException}; the stream is closed then, which cancels the exchange. Not thread-safe (one reader).
 */
final class DeadlineInputStream extends FilterInputStream {
    private final CallDeadlines deadlines;
    private final Duration timeout;
    private final String what;

    DeadlineInputStream(InputStream in, CallDeadlines deadlines, Duration timeout, String what) {
        super(in);
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        CallDeadlines.Watch deadline = deadlines.start(timeout);
        int n = -1;
        IOException failure = null;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            failure = e;
        }
        boolean timedOut = deadline.finish();
        if (failure == null) {
            return n;
        }
        if (timedOut) {
            in.close();
            SocketTimeoutException timedOutRead = new SocketTimeoutException(what + ": no body bytes for "
                    + timeout.toMillis() + " ms" + (deadline.abandoned() ? " (the deadline timer failed)" : ""));
            timedOutRead.initCause(failure);
            throw timedOutRead;
        }
        throw failure;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
