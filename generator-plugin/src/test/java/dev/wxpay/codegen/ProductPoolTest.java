package dev.wxpay.codegen;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Products on a pool")
class ProductPoolTest {

    @Test
    @DisplayName("hand their results on in product order, whichever finishes first")
    void resultsInProductOrder() {
        CountDownLatch laterDone = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        ProductPool.map(2, 2, i -> {
            if (i == 0) {
                try {
                    // product 0 finishes after product 1 (hang guard only: the latch is counted down at once)
                    assertThat(laterDone.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                laterDone.countDown();
            }
            return "product-" + i + " on " + Thread.currentThread().getName();
        }, result -> {
            seen.add(result.substring(0, result.indexOf(' ')));
            threads.add(result.substring(result.indexOf(" on ") + 4));
        });
        assertThat(seen).containsExactly("product-0", "product-1");
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("wxpay-codegen-product-"));
    }

    @Test
    @DisplayName("rethrow the first failure in product order, after handing on the results before it")
    void firstFailureInOrder() {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> ProductPool.map(4, 2, i -> {
            if (i >= 2) {
                throw new GenerationException("product " + i + " is broken", List.of());
            }
            return i;
        }, seen::add)).isInstanceOf(GenerationException.class).hasMessageStartingWith("product 2 is broken");
        assertThat(seen).containsExactly(0, 1);
    }

    @Test
    @DisplayName("run on the calling thread when one thread is asked for")
    void oneThreadIsTheCaller() {
        List<String> threads = new ArrayList<>();
        ProductPool.map(3, 1, i -> Thread.currentThread().getName(), threads::add);
        assertThat(threads).containsOnly(Thread.currentThread().getName()).hasSize(3);
    }
}
