package dev.wxpay.runtime;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an answer body for {@link JdkHttpTransport} up to a cap: a {@code Content-Length} above it is refused
 * before the body is read, and a body that grows past it cancels the exchange at once, so a hostile 1 GB answer
 * costs at most the cap in memory. One per exchange; the JDK client calls it from its own thread, the caller reads
 * the result after the exchange ended.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]>, HttpResponse.BodySubscriber<byte[]> {
    private final long cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> received = new ArrayList<>();
    private long size;
    private long declared = -1;
    private volatile int statusCode;
    private volatile String requestId;
    private volatile boolean refused;
    private Flow.Subscription subscription;

    CappedBody(long cap) {
        this.cap = cap;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        statusCode = info.statusCode();
        // A map lookup rather than firstValue(), which builds a stream and an Optional on every answer.
        requestId = HttpHeaders.first(info.headers().map(), "Request-ID");
        declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared > cap) {
            refuse();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (refused) {
            return;
        }
        for (ByteBuffer item : items) {
            size += item.remaining();
            if (size > cap) {
                received.clear();
                refuse();
                return;
            }
            received.add(item);
        }
    }

    private void refuse() {
        refused = true;
        subscription.cancel();
        result.completeExceptionally(new IOException("the answer body is larger than " + cap + " bytes"));
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        byte[] body = new byte[(int) size];
        int at = 0;
        for (ByteBuffer item : received) {
            int n = item.remaining();
            item.get(body, at, n);
            at += n;
        }
        received.clear();
        result.complete(body);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    boolean refused() {
        return refused;
    }

    int statusCode() {
        return statusCode;
    }

    String requestId() {
        return requestId;
    }

    long cap() {
        return cap;
    }
}
