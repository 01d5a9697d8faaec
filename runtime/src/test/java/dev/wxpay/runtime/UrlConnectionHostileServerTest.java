package dev.wxpay.runtime;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** The runtime's hostile-server cases on {@link UrlConnectionTransport}: the same exceptions, nothing left behind. */
@DisplayName("Hostile servers on UrlConnectionTransport")
class UrlConnectionHostileServerTest extends HostileServerTest {
    @Override
    protected Transport newTransport() {
        return UrlConnectionTransport.create(Duration.ofSeconds(3));
    }

    /** A refused answer's connection is disconnected, so none is left open. */
    @Override
    protected int connectionsLeftPerHugeHeaders() {
        return 0;
    }

    /** HttpURLConnection resends a GET once when reading the answer's headers fails (see the transport's Javadoc). */
    @Override
    protected int sendsPerRefusedGet() {
        return 2;
    }

    /** The JDK drains a small abandoned body on a thread of its own (see the transport's Javadoc). */
    @Override
    protected boolean releasesTrickle() {
        return false;
    }
}
