package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The runtime's end-to-end suite (signing, verification, errors, async, uploads) on {@link UrlConnectionTransport}. */
@DisplayName("WechatPayClient end to end on UrlConnectionTransport")
class UrlConnectionEndToEndTest extends WechatPayClientEndToEndTest {
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

    /**
     * The one documented difference: in fixed-length streaming mode (what keeps a POST from being resent) the JDK
     * drops a 401 answer's body, so the exception has the status and no error code.
     */
    @Override
    @Test
    @DisplayName("is refused by WeChat Pay when it signs with a key that is not the merchant's: HTTP 401, without the body HttpURLConnection drops")
    void wrongMerchantKeyIsRefusedByTheServer() {
        WechatPayClient impostor = builderFor(server, LoopbackWechatPay.merchantA())
                .merchantPrivateKey(TestKeys.STRANGER.getPrivate()).build();
        assertThatThrownBy(() -> impostor.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isNull();
                });
    }
}
