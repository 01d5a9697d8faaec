package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schema-valid JSON instances for answers and example requests, deterministic so every run sends and answers the
 * same bytes. {@link #instance} builds one from the schema alone (every required field, property examples where they
 * fit, else the first enum value, the smallest allowed number or length); {@link #repair} keeps what a spec example
 * gets right and replaces only what {@link SchemaValidator} would refuse: a missing required field, a wrong type,
 * an enum miss, a length or range outside the schema, or a date-time that does not parse. Stateless and
 * thread-safe.
 */
final class SchemaInstances {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DEPTH = 12;

    private SchemaInstances() {
    }

    /** A fresh instance of {@code schema} with its required fields; untyped without example gives an empty object. */
    static JsonNode instance(Schema<?> schema) {
        return instance(schema, 0, false);
    }

    /**
     * A fresh instance of {@code schema} with every property, not only the required ones: an answer built from the
     * schema alone shows the client every field it may map, as the property examples of the spec describe them.
     */
    static JsonNode fullInstance(Schema<?> schema) {
        return instance(schema, 0, true);
    }

    /**
     * {@code candidate} made valid for {@code schema}: a fresh copy in which every value the schema refuses is
     * replaced by an {@link #instance}, and every missing required field is added. Null gives a new instance.
     */
    static JsonNode repair(JsonNode candidate, Schema<?> schema) {
        return repair(candidate, schema, 0);
    }

    private static JsonNode instance(Schema<?> schema, int depth) {
        return instance(schema, depth, false);
    }

    private static JsonNode repair(JsonNode value, Schema<?> schema, int depth) {
        if (schema == null) {
            return value == null ? NODES.objectNode() : value.deepCopy();
        }
        if (value == null || value.isNull() || depth > MAX_DEPTH) {
            return instance(schema, depth);
        }
        String type = typeOf(schema);
        if ("object".equals(type)) {
            if (!value.isObject()) {
                return instance(schema, depth);
            }
            ObjectNode out = NODES.objectNode();
            Map<String, Schema> properties = schema.getProperties();
            value.fields().forEachRemaining(f -> {
                Schema<?> p = properties == null ? null : properties.get(f.getKey());
                out.set(f.getKey(), p == null ? f.getValue().deepCopy() : repair(f.getValue(), p, depth + 1));
            });
            for (String name : required(schema)) {
                if (!out.hasNonNull(name)) {
                    Schema<?> p = properties == null ? null : properties.get(name);
                    out.set(name, p == null ? NODES.textNode("1") : instance(p, depth + 1));
                }
            }
            return out;
        }
        if ("array".equals(type)) {
            if (!value.isArray() || value.isEmpty() && schema.getMinItems() != null && schema.getMinItems() > 0) {
                return instance(schema, depth);
            }
            ArrayNode out = NODES.arrayNode();
            int max = schema.getMaxItems() == null ? Integer.MAX_VALUE : schema.getMaxItems();
            for (int i = 0; i < value.size() && i < max; i++) {
                out.add(repair(value.get(i), schema.getItems(), depth + 1));
            }
            return out;
        }
        return type == null || SchemaValidator.validate(value, schema, "").isEmpty() && dateFits(value, schema)
                ? value.deepCopy() : instance(schema, depth);
    }

    private static JsonNode instance(Schema<?> schema, int depth, boolean full) {
        if (schema == null) {
            return NODES.textNode("1");
        }
        String type = typeOf(schema);
        if (schema.getExample() != null && depth <= MAX_DEPTH) {
            JsonNode example = MAPPER.valueToTree(schema.getExample());
            if ("object".equals(type) || "array".equals(type)) {
                return repair(example, schema, depth + 1);
            }
            if (type == null || SchemaValidator.validate(example, schema, "").isEmpty() && dateFits(example, schema)) {
                return example;
            }
        }
        if (type == null) {
            return NODES.objectNode();
        }
        switch (type) {
            case "object":
                return objectInstance(schema, depth, full);
            case "array":
                return arrayInstance(schema, depth, full);
            case "integer":
            case "number":
                return numberInstance(schema, type);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(text(schema));
        }
    }

    private static ObjectNode objectInstance(Schema<?> schema, int depth, boolean full) {
        ObjectNode out = NODES.objectNode();
        if (depth > MAX_DEPTH) {
            return out;
        }
        Map<String, Schema> properties = schema.getProperties();
        List<String> required = required(schema);
        if (properties != null) {
            // Declaration order, as the spec writes the object (the required list may be sorted).
            properties.forEach((name, p) -> {
                if (full || required.contains(name)) {
                    out.set(name, instance(p, depth + 1, full));
                }
            });
        }
        for (String name : required) {
            if (out.has(name)) {
                continue;
            }
            Schema<?> p = properties == null ? null : properties.get(name);
            out.set(name, instance(p, depth + 1, full));
        }
        return out;
    }

    private static ArrayNode arrayInstance(Schema<?> schema, int depth, boolean full) {
        ArrayNode out = NODES.arrayNode();
        int count = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
        if (schema.getMaxItems() != null) {
            count = Math.min(count, schema.getMaxItems());
        }
        for (int i = 0; i < count && depth <= MAX_DEPTH; i++) {
            out.add(instance(schema.getItems(), depth + 1, full));
        }
        return out;
    }

    /** The first enum value, else 1 moved into [minimum, maximum]. */
    private static JsonNode numberInstance(Schema<?> schema, String type) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return MAPPER.valueToTree(schema.getEnum().get(0));
        }
        BigDecimal n = BigDecimal.ONE;
        if (schema.getMinimum() != null && n.compareTo(schema.getMinimum()) < 0) {
            n = schema.getMinimum();
        }
        if (schema.getMaximum() != null && n.compareTo(schema.getMaximum()) > 0) {
            n = schema.getMaximum();
        }
        return "integer".equals(type) ? NODES.numberNode(n.toBigInteger().longValueExact()) : NODES.numberNode(n);
    }

    /** A string the schema accepts: the first enum value, a date or date-time, else digits of an allowed length. */
    private static String text(Schema<?> schema) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(0));
        }
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        if (format.equals("date")) {
            return "2026-01-01";
        }
        if (format.equals("date-time") || format.equals("rfc3339")) {
            return "2026-01-01T00:00:00+08:00";
        }
        int length = Math.max(1, schema.getMinLength() == null ? 1 : schema.getMinLength());
        if (schema.getMaxLength() != null) {
            length = Math.min(length, schema.getMaxLength());
        }
        return "1".repeat(length);
    }

    /** Whether a string with a date or date-time format parses as one (the client reads it into java.time). */
    private static boolean dateFits(JsonNode value, Schema<?> schema) {
        if (!value.isTextual() || schema.getFormat() == null) {
            return true;
        }
        try {
            if (schema.getFormat().equals("date-time")) {
                OffsetDateTime.parse(value.asText());
            } else if (schema.getFormat().equals("date")) {
                LocalDate.parse(value.asText());
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<String> required(Schema<?> schema) {
        return schema.getRequired() == null ? List.of() : new ArrayList<>(schema.getRequired());
    }

    private static String typeOf(Schema<?> schema) {
        String type = SpecOperation.typeOf(schema);
        if (type == null && schema.getProperties() != null) {
            return "object";
        }
        if (type == null && schema.getItems() != null) {
            return "array";
        }
        return type;
    }
}
