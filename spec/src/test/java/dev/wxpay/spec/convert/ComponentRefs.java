package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Local component references ({@code #/components/<kind>/<name>}) of an OpenAPI 3 document: which components a
 * part of the document reaches, and renaming them. Any string value counts, not only {@code $ref}, so that
 * extensions such as {@code x-wxpay-notification.resource-schema} keep their schema. Stateless.
 */
final class ComponentRefs {
    static final String PREFIX = "#/components/";

    private ComponentRefs() {
    }

    /** The references {@code node} makes, directly and through the components of {@code components}, in first-seen order. */
    static Set<String> closure(JsonNode node, JsonNode components) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<JsonNode> work = new ArrayDeque<>();
        work.add(node);
        while (!work.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            direct(work.poll(), found);
            for (String ref : found) {
                if (seen.add(ref)) {
                    JsonNode target = resolve(components, ref);
                    if (target == null) {
                        throw new IllegalStateException("Unresolved reference " + ref);
                    }
                    work.add(target);
                }
            }
        }
        return seen;
    }

    /** The component {@code ref} names in {@code components}, or null. */
    static JsonNode resolve(JsonNode components, String ref) {
        String[] parts = ref.substring(PREFIX.length()).split("/", 2);
        JsonNode target = parts.length < 2 ? null : components.path(parts[0]).get(parts[1]);
        return target;
    }

    /** Rewrites, in place, every string value of {@code node} that is a key of {@code renames}. */
    static void rename(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String renamed = field.getValue().isTextual() ? renames.get(field.getValue().asText()) : null;
                if (renamed != null) {
                    field.setValue(TextNode.valueOf(renamed));
                } else {
                    rename(field.getValue(), renames);
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                String renamed = array.get(i).isTextual() ? renames.get(array.get(i).asText()) : null;
                if (renamed != null) {
                    array.set(i, TextNode.valueOf(renamed));
                } else {
                    rename(array.get(i), renames);
                }
            }
        }
    }

    private static void direct(JsonNode node, Set<String> found) {
        if (node.isTextual()) {
            if (node.asText().startsWith(PREFIX)) {
                found.add(node.asText());
            }
        } else {
            node.forEach(child -> direct(child, found));
        }
    }
}
