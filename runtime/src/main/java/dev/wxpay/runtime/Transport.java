package dev.wxpay.runtime;

import java.io.ByteArrayInputStream;
import java.time.Duration;

/**
 * Sends one signed request over HTTP and returns the raw response: the last link of a {@link WechatPayClient}'s
 * call chain, after the signer and before the verifier sees the answer. The default is {@link JdkHttpTransport}
 * ({@code java.net.http}, no extra dependency); the optional {@code wxpay-transport-okhttp} artifact offers one on
 * OkHttp, and {@link UrlConnectionTransport} one on {@code HttpURLConnection}, with the limits its description lists.
 * Set one with {@link WechatPayClient.Builder#transport(Transport)}.
 *
 * <p>A transport sends the method, URI, headers and body exactly as given, because the signature covers them; it
 * may add transport headers ({@code Host}, {@code Content-Length}, {@code Connection}) but must not change the
 * signed ones, must not follow redirects, and returns every HTTP status as a response (non-2xx answers are the
 * client's business). It reports I/O failures and timeouts as {@link TransportException}.
 *
 * <p>Only {@link #send(WireRequest, Duration)} must be implemented. The two other methods have defaults built on it
 * that hold the whole body in memory; the runtime's transports override them so that a capped answer is refused
 * while it streams and a download streams with flat memory.
 *
 * <p>Implementations must be thread-safe: one instance serves every call of a client, from many threads at once.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Performs one HTTP exchange.
     *
     * @param request the request as it goes on the wire
     * @param timeout the time allowed for the whole exchange, from sending to the last byte of the response body
     * @return the response, never null
     * @throws TransportException on an I/O failure, a refused connection, a timeout or an interrupted wait
     */
    WireResponse send(WireRequest request, Duration timeout);

    /**
     * Performs one HTTP exchange whose answer body may not exceed {@code maxBodyBytes}: a longer body (or a
     * {@code Content-Length} announcing one) is refused, by the runtime's transports while it streams, before it is
     * all read. The client calls this for every API call (JSON answers are a few kilobytes).
     *
     * @param request      the request as it goes on the wire
     * @param timeout      the time allowed for the whole exchange
     * @param maxBodyBytes the largest body accepted, in bytes
     * @return the response, never null
     * @throws MalformedResponseException when the body is longer than {@code maxBodyBytes}
     * @throws TransportException         as {@link #send(WireRequest, Duration)}
     */
    default WireResponse send(WireRequest request, Duration timeout, long maxBodyBytes) {
        WireResponse response = send(request, timeout);
        if (response != null && response.bodyLength() > maxBodyBytes) {
            throw MalformedResponseException.bodyTooLarge(request, response.statusCode(), response.header("Request-ID"),
                    maxBodyBytes);
        }
        return response;
    }

    /**
     * Performs one HTTP exchange and returns as soon as the response headers are in, with the body to be read as it
     * arrives: downloads, whose size has no limit. The timeout bounds the wait for the headers and each wait for
     * more body bytes, not the whole transfer (a large bill takes as long as it takes). The default reads the whole
     * body through {@link #send(WireRequest, Duration)} first, so its memory is not flat; the runtime's transports
     * stream.
     *
     * @param request the request as it goes on the wire
     * @param timeout the longest wait for the headers and for each read of the body
     * @return the response, never null; the caller closes it
     * @throws TransportException on an I/O failure, a refused connection, a timeout or an interrupted wait
     */
    default StreamedResponse stream(WireRequest request, Duration timeout) {
        WireResponse response = send(request, timeout);
        return StreamedResponse.of(response.statusCode(), response.headers(),
                new ByteArrayInputStream(response.rawBody()));
    }
}
