package dev.wxpay.codegen.select;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Closest names")
class ClosestNamesTest {

    @Test
    @DisplayName("are the three nearest by edit distance, ignoring case, ties in name order")
    void nearest() {
        assertThat(ClosestNames.to("Refnd", List.of("pay", "refund", "marketing", "payscore", "refunds")))
                .containsExactly("refund", "refunds", "pay");
    }

    @Test
    @DisplayName("say so when there is nothing to choose from")
    void empty() {
        assertThat(ClosestNames.describe("pay", List.of())).isEqualTo("there is nothing to choose from");
        assertThat(ClosestNames.describe("pya", List.of("pay"))).isEqualTo("closest: pay");
    }
}
