package dev.wxpay.codegen;

import io.swagger.v3.oas.models.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape of an inline schema as a text key: what the generated class depends on (types, formats, references,
 * property names in order, required lists, items, map values, compositions, enum values, extensions such as
 * {@code x-wxpay-sensitive}), and not what only documents it (descriptions, titles, examples). Two inline objects
 * with the same key generate the same class. Stateless and thread-safe.
 */
final class SchemaShape {
    /** Inline schemas nest a few levels; anything deeper is compared by identity so the key stays bounded. */
    private static final int MAX_DEPTH = 24;

    private SchemaShape() {
    }

    /** The shape key of {@code schema}. */
    static String of(Schema<?> schema) {
        StringBuilder key = new StringBuilder();
        append(key, schema, 0);
        return key.toString();
    }

    @SuppressWarnings("rawtypes")
    private static void append(StringBuilder key, Schema<?> schema, int depth) {
        if (schema == null) {
            key.append('-');
            return;
        }
        if (depth > MAX_DEPTH) {
            key.append("@").append(System.identityHashCode(schema));
            return;
        }
        key.append('{');
        field(key, "$ref", schema.get$ref());
        field(key, "type", schema.getType());
        field(key, "format", schema.getFormat());
        field(key, "enum", schema.getEnum());
        field(key, "required", schema.getRequired());
        if (schema.getExtensions() != null && !schema.getExtensions().isEmpty()) {
            field(key, "x", new TreeMap<>(schema.getExtensions()));
        }
        if (schema.getProperties() != null) {
            key.append("props(");
            for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                key.append(property.getKey()).append('=');
                append(key, property.getValue(), depth + 1);
            }
            key.append(')');
        }
        if (schema.getItems() != null) {
            key.append("items=");
            append(key, schema.getItems(), depth + 1);
        }
        Object additional = schema.getAdditionalProperties();
        if (additional instanceof Schema<?> values) {
            key.append("values=");
            append(key, values, depth + 1);
        } else if (additional != null) {
            field(key, "additional", additional);
        }
        composition(key, "allOf", schema.getAllOf(), depth);
        composition(key, "oneOf", schema.getOneOf(), depth);
        composition(key, "anyOf", schema.getAnyOf(), depth);
        key.append('}');
    }

    @SuppressWarnings("rawtypes")
    private static void composition(StringBuilder key, String name, List<Schema> parts, int depth) {
        if (parts == null) {
            return;
        }
        key.append(name).append('[');
        for (Schema part : parts) {
            append(key, part, depth + 1);
        }
        key.append(']');
    }

    private static void field(StringBuilder key, String name, Object value) {
        if (value != null) {
            key.append(name).append('=').append(value).append(';');
        }
    }
}
