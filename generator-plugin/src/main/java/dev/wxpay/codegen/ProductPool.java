package dev.wxpay.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs one task per product of a generation run on a small pool (the products of the bundled spec are
 * independent: each is read, checked and modelled on its own), and returns the results in product order, so the
 * output cannot depend on which finished first. One thread runs everything when a single thread is asked for.
 * The pool's threads see the caller's context class loader (the plugin's, inside Maven) and end with the call.
 * Stateless and thread-safe.
 */
final class ProductPool {
    private ProductPool() {
    }

    /** The system property that sets how many products are generated at a time (1 for the leanest run). */
    static final String THREADS = "wxpay.threads";

    /**
     * Threads for {@code tasks} products: {@value #THREADS} when set, else one, never more than the cores. Measured
     * on the whole bundled API on two cores (benchmarks/RESULTS.md): two threads were not reliably faster than one,
     * since the JIT compilers and the garbage collector already keep the second core busy; the pool is there for
     * machines with cores to spare.
     */
    static int threadsFor(int tasks) {
        int wanted = Integer.getInteger(THREADS, 1);
        return Math.max(1, Math.min(Math.min(tasks, wanted), Runtime.getRuntime().availableProcessors()));
    }

    /**
     * {@code task.apply(i)} for i in {@code [0, count)}, on {@code threads} threads, each result handed to
     * {@code inOrder} on the calling thread in index order. The first failure in index order is rethrown as it
     * was thrown (a {@link GenerationException} stays one), after the results before it were handed on.
     */
    static <T> void map(int count, int threads, IntFunction<T> task, Consumer<T> inOrder) {
        if (threads <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                inOrder.accept(task.apply(i));
            }
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "wxpay-codegen-product-" + number.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (Future<T> future : futures) {
                inOrder.accept(join(future));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("Interrupted while generating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new GenerationException("Generation failed: " + e.getCause(), e.getCause());
        }
    }
}
