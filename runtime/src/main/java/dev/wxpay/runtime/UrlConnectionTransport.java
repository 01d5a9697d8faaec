package dev.wxpay.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * An optional {@link Transport} on the JDK's {@link HttpURLConnection}, no dependency beyond the JDK: each exchange
 * runs wholly on the calling thread (no selector thread, no hand-off between threads). Set it with
 * {@code WechatPayClient.builder().transport(UrlConnectionTransport.create())}; the default stays
 * {@link JdkHttpTransport} (the runtime README gives the measurements and the reasons).
 *
 * <p>What it guarantees, against the traps of {@code HttpURLConnection}:
 * <ul>
 *   <li>Every request with a method that may carry a body (POST, PUT, DELETE...) is sent in fixed-length streaming
 *       mode, which stops {@code HttpURLConnection} from silently sending it a second time when a reused connection
 *       fails ({@code sun.net.http.retryPost}): a payment is never resent by the transport.</li>
 *   <li>Redirects are never followed, per connection, whatever the JVM-wide default says.</li>
 *   <li>The whole exchange is bounded by the timeout: its read timeout bounds each read only, so until the headers
 *       are in, a deadline timer closes the connection when the timeout passes (an interrupt would not unblock a
 *       socket read; the JDK is told not to retry then); after them, the body loop stops at its first read past
 *       the deadline, which a stalled server makes at most one read timeout (the call's timeout) late. A socket
 *       still connecting cannot be closed from outside: the connect timeout (at most the call's) bounds it.</li>
 *   <li>A body longer than the cap, or a {@code Content-Length} announcing one, is refused while it streams, and its
 *       connection is disconnected, so a hostile gigabyte costs at most the cap in memory.</li>
 *   <li>HTTPS uses the {@link SSLContext} given here, set on each connection (never the JVM-wide default factory),
 *       and the standard host name check, which a permissive JVM-wide {@code HostnameVerifier} cannot loosen.</li>
 *   <li>The body of a 4xx or 5xx answer is read from the error stream.</li>
 * </ul>
 *
 * <p>What {@code HttpURLConnection} does not allow, documented and tested:
 * <ul>
 *   <li>{@code PATCH} cannot be sent: it is refused before anything is sent, with a {@link WechatPayException} naming
 *       the method (use {@link JdkHttpTransport} for an API that needs it).</li>
 *   <li>In streaming mode a 401 answer's body is dropped by the JDK: a POST refused with 401 comes back with its
 *       status and no body (no {@code SIGN_ERROR} code in the exception).</li>
 *   <li>A GET (which has no body, so no streaming mode) whose answer fails before its headers is sent once more, on
 *       a new connection, by the JDK.</li>
 *   <li>A timed-out or failed body of at most 512 KiB ({@code http.KeepAlive.remainingData}) is handed to the JDK's
 *       {@code Keep-Alive-SocketCleaner} thread, which drains it to keep the connection: the call ends on time, the
 *       connection lives on until the server stops sending.</li>
 *   <li>Kept-alive connections sit in a JVM-wide cache of {@code http.maxConnections} (default 5) idle connections
 *       per destination: with more concurrent callers than that, the extra connections are closed after their call,
 *       and later calls open (over TLS: handshake) new ones.</li>
 *   <li>An interrupt is honoured when the call starts, not while it waits.</li>
 *   <li>HTTP/1.1 only; the JDK adds {@code User-Agent} and {@code Accept} when a request has none (the runtime's
 *       requests have both).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class UrlConnectionTransport implements Transport {
    /** Methods {@code HttpURLConnection} accepts; any other is refused before anything is sent. */
    private static final Set<String> METHODS = Set.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    private static final int UNKNOWN_LENGTH_BUFFER = 8192;
    /** The largest body one array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int connectTimeoutMillis;
    private final SSLSocketFactory sslSocketFactory;
    private final CallDeadlines deadlines;

    private UrlConnectionTransport(Duration connectTimeout, SSLSocketFactory sslSocketFactory,
            CallDeadlines deadlines) {
        this.connectTimeoutMillis = millis(connectTimeout);
        this.sslSocketFactory = sslSocketFactory;
        this.deadlines = deadlines;
    }

    /** A transport with a 10 s connect timeout and the JVM's default TLS context. */
    public static UrlConnectionTransport create() {
        return create(Duration.ofSeconds(10));
    }

    /**
     * A transport with the JVM's default TLS context.
     *
     * @param connectTimeout time allowed to open a connection
     */
    public static UrlConnectionTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        try {
            return create(connectTimeout, SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /**
     * A transport with your TLS settings (a trust store of your own, client certificates).
     *
     * @param connectTimeout time allowed to open a connection
     * @param sslContext     the TLS context for https connections
     */
    public static UrlConnectionTransport create(Duration connectTimeout, SSLContext sslContext) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sslContext, "sslContext");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        return new UrlConnectionTransport(connectTimeout, sslContext.getSocketFactory(),
                new CallDeadlines("wxpay-urlconnection-deadlines"));
    }

    @Override
    public WireResponse send(WireRequest request, Duration timeout) {
        return send(request, timeout, Long.MAX_VALUE);
    }

    @Override
    public WireResponse send(WireRequest request, Duration timeout, long maxBodyBytes) {
        return exchange(request, timeout, call -> {
            int status = call.awaitHeaders();
            return new WireResponse(status, headers(call.connection), readBody(call, status, maxBodyBytes), true);
        });
    }

    /**
     * Returns once the headers are in (within {@code timeout}); each read of the body then waits at most
     * {@code timeout} ({@link SocketTimeoutException}, the connection's own read timeout), and closing the body
     * closes the connection unless it was read to the end.
     */
    @Override
    public StreamedResponse stream(WireRequest request, Duration timeout) {
        return exchange(request, timeout, call -> {
            int status = call.awaitHeaders();
            InputStream body = body(call.connection, status);
            return StreamedResponse.of(status, call.connection.getHeaderFields(), new DisconnectingInputStream(
                    body == null ? InputStream.nullInputStream() : body, call.connection));
        });
    }

    /** The part of an exchange that runs under its deadline. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Call call) throws IOException;
    }

    /** Runs the work under the call's deadline; on any failure the connection is disconnected, never reused. */
    private <T> T exchange(WireRequest request, Duration timeout, Work<T> work) {
        Call call = start(request, timeout);
        T result = null;
        Exception failure = null;
        try {
            result = work.run(call);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        boolean timedOut = call.deadline.finish();
        if (failure == null) {
            // Complete, even if the deadline passed at the same moment.
            return result;
        }
        // Refused or failed halfway: the connection must not go back to the JVM's keep-alive cache.
        call.connection.disconnect();
        throw failure(request, timeout, timedOut, call.deadline.abandoned(), failure);
    }

    /** Opens the connection and starts its deadline; nothing is sent yet. */
    private Call start(WireRequest request, Duration timeout) {
        if (Thread.currentThread().isInterrupted()) {
            // HttpURLConnection ignores interrupts: honour one that is already there, as the JDK client does.
            throw new TransportException(JdkHttpTransport.what(request) + " was interrupted", null, false);
        }
        HttpURLConnection connection = open(request, timeout);
        Call call = new Call(request, connection);
        call.deadline = deadlines.start(timeout, call::deadlinePassed);
        return call;
    }

    private HttpURLConnection open(WireRequest request, Duration timeout) {
        if (!METHODS.contains(request.method())) {
            throw new WechatPayException(JdkHttpTransport.what(request) + ": HttpURLConnection cannot send the method "
                    + request.method() + "; use JdkHttpTransport for this API");
        }
        String uri = request.uri().toString();
        if (!request.uri().toASCIIString().equals(uri)) {
            throw new WechatPayException(JdkHttpTransport.what(request) + ": the URI has characters outside ASCII"
                    + " that were not percent-encoded, so the path sent would differ from the signed one;"
                    + " percent-encode the URI as RFC 3986 requires (ApiRequest does)");
        }
        HttpURLConnection connection;
        try {
            URL url = request.uri().toURL();
            connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod(request.method());
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new TransportException(JdkHttpTransport.what(request) + " could not be opened: " + e, e, false);
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        int timeoutMillis = millis(timeout);
        connection.setConnectTimeout(Math.min(connectTimeoutMillis, timeoutMillis));
        connection.setReadTimeout(timeoutMillis);
        if (connection instanceof HttpsURLConnection) {
            HttpsURLConnection https = (HttpsURLConnection) connection;
            https.setSSLSocketFactory(sslSocketFactory);
            // Only consulted when the standard host name check has failed: refusing keeps that check decisive
            // even if someone installed a permissive JVM-wide verifier.
            https.setHostnameVerifier((host, session) -> false);
        }
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                connection.addRequestProperty(header.getKey(), value);
            }
        }
        return connection;
    }

    /**
     * The answer's headers, read one by one into the runtime's case-insensitive map: {@code getHeaderFields()} would
     * build a map of its own first, only to be copied.
     */
    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; ; i++) {
            String value = connection.getHeaderField(i);
            if (value == null) {
                break;
            }
            String name = connection.getHeaderFieldKey(i);
            if (name == null) {
                continue; // the status line
            }
            List<String> values = headers.get(name);
            if (values == null) {
                headers.put(name, List.of(value));
            } else {
                List<String> more = new ArrayList<>(values);
                more.add(value);
                headers.put(name, List.copyOf(more));
            }
        }
        return Collections.unmodifiableMap(headers);
    }

    /** The answer body, read to the end within the cap (null when there is none). */
    private static byte[] readBody(Call call, int status, long maxBodyBytes) throws IOException {
        HttpURLConnection connection = call.connection;
        long declared = connection.getContentLengthLong();
        if (declared > maxBodyBytes || declared > MAX_ARRAY) {
            throw MalformedResponseException.bodyTooLarge(call.request, status,
                    connection.getHeaderField("Request-ID"), Math.min(maxBodyBytes, MAX_ARRAY));
        }
        InputStream in = body(connection, status);
        if (in == null) {
            return null;
        }
        byte[] body = status == 204 || status == 304 || call.request.method().equals("HEAD") ? null
                : read(in, declared, maxBodyBytes, call, status);
        // Closed only once read to the end, which returns the connection to the keep-alive cache.
        in.close();
        return body;
    }

    /** Sends the body, if any, with a fixed length: streaming mode is what turns off the silent POST retry. */
    private static void writeBody(WireRequest request, HttpURLConnection connection) throws IOException {
        byte[] body = request.rawBody();
        String method = request.method();
        if (body == null && (method.equals("GET") || method.equals("HEAD"))) {
            return;
        }
        int length = body == null ? 0 : body.length;
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(length);
        try (OutputStream out = connection.getOutputStream()) {
            if (length > 0) {
                out.write(body);
            }
        }
    }

    /** The body stream: the error stream for 4xx and 5xx (null when there is no body). */
    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        return status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    }

    private static byte[] read(InputStream in, long declared, long cap, Call call, int status) throws IOException {
        if (declared >= 0) {
            // One array of the announced length, no growing copies.
            byte[] body = new byte[(int) declared];
            int size = 0;
            while (size < body.length) {
                int n = call.read(in, body, size, body.length - size);
                if (n < 0) {
                    throw new IOException("the answer body ended after " + size + " of the " + declared
                            + " bytes its Content-Length announced");
                }
                size += n;
            }
            return body;
        }
        byte[] body = new byte[(int) Math.min(UNKNOWN_LENGTH_BUFFER, cap)];
        int size = 0;
        while (true) {
            if (size == body.length) {
                if (size >= cap || size >= MAX_ARRAY) {
                    if (call.read(in, new byte[1], 0, 1) < 0) {
                        return body;
                    }
                    throw MalformedResponseException.bodyTooLarge(call.request, status,
                            call.connection.getHeaderField("Request-ID"), Math.min(cap, MAX_ARRAY));
                }
                body = Arrays.copyOf(body, (int) Math.min(Math.min(cap, MAX_ARRAY), Math.max(2L * size, 1)));
            }
            int n = call.read(in, body, size, body.length - size);
            if (n < 0) {
                return size == body.length ? body : Arrays.copyOf(body, size);
            }
            size += n;
        }
    }

    private static RuntimeException failure(WireRequest request, Duration timeout, boolean timedOut,
            boolean abandoned, Exception e) {
        if (e instanceof WechatPayException && !timedOut) {
            return (WechatPayException) e; // the body cap, refused as it should be
        }
        if (abandoned) {
            return new TransportException(JdkHttpTransport.what(request) + " was abandoned: the deadline timer failed,"
                    + " so the call could not be bounded by its timeout", e, false);
        }
        if (timedOut || e instanceof SocketTimeoutException) {
            return new TransportException(JdkHttpTransport.what(request) + " timed out after " + timeout.toMillis()
                    + " ms", e, true);
        }
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        return new TransportException(JdkHttpTransport.what(request) + " failed: " + e, e, false);
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Ends the deadline timer thread; only for a transport the client created itself, when the client closes. */
    void close() {
        deadlines.close();
    }

    @Override
    public String toString() {
        return "UrlConnectionTransport{HTTP/1.1, connectTimeout=" + connectTimeoutMillis + " ms}";
    }

    /**
     * One exchange: its connection and deadline. The caller's thread does all the I/O; the timer thread only calls
     * {@link #deadlinePassed()}.
     */
    private static final class Call {
        private final WireRequest request;
        private final HttpURLConnection connection;
        private CallDeadlines.Watch deadline;
        private volatile boolean headersIn;

        Call(WireRequest request, HttpURLConnection connection) {
            this.request = request;
            this.connection = connection;
        }

        /** Sends the request and waits for the status line and headers. */
        int awaitHeaders() throws IOException {
            writeBody(request, connection);
            int status = connection.getResponseCode();
            headersIn = true;
            return status;
        }

        /**
         * On the timer thread. Before the headers, closing the connection ends the wait at once. After them the
         * body stream would be closed instead, which blocks until the caller's read returns and then leaves the JDK
         * to drain the rest on a thread of its own; so the caller's read loop stops at its next read instead, at
         * the latest one read timeout later, and disconnects itself.
         */
        void deadlinePassed() {
            if (!headersIn) {
                connection.disconnect();
            }
        }

        int read(InputStream in, byte[] into, int offset, int length) throws IOException {
            if (deadline.passed()) {
                throw new SocketTimeoutException("the call's deadline passed while its body was being read");
            }
            return in.read(into, offset, length);
        }
    }
}
