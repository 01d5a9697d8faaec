package dev.wxpay.runtime;

import dev.wxpay.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.DisplayName;

/** The runtime's download suite (signed GET, gzip, hashes, encrypted bills, Path overloads) on OkHttp's streaming. */
@DisplayName("Downloads on OkHttpTransport")
class OkHttpDownloadsTest extends DownloadsTest {
    private final OkHttpTransport transport = OkHttpTransport.create();

    @Override
    protected Transport transport() {
        return transport;
    }
}
