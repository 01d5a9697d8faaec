package dev.wxpay.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The default {@link Transport}: the JDK's {@code java.net.http.HttpClient}, no dependency beyond the JDK.
 *
 * <p>{@link #create(Duration)} builds the client the runtime recommends: HTTP/1.1 pinned (the JDK default, HTTP/2,
 * sends h2c upgrade headers on every plain-HTTP request and WeChat Pay answers HTTP/1.1 anyway), connection reuse,
 * no redirects, and a direct executor, so the exchange's completion runs on the client's own selector thread
 * instead of being handed to a pooled thread first: the benchmarks measured that hand-off at ~370 µs of CPU per
 * signed call with four calling threads. {@link #create(Duration, SSLContext)} keeps those settings with your TLS
 * context; {@link #of(HttpClient)} sends with a client you configured yourself (proxy, executor).
 *
 * <p>The exchange runs on the calling thread ({@code send}, not {@code sendAsync}: the JDK hands every
 * {@code sendAsync} completion to the common fork-join pool, ~0.9 ms of CPU per call in the benchmarks). The whole
 * exchange is bounded by the timeout: {@code HttpRequest.timeout} alone bounds only the wait for the response
 * headers, so a deadline interrupts a call whose body stalls halfway (the interrupt never leaks to the caller).
 *
 * <p>Immutable and thread-safe.
 */
public final class JdkHttpTransport implements Transport {
    private final HttpClient httpClient;
    private final CallDeadlines deadlines;

    private JdkHttpTransport(HttpClient httpClient) {
        this(httpClient, new CallDeadlines("wxpay-http-deadlines"));
    }

    /** For tests that break the deadline timer on purpose. */
    JdkHttpTransport(HttpClient httpClient, CallDeadlines deadlines) {
        this.httpClient = httpClient;
        this.deadlines = deadlines;
    }

    /**
     * A transport on a new {@code HttpClient} with the runtime's settings (see the class description).
     *
     * @param connectTimeout time allowed to open a connection
     */
    public static JdkHttpTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        return new JdkHttpTransport(recommended(connectTimeout).build());
    }

    /**
     * The same, with your TLS settings (a trust store of your own, client certificates), so a custom TLS setup does
     * not cost the runtime's other settings.
     *
     * @param connectTimeout time allowed to open a connection
     * @param sslContext     the TLS context for https connections
     */
    public static JdkHttpTransport create(Duration connectTimeout, SSLContext sslContext) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sslContext, "sslContext");
        return new JdkHttpTransport(recommended(connectTimeout).sslContext(sslContext).build());
    }

    private static HttpClient.Builder recommended(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Safe because nothing blocking is ever attached to the client's futures: the body is collected
                // as bytes and the caller waits on the future from its own thread.
                .executor(Runnable::run);
    }

    /**
     * A transport on a client you configured.
     *
     * @throws IllegalArgumentException when the client follows redirects: a redirected request would go where it
     *                                  was not signed for, and the answer would come from there
     */
    public static JdkHttpTransport of(HttpClient httpClient) {
        Objects.requireNonNull(httpClient, "httpClient");
        if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects (" + httpClient.followRedirects()
                    + "); build it with followRedirects(HttpClient.Redirect.NEVER)");
        }
        return new JdkHttpTransport(httpClient);
    }

    /** The underlying JDK client. */
    public HttpClient httpClient() {
        return httpClient;
    }

    @Override
    public WireResponse send(WireRequest request, Duration timeout) {
        return send(request, timeout, Long.MAX_VALUE);
    }

    /** The body is collected by a {@link CappedBody}: past the cap it cancels the exchange instead of reading on. */
    @Override
    public WireResponse send(WireRequest request, Duration timeout, long maxBodyBytes) {
        CappedBody capped = new CappedBody(maxBodyBytes);
        HttpResponse<byte[]> response = exchange(request, timeout, capped, capped);
        return new WireResponse(response.statusCode(), HttpHeaders.ofJdk(response.headers()),
                response.body(), true);
    }

    /**
     * Returns once the headers are in; each read of the body waits at most {@code timeout} (a
     * {@link java.net.SocketTimeoutException} then), and closing the body early cancels the exchange.
     */
    @Override
    public StreamedResponse stream(WireRequest request, Duration timeout) {
        HttpResponse<InputStream> response = exchange(request, timeout, HttpResponse.BodyHandlers.ofInputStream(),
                null);
        return StreamedResponse.of(response.statusCode(), response.headers().map(),
                new DeadlineInputStream(response.body(), deadlines, timeout, what(request)));
    }

    private <T> HttpResponse<T> exchange(WireRequest request, Duration timeout, HttpResponse.BodyHandler<T> handler,
            CappedBody capped) {
        HttpRequest httpRequest = toHttp(request, timeout);
        // HttpRequest.timeout bounds the wait for the response headers (and lets the JDK abort the exchange); the
        // deadline bounds the whole exchange, including a body that stalls after the headers.
        CallDeadlines.Watch deadline = deadlines.start(timeout);
        HttpResponse<T> response = null;
        Exception failure = null;
        try {
            response = httpClient.send(httpRequest, handler);
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure = e;
        }
        boolean timedOut = deadline.finish();
        if (failure == null) {
            // Complete, even if the deadline passed at the same moment.
            return response;
        }
        if (capped != null && capped.refused()) {
            throw MalformedResponseException.bodyTooLarge(request, capped.statusCode(), capped.requestId(),
                    capped.cap());
        }
        if (deadline.abandoned()) {
            throw new TransportException(what(request) + " was abandoned: the deadline timer failed, so the call"
                    + " could not be bounded by its timeout", failure, false);
        }
        if (timedOut || failure instanceof HttpTimeoutException) {
            throw new TransportException(what(request) + " timed out after " + timeout.toMillis() + " ms", failure,
                    true);
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new TransportException(what(request) + " was interrupted", failure, false);
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        throw new TransportException(what(request) + " failed: " + failure, failure, false);
    }

    private static HttpRequest toHttp(WireRequest request, Duration timeout) {
        String uri = request.uri().toString();
        if (!request.uri().toASCIIString().equals(uri)) {
            // The JDK would percent-encode the non-ASCII characters on the wire while the signature covers them raw.
            throw new WechatPayException(what(request) + ": the URI has characters outside ASCII that were not"
                    + " percent-encoded, so the path sent would differ from the signed one; percent-encode the URI"
                    + " as RFC 3986 requires (ApiRequest does)");
        }
        byte[] body = request.rawBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        return builder.build();
    }

    /** Ends the deadline timer thread; only for a transport the client created itself, when the client closes. */
    void close() {
        deadlines.close();
    }

    /** How failure messages name a request: operation id, method and URI (never headers or body). */
    static String what(WireRequest request) {
        return (request.operationId() == null ? "" : request.operationId() + ": ") + request.method() + " "
                + request.uri();
    }

    @Override
    public String toString() {
        return "JdkHttpTransport{" + httpClient.version() + "}";
    }
}
