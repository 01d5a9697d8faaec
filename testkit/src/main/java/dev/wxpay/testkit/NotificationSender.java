package dev.wxpay.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * POSTs notifications to merchants' notify URLs and retries like WeChat Pay until a 2xx answer or the schedule runs
 * out. Each attempt is signed afresh (new timestamp and nonce) over the same envelope. Thread-safe.
 */
final class NotificationSender implements AutoCloseable {

    /** WeChat Pay's documented retry schedule after a failed delivery (15 attempts over about 24 hours). */
    static final List<Duration> WECHAT_RETRY_DELAYS = List.of(
            Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(3),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(3), Duration.ofHours(3),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final Set<NotificationDelivery> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    NotificationSender(List<Duration> retryDelays, Duration timeout) {
        this.retryDelays = List.copyOf(retryDelays);
        this.timeout = timeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wxpay-testkit-notify");
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1 on purpose: a merchant's notify endpoint is a plain HTTP server; no h2c upgrade dance.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(scheduler).build();
    }

    /**
     * Starts delivering {@code body}; {@code signer} returns the four Wechatpay-* headers (name, value pairs, flat)
     * for the body at the moment of each attempt.
     */
    void deliver(NotificationDelivery delivery, String body, Function<String, String[]> signer) {
        active.add(delivery);
        schedule(delivery, body, signer, Duration.ZERO);
    }

    private void schedule(NotificationDelivery delivery, String body, Function<String, String[]> signer,
                          Duration delay) {
        if (closed) {
            finish(delivery);
            return;
        }
        try {
            scheduler.schedule(() -> attempt(delivery, body, signer), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(delivery);
        }
    }

    private void attempt(NotificationDelivery delivery, String body, Function<String, String[]> signer) {
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(delivery.notifyUrl())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "wxpay-testkit")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            String[] headers = signer.apply(body);
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            delivery.record(-1, "invalid notify_url: " + e.getMessage(), body);
            finish(delivery);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            NotificationDelivery.Attempt attempt = error == null
                    ? delivery.record(response.statusCode(), null, body)
                    : delivery.record(-1, String.valueOf(error.getCause() != null ? error.getCause() : error), body);
            int failed = attempt.number() - 1;
            if (attempt.succeeded() || failed >= retryDelays.size() || closed) {
                finish(delivery);
            } else {
                schedule(delivery, body, signer, retryDelays.get(failed));
            }
        });
    }

    private void finish(NotificationDelivery delivery) {
        active.remove(delivery);
        delivery.finish();
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (NotificationDelivery d : active) {
            finish(d);
        }
    }
}
