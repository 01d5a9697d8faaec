package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.wxpay.payscore.api.PartnerPayscorePlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.TransportException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.Fault;
import dev.wxpay.testkit.NotificationDelivery;
import dev.wxpay.testkit.WechatPaySimulator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak: {@code soak.seconds} (default 60) of mixed calls on 8 threads against the simulator (sync and
 * async calls, error answers, timeouts, notifications), after an unmeasured warm-up of {@code soak.warmup} seconds
 * (default 10) that lets thread pools and the JIT settle. Every second a sampler takes the live thread count, the
 * open file descriptors and the heap used after a full GC; the last 10 seconds may not exceed the first 10 beyond
 * a small stated slack. Every answer is checked against its own request: zero crossed, zero lost. Runs only with
 * {@code -Psoak} (tag {@code soak}); prints one {@code SOAK …} line with the figures.
 */
@Tag("soak")
@DisplayName("Soak: mixed calls on 8 threads against the simulator")
class SoakTest {
    private static final int THREADS = 8;
    /** Slack for the comparison of the last window with the first (measurement noise, not growth). */
    private static final int THREAD_SLACK = 4;
    private static final int FD_SLACK = 16;
    private static final long HEAP_SLACK = 32L * 1024 * 1024;

    private final AtomicLong sync = new AtomicLong();
    private final AtomicLong async = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong crossed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Set<String> signed = ConcurrentHashMap.newKeySet();

    /** One sample of the process's resources. */
    private static final class Sample {
        final long atMillis;
        final int threads;
        final long fds;
        final long heap;

        Sample(long atMillis) {
            System.gc();
            this.atMillis = atMillis;
            this.threads = ManagementFactory.getThreadMXBean().getThreadCount();
            this.fds = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getOpenFileDescriptorCount();
            this.heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }

    @Test
    @DisplayName("threads, file descriptors and post-GC heap do not grow, and no answer is crossed or lost")
    void soak() throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        long warmup = Long.getLong("soak.warmup", 10);
        try (WechatPaySimulator sim = WechatPaySimulator.builder()
                .notificationRetryDelays(List.of(Duration.ZERO)).start()) {
            WechatPayClient client = Fixtures.clientFor(sim).timeout(Duration.ofSeconds(30)).build();
            WechatPayClient impatient = Fixtures.clientFor(sim).timeout(Duration.ofMillis(300)).build();
            NotificationParser parser = NotificationParser.builder()
                    .wechatPayPublicKey(sim.publicKeyId(), sim.platformPublicKey())
                    .apiV3Key(sim.merchant().apiV3Key()).build();
            // Every call of this operation, not a count of them: a GET that times out may be retried by the JDK
            // client on a new connection, which would use up a counted fault meant for another call.
            sim.faults().forOperation("getPartnerPayscorePlan", Fault.delay(Duration.ofSeconds(2)));
            try (SignPlanNotifyEndpoint endpoint = new SignPlanNotifyEndpoint(parser)) {
                run(sim, client, impatient, endpoint, warmup, null);
                List<Sample> samples = new ArrayList<>();
                run(sim, client, impatient, endpoint, seconds, samples);
                check(endpoint, seconds, samples);
            }
        }
    }

