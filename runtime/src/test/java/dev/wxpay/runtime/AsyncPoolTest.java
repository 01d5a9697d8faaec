package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("The default async executor: bounded, and ended by close()")
class AsyncPoolTest {

    static Set<Thread> wxpayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("wxpay-"))
                .collect(Collectors.toSet());
    }

    // Tagged "load": tens of seconds of the same signed call; mutation testing leaves it out (runtime/pom.xml).
    @Test
    @Tag("load")
    @DisplayName("10,000 calls in flight finish on at most DEFAULT_ASYNC_THREADS threads, and close() leaves no wxpay- thread")
    void tenThousandCalls() throws Exception {
        Set<Thread> before = wxpayThreads();
        LoopbackWechatPay.Merchant merchant = new LoopbackWechatPay.Merchant("1900007777", TestKeys.MERCHANT_SERIAL,
                TestKeys.MERCHANT.getPublic(), TestKeys.WECHATPAY.getPrivate(), TestKeys.WECHATPAY_KEY_ID);
        try (LoopbackWechatPay server = new LoopbackWechatPay(merchant)) {
            server.respond(r -> LoopbackWechatPay.Answer.raw(204, "", null));
            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(server.baseUri())
                    .merchantId("1900007777")
                    .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                    .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                    .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                    .timeout(Duration.ofSeconds(60))
                    .build();
            AtomicInteger peak = new AtomicInteger();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet((int) Thread.getAllStackTraces().keySet()
                    .stream().filter(t -> t.getName().startsWith("wxpay-1900007777-async-")).count(), Math::max),
                    0, 50, TimeUnit.MILLISECONDS);
            List<CompletableFuture<ApiResponse<Void>>> calls = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                calls.add(client.executeAsync(ApiRequest.builder("POST", "/v3/n/" + i).build(), Void.class));
            }
            assertTimeoutPreemptively(Duration.ofMinutes(10),
                    () -> CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).join());
            sampler.shutdownNow();

            assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(204));
            assertThat(server.requests()).hasSize(10_000);
            assertThat(peak.get()).isBetween(1, WechatPayClient.DEFAULT_ASYNC_THREADS);

            client.close();
        }
        Set<Thread> left = wxpayThreads();
        left.removeAll(before);
        assertThat(left).as("wxpay- threads alive after close()").isEmpty();
    }

    @Test
    @DisplayName("close() fails the calls still queued instead of leaving their futures pending")
    void closeFailsQueued() throws Exception {
        try (LoopbackWechatPay server = new LoopbackWechatPay(LoopbackWechatPay.merchantA())) {
            server.respond(r -> LoopbackWechatPay.Answer.hang());
            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(server.baseUri())
                    .merchantId(TestKeys.MERCHANT_ID)
                    .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                    .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                    .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                    .timeout(Duration.ofSeconds(60))
                    .build();
            List<CompletableFuture<ApiResponse<Void>>> calls = new ArrayList<>();
            for (int i = 0; i < WechatPayClient.DEFAULT_ASYNC_THREADS + 5; i++) {
                calls.add(client.executeAsync(ApiRequest.builder("GET", "/v3/q/" + i).build(), Void.class));
            }
            client.close();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> calls.forEach(call -> call.handle((r, e) -> e)
                    .join()));
            assertThat(calls).allSatisfy(call -> assertThat(call).isCompletedExceptionally());
        }
    }
}
