package dev.wxpay.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small check of a JSON value against an OpenAPI 3.0 schema, both given as Jackson trees of the raw
 * document: JSON types, required and unknown properties, enums, lengths, integer ranges and date-times.
 * It is enough to catch a missing required field, a misspelt property or a string where an integer belongs in an
 * example; it is not a full JSON Schema validator. Immutable and thread-safe.
 */
final class ExampleChecker {
    private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";

    private final JsonNode document;

    ExampleChecker(JsonNode document) {
        this.document = document;
    }

    /** Returns one message per violation, each naming the JSON path under {@code where}; empty when the value fits. */
    List<String> check(JsonNode value, JsonNode schema, String where) {
        List<String> violations = new ArrayList<>();
        check(value, schema, where, violations);
        return violations;
    }

    private void check(JsonNode value, JsonNode schema, String where, List<String> out) {
        JsonNode resolved = resolve(schema, where, out);
        if (resolved == null) {
            return;
        }
        if (value.isNull()) {
            if (!resolved.path("nullable").asBoolean(false)) {
                out.add(where + ": null is not allowed");
            }
            return;
        }
        String type = resolved.path("type").asText("");
        switch (type) {
            case "object":
                checkObject(value, resolved, where, out);
                break;
            case "array":
                if (!value.isArray()) {
                    out.add(where + ": expected an array but was " + kind(value));
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), resolved.path("items"), where + "[" + i + "]", out);
                }
                break;
            case "string":
                checkString(value, resolved, where, out);
                break;
            case "integer":
                checkInteger(value, resolved, where, out);
                break;
            case "number":
                if (!value.isNumber()) {
                    out.add(where + ": expected a number but was " + kind(value));
                }
                break;
            case "boolean":
                if (!value.isBoolean()) {
                    out.add(where + ": expected a boolean but was " + kind(value));
                }
                break;
            default:
                out.add(where + ": schema has no supported type ('" + type + "')");
                return;
        }
        JsonNode allowed = resolved.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode candidate : allowed) {
                found |= candidate.equals(value);
            }
            if (!found) {
                out.add(where + ": " + value + " is not one of " + allowed);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String where, List<String> out) {
        if (!value.isObject()) {
            out.add(where + ": expected an object but was " + kind(value));
            return;
        }
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                out.add(where + ": required property " + name.asText() + " is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = where + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), path, out);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, path, out);
            } else if (additional == null || !additional.asBoolean(false)) {
                out.add(path + ": property is not declared by the schema");
            }
        }
    }

    private static void checkString(JsonNode value, JsonNode schema, String where, List<String> out) {
        if (!value.isTextual()) {
            out.add(where + ": expected a string but was " + kind(value));
            return;
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            out.add(where + ": longer than maxLength " + schema.get("maxLength").asInt());
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            out.add(where + ": shorter than minLength " + schema.get("minLength").asInt());
        }
        if (schema.has("pattern") && !text.matches(schema.get("pattern").asText())) {
            out.add(where + ": does not match pattern " + schema.get("pattern").asText());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                out.add(where + ": '" + text + "' is not an RFC 3339 date-time with an offset");
            }
        }
    }

    private static void checkInteger(JsonNode value, JsonNode schema, String where, List<String> out) {
        if (!value.isIntegralNumber()) {
            out.add(where + ": expected an integer but was " + kind(value));
            return;
        }
        String format = schema.path("format").asText("");
        if ("int32".equals(format) && !value.canConvertToInt()) {
            out.add(where + ": " + value + " does not fit int32");
        }
        if ("int64".equals(format) && !value.canConvertToLong()) {
            out.add(where + ": " + value + " does not fit int64");
        }
        if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
            out.add(where + ": " + value + " is below minimum " + schema.get("minimum").asLong());
        }
        if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
            out.add(where + ": " + value + " is above maximum " + schema.get("maximum").asLong());
        }
    }

    private JsonNode resolve(JsonNode schema, String where, List<String> out) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith(SCHEMA_REF_PREFIX) || hops > 20) {
                out.add(where + ": cannot follow schema reference " + ref);
                return null;
            }
            current = document.path("components").path("schemas").get(ref.substring(SCHEMA_REF_PREFIX.length()));
            if (current == null) {
                out.add(where + ": schema reference " + ref + " points nowhere");
                return null;
            }
        }
        if (current == null || current.isMissingNode()) {
            out.add(where + ": no schema to check against");
            return null;
        }
        return current;
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
