package dev.wxpay.bench.e2e;

/**
 * One way of making the seed call (create a partner user sign plan) against the loopback server: sign the request,
 * send it, check the answer and read it into objects. Implementations are built once per benchmark trial and shared
 * by all benchmark threads, as an application shares one client; each says whether it is thread-safe.
 */
public interface SeedCall extends AutoCloseable {
    /** Makes one call and returns the answer's {@code sign_plan.sign_plan_id}, so that the result is used. */
    String call() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
