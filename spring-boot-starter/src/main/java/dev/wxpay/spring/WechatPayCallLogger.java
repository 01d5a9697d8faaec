package dev.wxpay.spring;

import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One DEBUG line per WeChat Pay call: method, path, status, {@code Request-ID} and duration; never the Authorization
 * header or bodies. Costs nothing when DEBUG is off for {@code dev.wxpay.spring.WechatPayCallLogger}. Stateless and
 * thread-safe.
 */
final class WechatPayCallLogger implements Interceptor {
    private static final Log LOG = LogFactory.getLog(WechatPayCallLogger.class);

    @Override
    public WireResponse intercept(Chain chain) {
        if (!LOG.isDebugEnabled()) {
            return chain.proceed(chain.request());
        }
        WireRequest request = chain.request();
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            WireResponse response = chain.proceed(request);
            outcome = response.statusCode() + " Request-ID " + response.header("Request-ID");
            return response;
        } finally {
            LOG.debug("WeChat Pay " + request.method() + " " + request.uri().getRawPath() + " -> " + outcome + " in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        }
    }

    @Override
    public String toString() {
        return "WechatPayCallLogger";
    }
}
