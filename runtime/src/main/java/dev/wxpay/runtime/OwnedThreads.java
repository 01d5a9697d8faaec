package dev.wxpay.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads one part of a client starts, remembered so that closing the client can wait until each of
 * them has really ended. An executor's {@code awaitTermination} returns when its workers have left their loop, a
 * moment before their threads end; a user who closes a client and then counts threads (or unloads a web
 * application) must not find one still alive. Names are {@code <prefix>} or {@code <prefix><n>} when numbered.
 * Thread-safe.
 */
final class OwnedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> started = ConcurrentHashMap.newKeySet();

    OwnedThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        // Threads that ended (a pool's idle timeout) are forgotten here, so the set stays as small as the pool.
        started.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(runnable, numbered ? prefix + count.incrementAndGet() : prefix);
        thread.setDaemon(true);
        started.add(thread);
        return thread;
    }

    /** Waits until every thread this factory made has ended, at most {@code limit} in all. */
    void awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            thread.join(Math.max(1, left / 1_000_000));
        }
        started.removeIf(thread -> !thread.isAlive());
    }
}
