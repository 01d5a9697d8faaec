package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The corpus repairs the round trip of every operation needed")
class CorpusRepairsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode swagger(String operation) throws Exception {
        return (ObjectNode) JSON.readTree("{\"swagger\":\"2.0\",\"paths\":{\"/v3/x\":{\"post\":" + operation + "}}}");
    }

    @Test
    @DisplayName("an integer without format whose example does not fit in 32 bits becomes int64, a small one stays")
    void wideIntegersBecomeInt64() throws Exception {
        ObjectNode doc = swagger("{\"responses\":{\"200\":{\"description\":\"OK\",\"schema\":{\"type\":\"object\","
                + "\"properties\":{\"id\":{\"type\":\"integer\",\"example\":2000002124775691},"
                + "\"count\":{\"type\":\"integer\",\"example\":12}}}}}}");

        List<Repair> repairs = new CorpusRepairs().apply(doc);

        ObjectNode properties = (ObjectNode) doc.at("/paths/~1v3~1x/post/responses/200/schema/properties");
        assertThat(properties.at("/id/format").asText()).isEqualTo("int64");
        assertThat(properties.at("/count").has("format")).isFalse();
        assertThat(repairs).extracting(Repair::kind).containsExactly("int64-format");
    }

    @Test
    @DisplayName("a 204 No Content answer loses its schema, a 200 keeps it")
    void noContentHasNoSchema() throws Exception {
        ObjectNode doc = swagger("{\"responses\":{\"204\":{\"description\":\"No Content\",\"schema\":"
                + "{\"type\":\"object\"}},\"200\":{\"description\":\"OK\",\"schema\":{\"type\":\"object\"}}}}");

        List<Repair> repairs = new CorpusRepairs().apply(doc);

        assertThat(doc.at("/paths/~1v3~1x/post/responses/204").has("schema")).isFalse();
        assertThat(doc.at("/paths/~1v3~1x/post/responses/200").has("schema")).isTrue();
        assertThat(repairs).extracting(Repair::kind).containsExactly("no-content-schema");
    }

    @Test
    @DisplayName("a scalar property declared again beside its allOf $ref is removed there, its required kept")
    void allOfRedeclarationsAreRemoved() throws Exception {
        ObjectNode doc = swagger("{\"parameters\":[{\"in\":\"body\",\"name\":\"body\",\"schema\":{\"type\":"
                + "\"object\",\"properties\":{\"bank\":{\"allOf\":[{\"required\":[\"name\"],\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\"}}},"
                + "{\"$ref\":\"#/definitions/Bank\"}]}}}}],\"responses\":{}}");
        doc.putObject("definitions").putObject("Bank").put("type", "object").putObject("properties")
                .putObject("name").put("type", "string").put("format", "base64");

        List<Repair> repairs = new CorpusRepairs().apply(doc);

        JsonNode inline = doc.at("/paths/~1v3~1x/post/parameters/0/schema/properties/bank/allOf/0");
        assertThat(inline.path("properties").has("name")).isFalse();
        assertThat(inline.path("properties").has("kind")).isTrue();
        assertThat(inline.path("required").get(0).asText()).isEqualTo("name");
        assertThat(repairs).extracting(Repair::kind).containsExactly("allof-redeclared");
    }

    @Test
    @DisplayName("an allOf of a string enum $ref and more enum values becomes one string enum with every value")
    void allOfStringEnumsAreOneString() throws Exception {
        ObjectNode doc = swagger("{\"responses\":{\"200\":{\"description\":\"OK\",\"schema\":{\"type\":"
                + "\"object\",\"properties\":{\"state\":{\"allOf\":[{\"$ref\":\"#/definitions/State\"},"
                + "{\"enum\":[\"EXPIRED\"]}]}}}}}}");
        ObjectNode state = doc.putObject("definitions").putObject("State").put("type", "string")
                .put("description", "state");
        state.putArray("enum").add("SENT").add("USED");

        List<Repair> repairs = new CorpusRepairs().apply(doc);

        JsonNode repaired = doc.at("/paths/~1v3~1x/post/responses/200/schema/properties/state");
        assertThat(repaired.path("type").asText()).isEqualTo("string");
        assertThat(repaired.has("allOf")).isFalse();
        assertThat(repaired.path("enum").toString()).isEqualTo("[\"SENT\",\"USED\",\"EXPIRED\"]");
        assertThat(repairs).extracting(Repair::kind).containsExactly("allof-string-enum");
    }
}
