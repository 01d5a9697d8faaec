package dev.wxpay.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The example checker")
class ExampleCheckerTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DOCUMENT = String.join("\n",
            "components:",
            "  schemas:",
            "    Plan:",
            "      type: object",
            "      required: [plan_id, quantity]",
            "      properties:",
            "        plan_id: {type: string, maxLength: 8}",
            "        quantity: {type: integer, format: int32}",
            "        state: {type: string, enum: [USING, STOPPED]}",
            "        over_time: {type: string, format: date-time}",
            "        details: {type: array, items: {$ref: '#/components/schemas/Detail'}}",
            "    Detail:",
            "      type: object",
            "      required: [seq]",
            "      properties:",
            "        seq: {type: integer, format: int32}",
            "");
    private static final JsonNode PLAN = node("{$ref: '#/components/schemas/Plan'}");

    private final ExampleChecker checker = new ExampleChecker(node(DOCUMENT));

    @Test
    @DisplayName("accepts a value that fits its schema")
    void acceptsAFittingValue() {
        assertThat(checker.check(node("{plan_id: P1, quantity: 3, state: USING, over_time: '2021-05-20T13:29:35.120+08:00',"
                + " details: [{seq: 1}]}"), PLAN, "ex")).isEmpty();
    }

    @Test
    @DisplayName("reports a missing required field, also inside arrays of referenced schemas")
    void reportsMissingRequiredFields() {
        assertThat(checker.check(node("{plan_id: P1, details: [{}]}"), PLAN, "ex")).containsExactly(
                "ex: required property quantity is missing", "ex.details[0]: required property seq is missing");
    }

    @Test
    @DisplayName("reports a string where an integer belongs")
    void reportsAStringForAnInteger() {
        assertThat(checker.check(node("{plan_id: P1, quantity: '3'}"), PLAN, "ex"))
                .containsExactly("ex.quantity: expected an integer but was string \"3\"");
    }

    @Test
    @DisplayName("reports undeclared properties, enum misses, over-long strings, int32 overflow and bad date-times")
    void reportsTheOtherViolations() {
        assertThat(checker.check(node("{plan_id: P123456789, quantity: 3000000000, state: GONE, over_time: '2021-05-20 13:29',"
                + " total_original_price: 1}"), PLAN, "ex")).containsExactly(
                "ex.plan_id: longer than maxLength 8",
                "ex.quantity: 3000000000 does not fit int32",
                "ex.state: \"GONE\" is not one of [\"USING\",\"STOPPED\"]",
                "ex.over_time: '2021-05-20 13:29' is not an RFC 3339 date-time with an offset",
                "ex.total_original_price: property is not declared by the schema");
    }

    private static JsonNode node(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }
}
