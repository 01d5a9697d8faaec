package dev.wxpay.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/** The runtime's download suite (signed GET, gzip, hashes, encrypted bills) on {@link UrlConnectionTransport}. */
@DisplayName("Downloads on UrlConnectionTransport")
class UrlConnectionDownloadsTest extends DownloadsTest {
    private final UrlConnectionTransport transport = UrlConnectionTransport.create();

    @Override
    protected Transport transport() {
        return transport;
    }

    /** Ends the transport's deadline timer with the test, as a client ends the one of a transport it created. */
    @AfterEach
    void closeTransport() {
        transport.close();
    }
}
