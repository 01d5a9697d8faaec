package dev.wxpay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The delivery of one notification to a merchant's {@code notify_url}: every attempt so far and a future that
 * completes when the merchant answered success (2xx) or the retries ran out. Like WeChat Pay, the same notification
 * (same {@code id}, same encrypted resource) is re-sent, freshly signed, after each failure.
 *
 * <p>Thread-safe: attempts are appended by the simulator's delivery thread and read by tests.
 *
 * <pre>{@code
 * NotificationDelivery delivery = simulator.simulateUserSign("SP-0001");
 * assertThat(delivery.completion().get(5, SECONDS).succeeded()).isTrue();
 * }</pre>
 */
public final class NotificationDelivery {

    /** One POST to the notify URL: its HTTP status, or -1 with a failure text when no answer came. Immutable. */
    public record Attempt(int number, int status, String failure) {
        /** True for a 2xx answer, which WeChat Pay counts as received. */
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final String notificationId;
    private final String eventType;
    private final String notifyUrl;
    private final String resourcePlaintext;
    private final List<Attempt> attempts = new ArrayList<>();
    private final CompletableFuture<NotificationDelivery> completion = new CompletableFuture<>();
    private volatile String lastBody;

    NotificationDelivery(String notificationId, String eventType, String notifyUrl, String resourcePlaintext) {
        this.notificationId = notificationId;
        this.eventType = eventType;
        this.notifyUrl = notifyUrl;
        this.resourcePlaintext = resourcePlaintext;
    }

    /** The notification's {@code id}, the same on every retry. */
    public String notificationId() {
        return notificationId;
    }

    /** {@code PAYSCORE.USER_SIGN_PLAN} or {@code PAYSCORE.USER_CANCEL_SIGN_PLAN}. */
    public String eventType() {
        return eventType;
    }

    /** Where it is POSTed (the sign plan's {@code notify_url}). */
    public String notifyUrl() {
        return notifyUrl;
    }

    /** The decrypted resource JSON, so a test can compare what the merchant decrypted. */
    public String resourcePlaintext() {
        return resourcePlaintext;
    }

    /** The last envelope body sent (JSON with the encrypted resource), null before the first attempt. */
    public String lastBody() {
        return lastBody;
    }

    /** The attempts so far, oldest first. */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** True once an attempt got a 2xx answer. */
    public synchronized boolean succeeded() {
        return attempts.stream().anyMatch(Attempt::succeeded);
    }

    /** Completes with this delivery when the merchant answered success, or when retries ran out. */
    public CompletableFuture<NotificationDelivery> completion() {
        return completion.copy();
    }

    synchronized Attempt record(int status, String failure, String body) {
        lastBody = body;
        Attempt attempt = new Attempt(attempts.size() + 1, status, failure);
        attempts.add(attempt);
        return attempt;
    }

    void finish() {
        completion.complete(this);
    }

    @Override
    public synchronized String toString() {
        return "NotificationDelivery[" + eventType + " " + notificationId + " to " + notifyUrl + ", attempts="
                + new ArrayList<>(attempts) + "]";
    }
}
