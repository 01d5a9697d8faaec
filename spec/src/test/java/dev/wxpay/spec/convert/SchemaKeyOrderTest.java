package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The key order of converted schemas")
class SchemaKeyOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    @DisplayName("is the same whichever order default and enum arrive in: own keys, default, enum, extensions")
    void defaultAndEnumHaveOnePlace() throws Exception {
        ObjectNode enumFirst = (ObjectNode) JSON.readTree(
                "{\"type\":\"string\",\"enum\":[\"NO_SUCC\"],\"default\":\"NO_SUCC\",\"x-a\":1,\"description\":\"d\"}");
        ObjectNode defaultFirst = (ObjectNode) JSON.readTree(
                "{\"type\":\"string\",\"default\":\"NO_SUCC\",\"x-a\":1,\"enum\":[\"NO_SUCC\"],\"description\":\"d\"}");

        SchemaKeyOrder.apply(enumFirst);
        SchemaKeyOrder.apply(defaultFirst);

        assertThat(keys(enumFirst)).containsExactly("type", "description", "default", "enum", "x-a");
        assertThat(keys(defaultFirst)).containsExactly("type", "description", "default", "enum", "x-a");
        assertThat(enumFirst).isEqualTo(defaultFirst);
    }

    @Test
    @DisplayName("reaches nested schemas, and leaves example values and maps keyed by name as they are")
    void onlySchemasAreReordered() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree("{\"type\":\"object\",\"properties\":{"
                + "\"enum\":{\"type\":\"string\",\"enum\":[\"A\"],\"default\":\"A\"},"
                + "\"default\":{\"type\":\"integer\"}},"
                + "\"example\":{\"type\":\"x\",\"enum\":1,\"default\":2},"
                + "\"responses\":{\"default\":{\"description\":\"e\"},\"200\":{\"description\":\"OK\"}}}");

        SchemaKeyOrder.apply(doc);

        assertThat(keys(doc.get("properties"))).containsExactly("enum", "default");
        assertThat(keys(doc.at("/properties/enum"))).containsExactly("type", "default", "enum");
        assertThat(keys(doc.get("example"))).containsExactly("type", "enum", "default");
        assertThat(keys(doc.get("responses"))).containsExactly("default", "200");
    }
}
