package dev.wxpay.runtime;

import dev.wxpay.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.DisplayName;

/**
 * The runtime's whole end-to-end suite (signing accepted by a loopback WeChat Pay, verification of its answers,
 * errors, timeouts, stalled bodies, refused connections, connection reuse, concurrency, uploads) on OkHttp. It lives
 * in the runtime's package because the suite and its loopback server are package-private test code.
 */
@DisplayName("WechatPayClient on OkHttpTransport against the loopback WeChat Pay")
class OkHttpTransportEndToEndTest extends WechatPayClientEndToEndTest {
    private final OkHttpTransport transport = OkHttpTransport.create();

    @Override
    protected Transport transport() {
        return transport;
    }
}
