package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schema instances for answers and example requests")
class SchemaInstancesTest {

    /** {name (required, 2..4 chars), kind (required enum), count (int32), when (date-time), items (required)}. */
    private static Schema<?> schema() {
        ObjectSchema item = new ObjectSchema();
        item.addProperty("seq", new IntegerSchema().minimum(java.math.BigDecimal.TEN));
        item.setRequired(List.of("seq"));
        ObjectSchema schema = new ObjectSchema();
        schema.addProperty("name", new StringSchema().minLength(2).maxLength(4));
        schema.addProperty("kind", new StringSchema()._enum(List.of("SMALL", "LARGE")));
        schema.addProperty("count", new IntegerSchema().format("int32"));
        schema.addProperty("when", new StringSchema().format("date-time"));
        schema.addProperty("items", new ArraySchema().items(item));
        schema.setRequired(List.of("name", "kind", "items"));
        return schema;
    }

    @Test
    @DisplayName("an instance has every required field, valid, and nothing optional")
    void instanceHasTheRequiredFields() {
        JsonNode instance = SchemaInstances.instance(schema());

        assertThat(SchemaValidator.validate(instance, schema(), "")).isEmpty();
        assertThat(instance.toString()).isEqualTo("{\"name\":\"11\",\"kind\":\"SMALL\",\"items\":[{\"seq\":10}]}");
        assertThat(SchemaInstances.instance(schema())).as("deterministic").isEqualTo(instance);
    }

    @Test
    @DisplayName("a full instance has the optional fields too, a date-time that parses among them")
    void fullInstanceHasEveryField() {
        JsonNode full = SchemaInstances.fullInstance(schema());

        assertThat(SchemaValidator.validate(full, schema(), "")).isEmpty();
        assertThat(full.path("count").asInt()).isEqualTo(1);
        assertThat(java.time.OffsetDateTime.parse(full.path("when").asText())).isNotNull();
    }

    @Test
    @DisplayName("a repair keeps what an example gets right and replaces what the schema refuses")
    void repairKeepsWhatIsRight() throws Exception {
        JsonNode example = MerchantCalls.JSON.readTree("{\"name\":\"abc\",\"kind\":\"HUGE\",\"count\":2147483648,"
                + "\"when\":\"yesterday\",\"items\":[{\"seq\":12},{\"label\":\"x\"}],\"extra\":true}");

        JsonNode repaired = SchemaInstances.repair(example, schema());

        assertThat(SchemaValidator.validate(repaired, schema(), "")).isEmpty();
        assertThat(repaired.path("name").asText()).isEqualTo("abc");
        assertThat(repaired.path("kind").asText()).isEqualTo("SMALL");
        assertThat(repaired.path("count").asInt()).isEqualTo(1);
        assertThat(repaired.path("when").asText()).isEqualTo("2026-01-01T00:00:00+08:00");
        assertThat(repaired.path("items").toString()).isEqualTo("[{\"seq\":12},{\"label\":\"x\",\"seq\":10}]");
        assertThat(repaired.path("extra").asBoolean()).as("unknown fields are left as they are").isTrue();
        assertThat(example.path("kind").asText()).as("the example itself is not changed").isEqualTo("HUGE");
    }
}
