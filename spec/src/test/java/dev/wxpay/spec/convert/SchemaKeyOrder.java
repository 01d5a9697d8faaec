package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts {@code default} and {@code enum} of every converted schema in one fixed place: after the schema's other
 * keys, {@code default} first, before its extensions ({@code x-...}). Stateless.
 *
 * <p>Why: Swagger Parser's model keeps them in fields named {@code _default} and {@code _enum}, so Jackson orders
 * these two properties by its getters, in the order reflection lists a class's methods. The JVM does not fix that
 * order; it changed between the {@code -Pconvert} run and the test's in-process conversion, which wrote one
 * {@code default}/{@code enum} pair of {@code merchant.yaml} the other way round. Every other key has a field of its
 * name, whose declaration order Jackson follows, and extensions are written last.
 */
final class SchemaKeyOrder {
    /** Keys whose values are data, not schemas: never entered. */
    private static final Set<String> VALUES = Set.of("example", "examples", "enum", "default");
    private static final List<String> LAST = List.of("default", "enum");

    private SchemaKeyOrder() {
    }

    /** Reorders, in place, the keys of every schema under {@code node} (an OpenAPI 3 document or any part of it). */
    static void apply(JsonNode node) {
        if (node.isArray()) {
            node.forEach(SchemaKeyOrder::apply);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.path("type").isTextual() && (object.has("default") || object.has("enum"))) {
            reorder(object);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                field.getValue().forEach(SchemaKeyOrder::apply); // keyed by property name, which may be "enum"
            } else if (!VALUES.contains(field.getKey())) {
                apply(field.getValue());
            }
        }
    }

    /** {@code schema}'s keys in canonical order: its own keys, then {@code default}, {@code enum}, extensions. */
    static void reorder(ObjectNode schema) {
        Map<String, JsonNode> own = new LinkedHashMap<>();
        Map<String, JsonNode> extensions = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        schema.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.startsWith("x-")) {
                extensions.put(name, schema.get(name));
            } else if (!LAST.contains(name)) {
                own.put(name, schema.get(name));
            }
        }
        for (String name : LAST) {
            if (schema.has(name)) {
                own.put(name, schema.get(name));
            }
        }
        own.putAll(extensions);
        schema.removeAll();
        schema.setAll(own);
    }
}
