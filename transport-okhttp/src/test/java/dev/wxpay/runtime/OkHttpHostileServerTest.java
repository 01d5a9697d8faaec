package dev.wxpay.runtime;

import dev.wxpay.transport.okhttp.OkHttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/** The runtime's hostile-server cases on OkHttp: the same documented exceptions, nothing left behind. */
@DisplayName("Hostile servers on OkHttpTransport")
class OkHttpHostileServerTest extends HostileServerTest {
    @Override
    protected Transport newTransport() {
        return OkHttpTransport.create(Duration.ofSeconds(3));
    }

    @Override
    protected int connectionsLeftPerHugeHeaders() {
        return 0;
    }
}
