package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OwnedThreads: names daemon threads and waits until each has really ended")
class OwnedThreadsTest {

    @Test
    @DisplayName("awaitEnd returns once every thread made has ended, or when its limit passes")
    void waitsForTheThreadsThemselves() throws Exception {
        OwnedThreads threads = new OwnedThreads("wxpay-test-", true);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = threads.newThread(() -> awaitQuietly(release));
        Thread second = threads.newThread(() -> { });
        first.start();
        second.start();

        assertThat(first.getName()).isEqualTo("wxpay-test-1");
        assertThat(second.getName()).isEqualTo("wxpay-test-2");
        assertThat(first.isDaemon()).isTrue();
        threads.awaitEnd(Duration.ofMillis(50));
        assertThat(first.isAlive()).as("a blocked thread outlives the limit").isTrue();

        release.countDown();
        threads.awaitEnd(Duration.ofSeconds(10));
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
    }

    @Test
    @DisplayName("an unnumbered factory gives every thread the same name")
    void unnumbered() {
        OwnedThreads threads = new OwnedThreads("wxpay-1900000109-certificates", false);
        assertThat(threads.newThread(() -> { }).getName()).isEqualTo("wxpay-1900000109-certificates");
        assertThat(threads.newThread(() -> { }).getName()).isEqualTo("wxpay-1900000109-certificates");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
