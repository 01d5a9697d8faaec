package dev.wxpay.runtime;

import java.time.Clock;

/**
 * Built-in interceptor: adds the {@code Authorization} header computed over exactly the request that reaches it
 * (method, raw path and query, body bytes; for a media upload the meta JSON only), with the injected clock and nonce source. Immutable, thread-safe.
 */
final class SigningInterceptor implements Interceptor {
    private final RequestSigner signer;
    private final Clock clock;
    private final NonceSource nonces;

    SigningInterceptor(RequestSigner signer, Clock clock, NonceSource nonces) {
        this.signer = signer;
        this.clock = clock;
        this.nonces = nonces;
    }

    @Override
    public WireResponse intercept(Chain chain) {
        WireRequest request = chain.request();
        String nonce = nonces.nextNonce();
        if (nonce == null || nonce.isEmpty()) {
            throw new IllegalStateException("the NonceSource returned an empty nonce");
        }
        long timestamp = clock.instant().getEpochSecond();
        String authorization = signer.authorization(request.method(), request.pathAndQuery(), request.rawSignedBody(),
                timestamp, nonce);
        return chain.proceed(request.withHeader("Authorization", authorization));
    }

    @Override
    public String toString() {
        return "request signer";
    }
}
