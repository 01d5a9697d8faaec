package dev.wxpay.transport.okhttp;

import dev.wxpay.runtime.MalformedResponseException;
import dev.wxpay.runtime.StreamedResponse;
import dev.wxpay.runtime.Transport;
import dev.wxpay.runtime.TransportException;
import dev.wxpay.runtime.WechatPayException;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link Transport} on OkHttp, for {@code WechatPayClient.builder().transport(OkHttpTransport.create())}.
 *
 * <p>Why it exists: OkHttp runs the whole exchange on the calling thread, while the JDK {@code HttpClient} hands
 * every exchange to its selector thread and back; behind the ~1.5 ms of RSA signing a call does first, the
 * benchmarks measured the JDK client at several hundred µs more client CPU per call. It is optional: the runtime
 * itself depends on the JDK only.
 *
 * <p>What it guarantees, whichever {@link OkHttpClient} it wraps: the request goes out with exactly the signed
 * method, path, query, headers and body (a URL that OkHttp would re-encode differently is refused before anything is
 * sent, naming both forms); redirects are never followed (a redirect target is not what was signed); the client's
 * {@code timeout} bounds the whole call (OkHttp's call timeout), whatever the wrapped client's own timeouts are
 * (a download instead bounds each read: see {@link #stream}); an answer longer than the client's cap is dropped
 * while it streams.
 * OkHttp's own behaviour otherwise stays: connection pooling, transparent gzip, and its retry of a request whose
 * pooled connection turned out to be dead before an answer arrived (as in the official WeChat Pay SDK, which uses
 * OkHttp with its defaults).
 *
 * <p>Immutable and thread-safe; share one per process or per merchant. It holds OkHttp's connection pool and
 * dispatcher threads, which end on their own when idle.
 */
public final class OkHttpTransport implements Transport {
    private static final byte[] EMPTY = new byte[0];
    /** Methods OkHttp refuses without a body; the runtime signs "" for them and sends zero bytes. */
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final OkHttpClient client;

    private OkHttpTransport(OkHttpClient client) {
        this.client = client;
    }

    /** A transport on a new OkHttp client: HTTP/1.1, 10 s connect timeout, no redirects. */
    public static OkHttpTransport create() {
        return create(Duration.ofSeconds(10));
    }

    /**
     * A transport on a new OkHttp client: HTTP/1.1 (WeChat Pay answers HTTP/1.1; it keeps the connection handling
     * predictable), the given connect timeout, no redirects, and no per-read or per-write limits of its own, since
     * the client's {@code timeout} bounds every call as a whole.
     *
     * @param connectTimeout time allowed to open a connection
     */
    public static OkHttpTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        return new OkHttpTransport(new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .build());
    }

    /**
     * A transport on a client you configured (proxy, TLS, pool, event listener). It shares that client's connection
     * pool and dispatcher; only redirects are switched off on the copy this transport uses.
     */
    public static OkHttpTransport of(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new OkHttpTransport(client.newBuilder().followRedirects(false).followSslRedirects(false).build());
    }

    /** The OkHttp client this transport sends with (redirects off). */
    public OkHttpClient okHttpClient() {
        return client;
    }

    @Override
    public WireResponse send(WireRequest request, Duration timeout) {
        return send(request, timeout, Long.MAX_VALUE);
    }

    /**
     * A {@code Content-Length} above the cap is refused before the body is read; a longer chunked body is refused
     * once the cap is passed, and the connection is dropped rather than read to the end.
     */
    @Override
    public WireResponse send(WireRequest request, Duration timeout, long maxBodyBytes) {
        Call call = client.newCall(toOkHttp(request));
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? EMPTY : read(request, response, body, maxBodyBytes);
            return WireResponse.of(response.code(), response.headers().toMultimap(), bytes);
        } catch (IOException e) {
            throw failure(request, timeout, e);
        }
    }

    private static byte[] read(WireRequest request, Response response, ResponseBody body, long cap)
            throws IOException {
        if (cap == Long.MAX_VALUE) {
            return body.bytes();
        }
        long declared = body.contentLength();
        if (declared > cap) {
            throw MalformedResponseException.bodyTooLarge(request, response.code(), response.header("Request-ID"),
                    cap);
        }
        if (declared >= 0) {
            // The length is known and within the cap: read exactly that into one array (OkHttp checks the length),
            // instead of readNBytes' 8 KiB chunks copied into a result on every call.
            return body.bytes();
        }
        // readNBytes grows its buffer as bytes arrive: memory follows the body, never the cap.
        byte[] bytes = body.byteStream().readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 16) + 1);
        if (bytes.length > cap) {
            throw MalformedResponseException.bodyTooLarge(request, response.code(), response.header("Request-ID"),
                    cap);
        }
        return bytes;
    }

    /**
     * Streams the body: no call timeout (a bill takes as long as it takes), the timeout bounding instead each
     * socket read, including the wait for the headers (OkHttp's read timeout on a copy of the client that shares
     * its pool and dispatcher).
     */
    @Override
    public StreamedResponse stream(WireRequest request, Duration timeout) {
        OkHttpClient streaming = client.newBuilder().callTimeout(Duration.ZERO).readTimeout(timeout).build();
        Call call = streaming.newCall(toOkHttp(request));
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw failure(request, timeout, e);
        }
        ResponseBody body = response.body();
        InputStream in = body == null ? new ByteArrayInputStream(EMPTY) : body.byteStream();
        return StreamedResponse.of(response.code(), response.headers().toMultimap(), new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        });
    }

    private static TransportException failure(WireRequest request, Duration timeout, IOException e) {
        if (e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return new TransportException(what(request) + " was interrupted", e, false);
            }
            // OkHttp's call timeout and socket timeouts (connect, and read/write on a client you configured).
            return new TransportException(what(request) + " timed out (" + e.getMessage() + ") within "
                    + timeout.toMillis() + " ms", e, true);
        }
        return new TransportException(what(request) + " failed: " + e, e, false);
    }

    private static Request toOkHttp(WireRequest request) {
        HttpUrl url = HttpUrl.get(request.uri());
        if (url == null) {
            throw new WechatPayException(what(request) + ": OkHttp sends only http and https URIs");
        }
        String onTheWire = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        if (!onTheWire.equals(request.pathAndQuery())) {
            throw new WechatPayException(what(request) + ": OkHttp would send the path and query as " + onTheWire
                    + " but the signature covers " + request.pathAndQuery()
                    + "; percent-encode the URI as RFC 3986 requires (ApiRequest does)");
        }
        Request.Builder builder = new Request.Builder().url(url);
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                builder.addHeader(header.getKey(), value);
            }
        }
        byte[] body = request.bodyBytes();
        RequestBody requestBody;
        if (body != null) {
            // No media type here: the signed Content-Type header goes out as set, and OkHttp adds none of its own.
            requestBody = RequestBody.create(body, null);
        } else if (METHODS_WITH_BODY.contains(request.method())) {
            requestBody = RequestBody.create(EMPTY, null); // a body-less POST: signed over "", sent as 0 bytes
        } else {
            requestBody = null;
        }
        return builder.method(request.method(), requestBody).build();
    }

    private static String what(WireRequest request) {
        return (request.operationId() == null ? "" : request.operationId() + ": ") + request.method() + " "
                + request.uri();
    }

    @Override
    public String toString() {
        return "OkHttpTransport{protocols=" + client.protocols() + "}";
    }
}
