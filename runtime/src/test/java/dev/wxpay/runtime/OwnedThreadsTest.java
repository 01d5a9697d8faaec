package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OwnedThreads: names daemon threads and waits until each has really ended")
class OwnedThreadsTest {

    @Test
    @DisplayName("awaitEnd returns true only once every thread made is no longer alive")
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
        assertThat(threads.awaitEnd(Duration.ofMillis(50))).as("a blocked thread is still alive").isFalse();

        release.countDown();
        assertThat(threads.awaitEnd(Duration.ofSeconds(10))).isTrue();
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
