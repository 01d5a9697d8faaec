package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CallDeadlines: a failing timer never strands a caller")
class CallDeadlinesTest {

    /** A queue whose first poll throws, as if the timer thread ran out of memory. */
    static class FailingOnce extends DelayQueue<CallDeadlines.Watch> {
        final AtomicBoolean armed = new AtomicBoolean(true);

        @Override
        public CallDeadlines.Watch poll(long timeout, TimeUnit unit) throws InterruptedException {
            if (armed.getAndSet(false)) {
                throw new OutOfMemoryError("simulated: the timer thread could not allocate");
            }
            return super.poll(timeout, unit);
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static WireRequest get(URI base) {
        return WireRequest.of("GET", URI.create(base + "/v3/hang"), Map.of(), null);
    }

    @Test
    @DisplayName("when the timer thread dies, a new one takes over and the stalled call still ends at its timeout")
    void timerDiesAndIsReplaced() throws Exception {
        AtomicInteger started = new AtomicInteger();
        ThreadFactory threads = r -> {
            started.incrementAndGet();
            Thread t = new Thread(r, "wxpay-test-deadlines");
            t.setDaemon(true);
            return t;
        };
        JdkHttpTransport transport = new JdkHttpTransport(http(), new CallDeadlines(new FailingOnce(), threads));
        try (RawServer server = new RawServer((socket, out) -> {
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"));
            out.flush();
            Thread.sleep(120_000); // the body stalls after the headers: only the deadline ends the call
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    assertThatThrownBy(() -> transport.send(get(server.baseUri()), Duration.ofSeconds(2)))
                            .isInstanceOf(TransportException.class).hasMessageContaining("timed out"));
        }
        assertThat(started.get()).isEqualTo(2);
        transport.close();
    }

    @Test
    @DisplayName("when no timer thread can be started again, the waiting call is released at once as abandoned")
    void timerCannotBeReplaced() throws Exception {
        AtomicInteger started = new AtomicInteger();
        ThreadFactory threads = r -> {
            if (started.incrementAndGet() > 1) {
                throw new OutOfMemoryError("simulated: unable to create native thread");
            }
            Thread t = new Thread(r, "wxpay-test-deadlines");
            t.setDaemon(true);
            return t;
        };
        JdkHttpTransport transport = new JdkHttpTransport(http(), new CallDeadlines(new FailingOnce() {
            @Override
            public CallDeadlines.Watch poll(long timeout, TimeUnit unit) throws InterruptedException {
                if (!isEmpty() && armed.getAndSet(false)) {
                    throw new OutOfMemoryError("simulated");
                }
                return super.poll(10, TimeUnit.MILLISECONDS);
            }
        }, threads));
        try (RawServer server = new RawServer((socket, out) -> {
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"));
            out.flush();
            Thread.sleep(120_000);
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    assertThatThrownBy(() -> transport.send(get(server.baseUri()), Duration.ofSeconds(600)))
                            .isInstanceOf(TransportException.class).hasMessageContaining("deadline timer failed"));
        }
    }
}
