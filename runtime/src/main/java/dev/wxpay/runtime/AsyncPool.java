package dev.wxpay.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The default executor of {@link WechatPayClient#executeAsync}: at most
 * {@link WechatPayClient#DEFAULT_ASYNC_THREADS} daemon threads named {@code wxpay-<mchid>-async-<n>}, started on
 * demand and ended after a minute idle, in front of a queue of at most {@link WechatPayClient#DEFAULT_ASYNC_QUEUE}
 * waiting calls. When both are full, a further call's future fails at once with
 * {@link java.util.concurrent.RejectedExecutionException}: never a new thread, never a call run on the caller's
 * thread. {@link #close()} fails the queued calls' futures, interrupts the running ones and waits for the threads
 * to end. Thread-safe.
 */
final class AsyncPool {
    private final ThreadPoolExecutor executor;
    private final OwnedThreads threads;

    AsyncPool(String merchantId, int threads, int queue) {
        this.threads = new OwnedThreads("wxpay-" + merchantId + "-async-", true);
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queue),
                this.threads);
        executor.allowCoreThreadTimeOut(true);
    }

    ThreadPoolExecutor executor() {
        return executor;
    }

    /** A call whose future is completed with its result, its failure, or the client's closing. */
    static <T> Runnable call(CompletableFuture<T> future, Supplier<T> work) {
        return new Call<>(future, work);
    }

    void close() {
        List<Runnable> queued = executor.shutdownNow();
        for (Runnable runnable : queued) {
            if (runnable instanceof Call) {
                ((Call<?>) runnable).future.completeExceptionally(
                        new IllegalStateException("the client was closed before this call was sent"));
            }
        }
        try {
            if (executor.awaitTermination(10, TimeUnit.SECONDS)) {
                threads.awaitEnd(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Call<T> implements Runnable {
        private final CompletableFuture<T> future;
        private final Supplier<T> work;

        Call(CompletableFuture<T> future, Supplier<T> work) {
            this.future = future;
            this.work = work;
        }

        @Override
        public void run() {
            try {
                future.complete(work.get());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
    }
}
