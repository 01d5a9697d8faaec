package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON values against Swagger Parser schemas the way WeChat Pay answers PARAM_ERROR: required fields,
 * types (with int32/int64 ranges), string lengths, enums, array sizes. Every violation names its field by JSON path
 * ({@code sign_plan_detail[0].plan_detail_no}). Stateless and thread-safe.
 */
final class SchemaValidator {

    /** One violation: {@code field} is the JSON path, {@code issue} says what is wrong. */
    record Violation(String field, String issue, JsonNode value) {
        String message() {
            return field + " " + issue;
        }
    }

    private SchemaValidator() {
    }

    static List<Violation> validate(JsonNode value, Schema<?> schema, String path) {
        List<Violation> out = new ArrayList<>();
        check(value, schema, path, out, 0);
        return out;
    }

    /** Checks a parameter given as text (path or query) against its schema's type and lengths. */
    static List<Violation> validateText(String text, Schema<?> schema, String name) {
        List<Violation> out = new ArrayList<>();
        if (schema == null) {
            return out;
        }
        String type = SpecOperation.typeOf(schema);
        JsonNode node = com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
        if ("integer".equals(type)) {
            try {
                new BigDecimal(text).toBigIntegerExact();
            } catch (ArithmeticException | NumberFormatException e) {
                out.add(new Violation(name, "must be an integer", node));
            }
            return out;
        }
        if ("string".equals(type) || type == null) {
            checkString(text, schema, name, node, out);
        }
        return out;
    }

    private static void check(JsonNode value, Schema<?> schema, String path, List<Violation> out, int depth) {
        if (schema == null || value == null || value.isNull() || depth > 32) {
            return;
        }
        String type = SpecOperation.typeOf(schema);
        if (type == null && schema.getProperties() != null) {
            type = "object";
        }
        if (type == null) {
            return; // an untyped schema accepts anything
        }
        switch (type) {
            case "object":
                if (!value.isObject()) {
                    out.add(new Violation(path, "must be an object", value));
                    return;
                }
                checkObject(value, schema, path, out, depth);
                return;
            case "array":
                if (!value.isArray()) {
                    out.add(new Violation(path, "must be an array", value));
                    return;
                }
                checkArray(value, schema, path, out, depth);
                return;
            case "string":
                if (!value.isTextual()) {
                    out.add(new Violation(path, "must be a string", value));
                    return;
                }
                checkString(value.asText(), schema, path, value, out);
                return;
            case "integer":
                if (!value.isIntegralNumber()) {
                    out.add(new Violation(path, "must be an integer", value));
                    return;
                }
                checkInteger(value, schema, path, out);
                return;
            case "number":
                if (!value.isNumber()) {
                    out.add(new Violation(path, "must be a number", value));
                    return;
                }
                checkRange(value, schema, path, out);
                return;
            case "boolean":
                if (!value.isBoolean()) {
                    out.add(new Violation(path, "must be a boolean", value));
                }
                return;
            default:
                return;
        }
    }

    private static void checkArray(JsonNode value, Schema<?> schema, String path, List<Violation> out, int depth) {
        if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
            out.add(new Violation(path, "must hold at least " + schema.getMinItems() + " items", value));
        }
        if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
            out.add(new Violation(path, "must hold at most " + schema.getMaxItems() + " items", value));
        }
        for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.getItems(), path + "[" + i + "]", out, depth + 1);
        }
    }

    private static void checkInteger(JsonNode value, Schema<?> schema, String path, List<Violation> out) {
        if ("int32".equals(schema.getFormat()) && !value.canConvertToInt()) {
            out.add(new Violation(path, "must fit in a 32-bit integer", value));
        } else if (!value.canConvertToLong()) {
            out.add(new Violation(path, "must fit in a 64-bit integer", value));
        }
        checkRange(value, schema, path, out);
        checkEnum(value, schema, path, out);
    }

    private static void checkObject(JsonNode value, Schema<?> schema, String path, List<Violation> out, int depth) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (schema.getRequired() != null) {
            for (String name : schema.getRequired()) {
                JsonNode field = value.get(name);
                if (field == null || field.isNull()) {
                    out.add(new Violation(prefix + name, "is required", null));
                }
            }
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Schema<?> p = properties.get(f.getKey());
            if (p != null) {
                check(f.getValue(), p, prefix + f.getKey(), out, depth + 1);
            }
        }
    }

    private static void checkString(String text, Schema<?> schema, String path, JsonNode node, List<Violation> out) {
        int length = text.codePointCount(0, text.length());
        if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
            out.add(new Violation(path, "must be at most " + schema.getMaxLength() + " characters long", node));
        }
        if (schema.getMinLength() != null && length < schema.getMinLength()) {
            out.add(new Violation(path, "must be at least " + schema.getMinLength() + " characters long", node));
        }
        checkEnum(node, schema, path, out);
    }

    private static void checkEnum(JsonNode value, Schema<?> schema, String path, List<Violation> out) {
        if (schema.getEnum() == null || schema.getEnum().isEmpty()) {
            return;
        }
        for (Object allowed : schema.getEnum()) {
            if (allowed != null && allowed.toString().equals(value.asText())) {
                return;
            }
        }
        out.add(new Violation(path, "must be one of " + schema.getEnum(), value));
    }

    private static void checkRange(JsonNode value, Schema<?> schema, String path, List<Violation> out) {
        BigDecimal number = value.decimalValue();
        if (schema.getMinimum() != null && number.compareTo(schema.getMinimum()) < 0) {
            out.add(new Violation(path, "must be at least " + schema.getMinimum(), value));
        }
        if (schema.getMaximum() != null && number.compareTo(schema.getMaximum()) > 0) {
            out.add(new Violation(path, "must be at most " + schema.getMaximum(), value));
        }
    }
}
