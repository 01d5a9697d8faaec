package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NotificationSender")
class NotificationSenderTest {

    @Test
    @DisplayName("makes its HTTP client on the first delivery only (building one initialises TLS: a slow cold start)")
    void makesTheHttpClientOnFirstUse() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (NotifyEndpoint endpoint = new NotifyEndpoint();
             NotificationSender sender = new NotificationSender(List.of(), Duration.ofSeconds(5), () -> {
                 made.incrementAndGet();
                 return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             })) {
            assertThat(made).hasValue(0);

            for (int i = 1; i <= 2; i++) {
                NotificationDelivery delivery = new NotificationDelivery("N-" + i, "PAYSCORE.USER_SIGN_PLAN",
                        endpoint.url(), "{}");
                sender.deliver(delivery, "{\"id\":\"N-" + i + "\"}", body -> new String[] {"Wechatpay-Nonce", "n"});
                assertThat(delivery.completion().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
                assertThat(endpoint.next().body()).isEqualTo("{\"id\":\"N-" + i + "\"}");
            }

            assertThat(made).hasValue(1);
        }
    }
}
