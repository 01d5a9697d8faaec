package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assembles the OpenAPI 3.0.3 document of one product from converted path items and curated ones, with exactly
 * the components they reach. Curated component names win: a converted component of the same kind and name is
 * renamed ({@code Name_2}, {@code Name_3}, … the first free name) and every reference to it rewritten. One
 * instance per product; not thread-safe.
 */
final class ProductAssembler {
    /** Component kinds in the order OpenAPI lists them. */
    private static final List<String> KINDS = List.of("schemas", "responses", "parameters", "examples", "requestBodies",
            "headers", "securitySchemes", "links", "callbacks");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A path item of the product and where it comes from. */
    record Entry(String path, ObjectNode item, CuratedFile curated) {
    }

    private final String product;
    private final List<Entry> entries = new ArrayList<>();

    ProductAssembler(String product) {
        this.product = product;
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The product document.
     *
     * @param header the document's {@code openapi}, {@code info}, {@code servers} and {@code security}, copied first
     * @param converted the converted corpus' components
     * @param defaultSchemes security schemes every document declares unless a curated file defines the same name
     * @param tagDescriptions descriptions of converted tags
     * @param repairs where component renames are reported
     */
    ObjectNode assemble(ObjectNode header, JsonNode converted, ObjectNode defaultSchemes,
                        Map<String, String> tagDescriptions, List<Repair> repairs) {
        Map<String, JsonNode> curatedComponents = new LinkedHashMap<>();
        ObjectNode convertedItems = JSON.objectNode();
        for (Entry entry : entries) {
            if (entry.curated() == null) {
                convertedItems.set(entry.path(), entry.item());
            } else {
                for (String ref : ComponentRefs.closure(entry.item(), entry.curated().components())) {
                    JsonNode value = ComponentRefs.resolve(entry.curated().components(), ref);
                    JsonNode previous = curatedComponents.putIfAbsent(ref, value);
                    if (previous != null && !previous.equals(value)) {
                        throw new IllegalStateException("Curated files define " + ref + " differently (product " + product + ")");
                    }
                }
                entry.curated().components().path("securitySchemes").fields().forEachRemaining(
                        f -> curatedComponents.putIfAbsent(ComponentRefs.PREFIX + "securitySchemes/" + f.getKey(), f.getValue()));
            }
        }
        Set<String> convertedRefs = ComponentRefs.closure(convertedItems, converted);
        Map<String, String> renames = new TreeMap<>();
        Set<String> taken = new LinkedHashSet<>(convertedRefs);
        taken.addAll(curatedComponents.keySet());
        for (String ref : convertedRefs) {
            if (curatedComponents.containsKey(ref)) {
                int n = 2;
                while (taken.contains(ref + "_" + n)) {
                    n++;
                }
                renames.put(ref, ref + "_" + n);
                taken.add(ref + "_" + n);
                repairs.add(new Repair("", "", ref, "component-renamed", "converted " + ref + " renamed to "
                        + ref + "_" + n + " in " + product + ".yaml (a curated file defines the name)"));
            }
        }
        ObjectNode doc = header.deepCopy();
        doc.set("tags", tags(tagDescriptions));
        ObjectNode paths = doc.putObject("paths");
        for (Entry entry : entries) {
            ObjectNode item = entry.item().deepCopy();
            if (entry.curated() == null) {
                ComponentRefs.rename(item, renames);
            }
            paths.set(entry.path(), item);
        }
        doc.set("components", components(converted, convertedRefs, renames, curatedComponents, defaultSchemes));
        return doc;
    }

    private ObjectNode components(JsonNode converted, Set<String> convertedRefs, Map<String, String> renames,
                                  Map<String, JsonNode> curated, ObjectNode defaultSchemes) {
        Map<String, ObjectNode> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k, JSON.objectNode()));
        for (String ref : convertedRefs) {
            JsonNode value = ComponentRefs.resolve(converted, ref).deepCopy();
            ComponentRefs.rename(value, renames);
            put(byKind, renames.getOrDefault(ref, ref), value);
        }
        curated.forEach((ref, value) -> put(byKind, ref, value.deepCopy()));
        defaultSchemes.fields().forEachRemaining(f -> {
            if (!byKind.get("securitySchemes").has(f.getKey())) {
                byKind.get("securitySchemes").set(f.getKey(), f.getValue().deepCopy());
            }
        });
        ObjectNode components = JSON.objectNode();
        byKind.forEach((kind, values) -> {
            if (!values.isEmpty()) {
                components.set(kind, values);
            }
        });
        return components;
    }

    private static void put(Map<String, ObjectNode> byKind, String ref, JsonNode value) {
        String[] parts = ref.substring(ComponentRefs.PREFIX.length()).split("/", 2);
        ObjectNode kind = byKind.get(parts[0]);
        if (kind == null) {
            throw new IllegalStateException("Unknown component kind in " + ref);
        }
        kind.set(parts[1], value);
    }

    /** Tag objects for the tags the operations use, sorted by name. */
    private ArrayNode tags(Map<String, String> tagDescriptions) {
        Map<String, JsonNode> tags = new TreeMap<>();
        for (Entry entry : entries) {
            entry.item().fields().forEachRemaining(op -> op.getValue().path("tags").forEach(t -> {
                String name = t.asText();
                if (tags.containsKey(name)) {
                    return;
                }
                JsonNode curatedTag = entry.curated() == null ? null : entry.curated().tag(name);
                if (curatedTag != null) {
                    tags.put(name, curatedTag.deepCopy());
                } else {
                    ObjectNode tag = JSON.objectNode().put("name", name);
                    String description = tagDescriptions.get(name);
                    if (description != null && !description.isEmpty()) {
                        tag.put("description", description);
                    }
                    tags.put(name, tag);
                }
            }));
        }
        ArrayNode array = JSON.arrayNode();
        tags.values().forEach(array::add);
        return array;
    }
}
