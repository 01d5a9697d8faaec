package dev.wxpay.runtime;

import org.junit.jupiter.api.DisplayName;

/** The runtime's download suite (signed GET, gzip, hashes, encrypted bills) on {@link UrlConnectionTransport}. */
@DisplayName("Downloads on UrlConnectionTransport")
class UrlConnectionDownloadsTest extends DownloadsTest {
    private final UrlConnectionTransport transport = UrlConnectionTransport.create();

    @Override
    protected Transport transport() {
        return transport;
    }
}
