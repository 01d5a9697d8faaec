package dev.wxpay.codegen.select;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("An operation pattern")
class OperationPatternTest {

    @Test
    @DisplayName("with a single star matches the characters of one path segment, for the method given")
    void singleStar() {
        OperationPattern p = OperationPattern.parse("includes", "post /v3/pay/transactions/*");
        assertThat(p).hasToString("POST /v3/pay/transactions/*");
        assertThat(p.matches("POST", "/v3/pay/transactions/jsapi", "x")).isTrue();
        assertThat(p.matches("GET", "/v3/pay/transactions/jsapi", "x")).isFalse();
        assertThat(p.matches("POST", "/v3/pay/transactions/id/{transaction_id}", "x")).isFalse();
        assertThat(p.matches("POST", "/v3/pay/transactions", "x")).isFalse();
    }

    @Test
    @DisplayName("with /** matches any number of segments, none included, and * matches every method")
    void doubleStar() {
        OperationPattern p = OperationPattern.parse("includes", "* /v3/refund/**");
        assertThat(p.matches("GET", "/v3/refund/domestic/refunds/{out_refund_no}", "x")).isTrue();
        assertThat(p.matches("POST", "/v3/refund/domestic/refunds", "x")).isTrue();
        assertThat(p.matches("DELETE", "/v3/refund", "x")).isTrue();
        assertThat(p.matches("GET", "/v3/refunds", "x")).isFalse();
        assertThat(p.matches("GET", "/v3/pay/refund/x", "x")).isFalse();
    }

    @Test
    @DisplayName("takes braces and dots in a path literally")
    void literalCharacters() {
        OperationPattern p = OperationPattern.parse("includes", "GET /v3/pay/transactions/id/{transaction_id}");
        assertThat(p.matches("GET", "/v3/pay/transactions/id/{transaction_id}", "x")).isTrue();
        assertThat(p.matches("GET", "/v3/pay/transactions/id/abc", "x")).isFalse();
    }

    @Test
    @DisplayName("without a space is an operationId, where a star stands for any characters")
    void operationId() {
        OperationPattern p = OperationPattern.parse("includes", "createPartner*");
        assertThat(p.isPathPattern()).isFalse();
        assertThat(p.matches("POST", "/v3/a", "createPartnerPayscorePlan")).isTrue();
        assertThat(p.matches("POST", "/v3/a", "createPayscorePlan")).isFalse();
        assertThat(OperationPattern.parse("includes", "getPlan").matches("GET", "/v3/a", "getPlans")).isFalse();
    }

    @Test
    @DisplayName("refuses a path without a method, naming the setting and how to write it")
    void pathWithoutMethod() {
        assertThatThrownBy(() -> OperationPattern.parse("excludes", "/v3/refund/**"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("excludes pattern \"/v3/refund/**\" has a path but no method: write \"* /v3/refund/**\""
                        + " for every method");
    }

    @Test
    @DisplayName("refuses a word that is not an HTTP method, and a path that does not start with a slash")
    void badMethodOrPath() {
        assertThatThrownBy(() -> OperationPattern.parse("includes", "SEND /v3/pay"))
                .hasMessageContaining("SEND is not an HTTP method or *");
        assertThatThrownBy(() -> OperationPattern.parse("includes", "GET v3/pay"))
                .hasMessageContaining("the path must start with /");
        assertThatThrownBy(() -> OperationPattern.parse("includes", "  "))
                .hasMessage("includes has an empty pattern");
    }
}
