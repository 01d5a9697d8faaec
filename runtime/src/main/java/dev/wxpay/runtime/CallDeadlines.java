package dev.wxpay.runtime;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds a blocking call by a deadline: when it passes, the calling thread is interrupted (or an action of the call's
 * own runs, for a call that an interrupt cannot end). The JDK
 * {@code HttpClient.send} only bounds the wait for the response headers by {@code HttpRequest.timeout}; interrupting
 * it also ends a body that stalls halfway (recent JDKs cancel the exchange then; older ones free the caller and leave
 * the connection until the server answers or closes it). Waiting on {@code sendAsync}'s
 * future instead would bound it too, but the JDK hands every {@code sendAsync} completion to the common fork-join
 * pool first, which the benchmarks measured at ~0.9 ms of CPU per call.
 *
 * <p>One daemon timer thread per instance, started on first use and ended after a minute without calls. A deadline
 * that never fires costs a queue insert and a removal; the timer thread wakes only when a deadline is due.
 *
 * <p>The timer must never strand a caller: if its thread dies (an {@link OutOfMemoryError} while the heap is full,
 * say), a replacement thread takes over the pending deadlines at once; if no thread can be started, every pending
 * caller is interrupted and its call ends as abandoned instead of waiting for a deadline nobody watches.
 * Thread-safe.
 */
final class CallDeadlines {
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final DelayQueue<Watch> queue;
    private final ThreadFactory threads;
    private final Object lock = new Object();
    private Thread timer; // guarded by lock
    private boolean closed; // guarded by lock

    CallDeadlines(String threadName) {
        this(new DelayQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** For tests that break the timer on purpose: the queue and the thread factory it runs on. */
    CallDeadlines(DelayQueue<Watch> queue, ThreadFactory threads) {
        this.queue = queue;
        this.threads = threads;
    }

    /** Starts watching the current thread; call {@link Watch#finish()} on the same thread when the call ends. */
    Watch start(Duration timeout) {
        return start(timeout, null);
    }

    /**
     * Starts watching a call that an interrupt cannot end (a blocking socket read ignores it): when the deadline
     * passes, the timer runs {@code onDeadline} (closing the connection, say) instead of interrupting the caller.
     * {@code onDeadline} must be quick and must not throw; null means interrupt the caller.
     */
    Watch start(Duration timeout, Runnable onDeadline) {
        Watch watch = new Watch(Thread.currentThread(), onDeadline, System.nanoTime() + timeout.toNanos(), queue);
        queue.add(watch);
        try {
            ensureTimer();
        } catch (RuntimeException | Error e) {
            queue.remove(watch);
            throw new TransportException(isClosed() ? "the client is closed, so the call was not sent"
                    : "the deadline timer could not be started (" + e + "), so the call was not sent", e, false);
        }
        return watch;
    }

    /** Whether a timer thread is running (for tests that check threads end). */
    boolean timerRunning() {
        synchronized (lock) {
            return timer != null;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Ends the timer thread for good (the owning client was closed): calls still waiting are released at once, and
     * later calls are refused. Waits up to a second for the thread to end.
     */
    void close() {
        Thread thread;
        synchronized (lock) {
            closed = true;
            thread = timer;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureTimer() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (timer == null) {
                Thread thread = threads.newThread(this::run);
                thread.start();
                timer = thread;
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Watch due = queue.poll(IDLE_NANOS, TimeUnit.NANOSECONDS);
                if (due != null) {
                    due.fire();
                    continue;
                }
                synchronized (lock) {
                    if (queue.isEmpty()) {
                        timer = null;
                        return;
                    }
                }
            }
        } catch (Throwable failure) {
            // Never rethrown: a replacement takes over the pending deadlines, or they are all released now.
            synchronized (lock) {
                timer = null;
            }
            try {
                ensureTimer();
            } catch (Throwable cannotRestart) { // or closed
                for (Watch watch : queue) {
                    watch.abandon();
                }
                queue.clear();
            }
        }
    }

    /** One watched call. Not shared: created, finished and read by the calling thread; fired by the timer. */
    static final class Watch implements Delayed {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int FIRED = 2;
        private static final int ABANDONED = 3;

        private final Thread caller;
        private final Runnable onDeadline;
        private final long deadline;
        private final DelayQueue<Watch> queue;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile boolean interruptSent;

        private Watch(Thread caller, Runnable onDeadline, long deadline, DelayQueue<Watch> queue) {
            this.caller = caller;
            this.onDeadline = onDeadline;
            this.deadline = deadline;
            this.queue = queue;
        }

        private void fire() {
            if (state.compareAndSet(RUNNING, FIRED)) {
                release();
            }
        }

        private void abandon() {
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                release();
            }
        }

        private void release() {
            try {
                if (onDeadline == null) {
                    caller.interrupt();
                } else {
                    onDeadline.run();
                }
            } finally {
                interruptSent = true;
            }
        }

        /**
         * Ends the watch. When the deadline fired, waits until its interrupt has been delivered and clears it, so it
         * never leaks out of the call (an interrupt from elsewhere arriving at that very moment is cleared with it);
         * a watch with its own deadline action waits until that action has run, and clears nothing.
         *
         * @return whether the deadline passed (or the timer gave the call up, see {@link #abandoned()})
         */
        boolean finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                queue.remove(this);
                return false;
            }
            while (!interruptSent) {
                Thread.onSpinWait();
            }
            if (onDeadline == null) {
                Thread.interrupted();
            }
            return true;
        }

        /** Whether the deadline has passed (or the timer gave the call up); readable from the calling thread. */
        boolean passed() {
            int now = state.get();
            return now == FIRED || now == ABANDONED;
        }

        /** Whether the call was released because the timer failed, not because its deadline passed. */
        boolean abandoned() {
            return state.get() == ABANDONED;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(deadline, ((Watch) other).deadline);
        }
    }
}