    /** Runs the mix on 8 threads for {@code seconds}; samples once a second when {@code samples} is not null. */
    private void run(WechatPaySimulator sim, WechatPayClient client, WechatPayClient impatient,
            SignPlanNotifyEndpoint endpoint, long seconds, List<Sample> samples) throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        oneCall(sim, client, impatient, endpoint);
                    }
                    return null;
                }));
            }
            while (samples != null && System.nanoTime() < end) {
                samples.add(new Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
                Thread.sleep(1000);
            }
            for (Future<?> worker : workers) {
                worker.get(seconds + 120, TimeUnit.SECONDS); // a hang guard: each call is bounded by its timeout
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void oneCall(WechatPaySimulator sim, WechatPayClient client, WechatPayClient impatient,
            SignPlanNotifyEndpoint endpoint) {
        int kind = ThreadLocalRandom.current().nextInt(100);
        try {
            if (kind < 40) {
                String no = Fixtures.plainNo("soak-sync-");
                new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(no));
                PayscorePlan read = new PayscorePlansApi(client).getPayscorePlan(no);
                expect(no, read.getMerchantPlanNo());
                sync.incrementAndGet();
            } else if (kind < 70) {
                String no = Fixtures.plainNo("soak-async-");
                CreatePayscorePlanRequest request = Fixtures.directPlan(no);
                PayscorePlan read = new PayscorePlansApi(client).createPayscorePlanAsync(request)
                        .thenCompose(created -> new PayscorePlansApi(client).getPayscorePlanAsync(no))
                        .get(90, TimeUnit.SECONDS).data();
                expect(no, read.getMerchantPlanNo());
                async.incrementAndGet();
            } else if (kind < 85) {
                String no = Fixtures.plainNo("soak-missing-");
                try {
                    new PayscorePlansApi(client).getPayscorePlan(no);
                    crossed.incrementAndGet();
                    failures.add("an unknown plan " + no + " was answered");
                } catch (ServiceException expected) {
                    if (expected.statusCode() / 100 != 4) {
                        failures.add("unknown plan: status " + expected.statusCode());
                    }
                    errors.incrementAndGet();
                }
            } else if (kind < 92) {
                // Only these calls use getPartnerPayscorePlan, which the simulator always delays (see soak()).
                try {
                    new PartnerPayscorePlansApi(impatient).getPartnerPayscorePlan(Fixtures.plainNo("soak-slow-"),
                            Fixtures.SUB_MCHID);
                    failures.add("a 2 s answer arrived within a 300 ms timeout");
                } catch (TransportException expected) {
                    if (!expected.isTimeout()) {
                        failures.add("slow call: " + expected);
                    }
                    timeouts.incrementAndGet();
                }
            } else {
                String planId = new PayscorePlansApi(client)
                        .createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("soak-n-"))).getPlanId();
                String no = Fixtures.plainNo("soak-sign-");
                CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, no, endpoint.url("direct"));
                new UserSignPlansApi(client).createUserSignPlan(request);
                signed.add(no);
                NotificationDelivery delivery = sim.simulateUserSign(no);
                if (!delivery.completion().get(90, TimeUnit.SECONDS).succeeded()) {
                    failures.add("notification for " + no + " was not acknowledged: " + delivery.attempts());
                }
                notifications.incrementAndGet();
            }
        } catch (Exception e) {
            failures.add(e.toString());
        }
    }

    private void expect(String sent, String answered) {
        if (!sent.equals(answered)) {
            crossed.incrementAndGet();
            failures.add("sent " + sent + ", answered " + answered);
        }
    }

    private void check(SignPlanNotifyEndpoint endpoint, long seconds, List<Sample> samples) {
        Set<String> received = ConcurrentHashMap.newKeySet();
        for (Notification<UserSignPlan> n : endpoint.direct) {
            if (!received.add(n.resource().getMerchantSignPlanNo())) {
                failures.add("notification received twice for " + n.resource().getMerchantSignPlanNo());
            }
        }
        long lostNotifications = signed.stream().filter(no -> !received.contains(no)).count();
        long strayNotifications = received.stream().filter(no -> !signed.contains(no)).count();
        List<Sample> first = samples.subList(0, Math.min(10, samples.size()));
        List<Sample> last = samples.subList(Math.max(0, samples.size() - 10), samples.size());
        int threadsFirst = first.stream().mapToInt(s -> s.threads).max().orElse(0);
        int threadsLast = last.stream().mapToInt(s -> s.threads).max().orElse(0);
        long fdsFirst = first.stream().mapToLong(s -> s.fds).max().orElse(0);
        long fdsLast = last.stream().mapToLong(s -> s.fds).max().orElse(0);
        long heapFirst = first.stream().mapToLong(s -> s.heap).max().orElse(0);
        long heapLast = last.stream().mapToLong(s -> s.heap).max().orElse(0);
        long calls = sync.get() + async.get() + errors.get() + timeouts.get() + notifications.get();
        System.out.println(String.format(Locale.ROOT, "SOAK seconds=%d threads=%d calls=%d sync=%d async=%d errors=%d"
                + " timeouts=%d notifications=%d crossed=%d lost=%d failures=%d live_threads=%d->%d open_fds=%d->%d"
                + " post_gc_heap_mb=%.1f->%.1f", seconds, THREADS, calls, sync.get(), async.get(), errors.get(),
                timeouts.get(), notifications.get(), crossed.get() + strayNotifications, lostNotifications,
                failures.size(), threadsFirst, threadsLast, fdsFirst, fdsLast, heapFirst / 1048576.0,
                heapLast / 1048576.0));
        failures.stream().limit(20).forEach(f -> System.out.println("  failure: " + f));

        assertThat(failures).as("unexpected outcomes").isEmpty();
        assertThat(crossed.get() + strayNotifications).as("crossed answers").isZero();
        assertThat(lostNotifications).as("lost notifications").isZero();
        assertThat(sync.get()).isPositive();
        assertThat(async.get()).isPositive();
        assertThat(errors.get()).isPositive();
        assertThat(timeouts.get()).isPositive();
        assertThat(notifications.get()).isPositive();
        assertThat(samples.size()).isGreaterThanOrEqualTo(20);
        assertThat(threadsLast).as("live threads, last 10 s vs first 10 s").isLessThanOrEqualTo(threadsFirst
                + THREAD_SLACK);
        assertThat(fdsLast).as("open file descriptors, last 10 s vs first 10 s").isLessThanOrEqualTo(fdsFirst
                + FD_SLACK);
        assertThat(heapLast).as("post-GC heap, last 10 s vs first 10 s").isLessThanOrEqualTo(heapFirst
                + HEAP_SLACK);
    }
}
