package dev.wxpay.runtime;

import java.time.Clock;

/**
 * Built-in interceptor: verifies every 2xx response that has a body or signature headers, over the raw bytes
 * from the wire. A 2xx with a body and no signature fails; error responses (which WeChat Pay may leave unsigned)
 * pass through to become {@link ServiceException}s. Immutable, thread-safe.
 */
final class VerifyingInterceptor implements Interceptor {
    private final TrustStore trust;
    private final Clock clock;

    VerifyingInterceptor(TrustStore trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public WireResponse intercept(Chain chain) {
        WireResponse response = chain.proceed(chain.request());
        if (response.isSuccessful() && (response.bodyLength() > 0 || hasSignatureHeaders(response))) {
            trust.verify(response::header, response.rawBody(), clock.instant(), "response",
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
