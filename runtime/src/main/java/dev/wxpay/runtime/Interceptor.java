package dev.wxpay.runtime;

/**
 * A link in the client's call chain, in the style of OkHttp: it receives a {@link Chain}, may inspect or replace
 * the request, must call {@link Chain#proceed(WireRequest)} exactly once, and returns the (possibly replaced)
 * response. Use it for logging, metrics, tracing or extra headers.
 *
 * <p>User interceptors run outermost, in the order they were added; inside them the client's two built-in
 * interceptors run: the request signer (which signs whatever request reaches it, so changes made by user
 * interceptors are signed) and then the response verifier (which checks the raw bytes from the wire before any
 * user interceptor sees the response). A verification failure reaches user interceptors as a
 * {@link VerificationException} thrown from {@code proceed}.
 *
 * <p>The chain checks the contract: calling {@code proceed} twice, returning without calling it, or returning null
 * fails the call with an {@link IllegalStateException} naming the interceptor. Implementations are called from
 * many threads at once and must be thread-safe.
 *
 * <pre>{@code
 * Interceptor timing = chain -> {
 *     long start = System.nanoTime();
 *     WireResponse response = chain.proceed(chain.request());
 *     metrics.record(chain.request().operationId(), response.statusCode(), System.nanoTime() - start);
 *     return response;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Interceptor {

    /**
     * Handles one call.
     *
     * @param chain the rest of the chain and the current request
     * @return the response, never null
     */
    WireResponse intercept(Chain chain);

    /**
     * The rest of the call chain, as seen by one interceptor. Not thread-safe: it belongs to one call and one
     * interceptor invocation.
     */
    interface Chain {
        /** The request as it reached this interceptor. */
        WireRequest request();

        /**
         * Passes the request to the next link and returns its response. Call exactly once.
         *
         * @throws WechatPayException     (a subclass) when the call fails further down the chain
         * @throws IllegalStateException when called a second time
         */
        WireResponse proceed(WireRequest request);
    }
}
