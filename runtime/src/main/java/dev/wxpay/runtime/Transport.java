package dev.wxpay.runtime;

import java.time.Duration;

/**
 * Sends one signed request over HTTP and returns the raw response: the last link of a {@link WechatPayClient}'s
 * call chain, after the signer and before the verifier sees the answer. The default is {@link JdkHttpTransport}
 * ({@code java.net.http}, no extra dependency); the optional {@code wxpay-transport-okhttp} artifact offers one on
 * OkHttp. Set one with {@link WechatPayClient.Builder#transport(Transport)}.
 *
 * <p>A transport sends the method, URI, headers and body exactly as given, because the signature covers them; it
 * may add transport headers ({@code Host}, {@code Content-Length}, {@code Connection}) but must not change the
 * signed ones, must not follow redirects, and returns every HTTP status as a response (non-2xx answers are the
 * client's business). It reports I/O failures and timeouts as {@link TransportException}.
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
}
