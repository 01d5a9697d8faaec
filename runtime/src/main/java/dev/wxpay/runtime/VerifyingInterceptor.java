package dev.wxpay.runtime;

import java.time.Clock;

/**
 * Built-in interceptor: verifies every 2xx response that has a body or signature headers, over the raw bytes
 * from the wire. A 2xx with a body and no signature fails; error responses (which WeChat Pay may leave unsigned)
 * pass through to become {@link ServiceException}s. Immutable, thread-safe.
 */
final class VerifyingInterceptor implements Interceptor {
    private final ResponseVerifier verifier;
    private final Clock clock;

    VerifyingInterceptor(ResponseVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public WireResponse intercept(Chain chain) {
        WireResponse response = chain.proceed(chain.request());
        if (response.isSuccessful() && (response.bodyLength() > 0 || hasSignatureHeaders(response))) {
            verifier.verify(response::header, response.rawBody(), clock.instant(), "response",
                    response.header("Request-ID"));
        }
        return response;
    }

    private static boolean hasSignatureHeaders(WireResponse response) {
        return response.header("Wechatpay-Signature") != null || response.header("Wechatpay-Timestamp") != null
                || response.header("Wechatpay-Serial") != null || response.header("Wechatpay-Nonce") != null;
    }

    @Override
    public String toString() {
        return "response verifier";
    }
}
