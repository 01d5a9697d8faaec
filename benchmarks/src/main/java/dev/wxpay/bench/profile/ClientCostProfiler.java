package dev.wxpay.bench.profile;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler (use with {@code -prof dev.wxpay.bench.profile.ClientCostProfiler}) that reports, per iteration,
 * the calls per second and the CPU the whole client JVM spent per call (all its threads: the benchmark threads, the
 * HTTP client's own threads, GC and JIT). The loopback server runs in another process, so none of its CPU counts.
 * JIT and JMH's own threads are included: they are the same for every client and small after warm-up.
 *
 * <p>Secondary results: {@code ·req/s} and {@code ·cpu.us/op}. Stateless between iterations apart from the two
 * readings taken in {@code beforeIteration}; JMH calls it from one thread.
 */
public final class ClientCostProfiler implements InternalProfiler {
    private long startNanos;
    private long startCpuNanos;

    @Override
    public String getDescription() {
        return "calls per second and client-process CPU microseconds per call";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpuNanos = processCpuNanos();
        startNanos = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long wallNanos = System.nanoTime() - startNanos;
        long cpuNanos = processCpuNanos() - startCpuNanos;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || wallNanos <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("req/s", ops * 1e9 / wallNanos, "req/s", AggregationPolicy.AVG),
                new ScalarResult("cpu.us/op", cpuNanos / 1e3 / ops, "us/op", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }
}
