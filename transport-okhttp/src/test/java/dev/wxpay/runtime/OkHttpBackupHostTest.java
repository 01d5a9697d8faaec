package dev.wxpay.runtime;

import dev.wxpay.transport.okhttp.OkHttpTransport;
import org.junit.jupiter.api.DisplayName;

/** The backup-host rules on OkHttp, whose connect failures look different from the JDK's. */
@DisplayName("Builder.backupBaseUri on OkHttpTransport")
class OkHttpBackupHostTest extends BackupHostTest {
    private final OkHttpTransport transport = OkHttpTransport.create();

    @Override
    protected Transport transport() {
        return transport;
    }
}
