package dev.wxpay.codegen;

import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.NameAllocator;
import dev.wxpay.codegen.naming.ShortNames;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves inline object schemas into {@code components/schemas}, named from where they sit, so every generated
 * class has a stable, meaningful name (never {@code Amount_1}):
 * <ul>
 *   <li>a request body: operation + {@code Request} ({@code CreatePlanRequest});</li>
 *   <li>a 2xx answer: operation + {@code Response};</li>
 *   <li>an object property, array items or map values: a static nested class of the class that owns the
 *       property, named after it ({@code time_range} of {@code CreatePlanRequest} is
 *       {@code CreatePlanRequest.TimeRange}; the items of {@code goods_detail} are {@code GoodsDetail}).</li>
 * </ul>
 * A nested schema still moves to the components (OpenAPI Generator models it like any other) under an internal
 * name that never reaches a file; the extensions {@value #NESTED_IN} (the owner's components name) and
 * {@value #NESTED_NAME} (the simple name) tell {@link SchemaBuilder} where it is printed. A nested name never
 * equals a top-level class name of the spec (that class could no longer be named by its simple name inside the
 * owner), a type the model files use ({@code List}, {@code Objects}, ...), an enclosing class or a sibling; on
 * such a clash it takes the suffix {@code Value}, then a counter (the rule of {@link NameAllocator}).
 * Operations are visited in path and method order, so names are deterministic. Inline objects of identical
 * shape (the same properties with the same types, formats, required list, items and nesting; descriptions and
 * examples aside) are one class, named where the shape is met first. Names longer than the limit are shortened
 * by the rule of {@link ShortNames}. Not thread-safe; one per spec.
 */
final class InlineSchemaNamer {
    /** The extension naming the components schema whose class holds this one as a static nested class. */
    static final String NESTED_IN = "x-wxpay-nested-in";
    /** The extension holding the simple name of the nested class. */
    static final String NESTED_NAME = "x-wxpay-nested-name";
    private static final String PREFIX = "#/components/schemas/";
    /** Simple names the model files use unqualified: a nested class of that name would shadow them. */
    private static final Set<String> USED_TYPES = Set.of("String", "Integer", "Long", "Boolean", "Double", "Float",
            "Object", "Void", "List", "Map", "Set", "OffsetDateTime", "LocalDate", "BigDecimal", "UUID", "URI",
            "Objects", "Override", "JsonAutoDetect", "JsonProperty", "JsonPropertyOrder", "SensitiveField");

    /** Where a nested schema goes: its owner's components name and the simple name it asks for. */
    private record Nesting(String owner, String suggestion) {
    }

    private final OpenAPI api;
    private final NameAllocator names = new NameAllocator();
    private final Map<String, Schema<?>> added = new LinkedHashMap<>();
    private final Map<Schema<?>, String> extracted = new java.util.IdentityHashMap<>();
    private final Map<String, String> nameByShape = new java.util.HashMap<>();
    /** Nested schemas in the order met: an owner is always met before what it holds. */
    private final Map<String, Nesting> nesting = new LinkedHashMap<>();
    private final Set<String> topLevel = new HashSet<>();
    private final int maxName;

    /** @param maxName the longest class name to give (see {@link ShortNames#maxSimpleName}) */
    InlineSchemaNamer(OpenAPI api, int maxName) {
        this.api = api;
        this.maxName = maxName;
    }

    /** Names every inline object schema of the spec. */
    void run() {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        Map<String, Schema> existing = api.getComponents().getSchemas() == null ? new TreeMap<>()
                : new TreeMap<>(api.getComponents().getSchemas());
        for (String name : existing.keySet()) {
            names.reserve(name);
            names.reserve(JavaNames.pascal(name));
            topLevel.add(name);
            topLevel.add(JavaNames.pascal(name));
        }
        for (Map.Entry<String, Schema> entry : existing.entrySet()) {
            nameProperties(entry.getKey(), JavaNames.pascal(entry.getKey()).isEmpty() ? "Schema"
                    : JavaNames.pascal(entry.getKey()), entry.getValue());
        }
        for (Map.Entry<String, PathItem> path : new TreeMap<>(api.getPaths()).entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation op = entry.getValue();
                String owner = JavaNames.pascal(op.getOperationId());
                if (op.getRequestBody() != null) {
                    nameContent(owner + "Request", op.getRequestBody().getContent());
                }
                if (op.getResponses() != null) {
                    List<String> ok = new ArrayList<>();
                    for (String code : new TreeMap<>(op.getResponses()).keySet()) {
                        if (code.startsWith("2")) {
                            ok.add(code);
                        }
                    }
                    for (String code : ok) {
                        ApiResponse response = op.getResponses().get(code);
                        nameContent(owner + "Response" + (ok.size() > 1 ? code : ""), response.getContent());
                    }
                }
            }
        }
        nameNested();
        if (!added.isEmpty()) {
            Map<String, Schema> schemas = api.getComponents().getSchemas() == null ? new LinkedHashMap<>()
                    : api.getComponents().getSchemas();
            schemas.putAll(added);
            api.getComponents().setSchemas(schemas);
        }
    }

    private void nameContent(String suggestion, Content content) {
        if (content == null) {
            return;
        }
        for (MediaType media : new TreeMap<>(content).values()) {
            Schema<?> schema = media.getSchema();
            if (isInlineObject(schema)) {
                media.setSchema(extract(suggestion, schema, null));
            } else if (schema != null && schema.getItems() != null && isInlineObject(schema.getItems())) {
                schema.setItems(extract(suggestion + "Item", schema.getItems(), null));
            }
        }
    }

    /**
     * Names the inline objects under {@code schema}'s properties, recursively, as nested classes of
     * {@code ownerSchema}; {@code owner} starts their internal components names.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void nameProperties(String ownerSchema, String owner, Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getAllOf() != null) {
            // Inline parts of an allOf are merged into the owner's class: their inline objects belong to it.
            for (Schema part : schema.getAllOf()) {
                if (part.get$ref() == null) {
                    nameProperties(ownerSchema, owner, part);
                }
            }
        }
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            String pascal = JavaNames.pascal(property.getKey());
            String simple = pascal.isEmpty() ? "Field" : pascal;
            String base = owner + simple;
            Schema<?> value = property.getValue();
            if (isInlineObject(value)) {
                property.setValue(extract(base, value, new Nesting(ownerSchema, simple)));
            } else if (value != null && value.getItems() != null && isInlineObject(value.getItems())) {
                value.setItems(extract(base + "Item", value.getItems(), new Nesting(ownerSchema, simple)));
            } else if (value != null && value.getAdditionalProperties() instanceof Schema additional
                    && isInlineObject(additional)) {
                value.setAdditionalProperties(extract(base + "Value", additional, new Nesting(ownerSchema, simple)));
            }
        }
    }

    /**
     * Moves {@code schema} to the components under a free name and returns a reference to it; {@code nested} says
     * whose nested class it becomes, null for a top-level class.
     */
    private Schema<?> extract(String suggestion, Schema<?> schema, Nesting nested) {
        // The same schema object reached twice keeps one name (identity first: a Schema's hashCode walks its whole
        // tree); an equal shape written in another place takes the name it was given first.
        String name = extracted.get(schema);
        if (name == null) {
            String shape = SchemaShape.of(schema);
            name = nameByShape.get(shape);
            if (name == null) {
                name = ShortNames.allocate(names, suggestion, new Object(), maxName);
                nameByShape.put(shape, name);
                added.put(name, schema);
                extracted.put(schema, name);
                if (nested == null) {
                    topLevel.add(name);
                } else {
                    nesting.put(name, nested);
                }
                nameProperties(name, name, schema);
            } else {
                extracted.put(schema, name);
            }
        }
        Schema<?> ref = new Schema<>();
        ref.set$ref(PREFIX + name);
        if (schema.getDescription() != null) {
            ref.setDescription(schema.getDescription());
        }
        return ref;
    }

    /**
     * Gives every nested schema its simple name, unique among its siblings and free of the names it must not
     * shadow or repeat (see the class comment), and records it on the schema's extensions.
     */
    private void nameNested() {
        Map<String, String> simpleNames = new java.util.HashMap<>();
        Map<String, Set<String>> siblings = new java.util.HashMap<>();
        for (Map.Entry<String, Nesting> entry : nesting.entrySet()) {
            Nesting nested = entry.getValue();
            Set<String> enclosing = new HashSet<>();
            for (String owner = nested.owner(); owner != null;
                    owner = nesting.containsKey(owner) ? nesting.get(owner).owner() : null) {
                enclosing.add(simpleNames.getOrDefault(owner, JavaNames.pascal(owner)));
            }
            Set<String> taken = siblings.computeIfAbsent(nested.owner(), k -> new HashSet<>());
            String suggestion = ShortNames.shorten(nested.suggestion(), maxName);
            String name = suggestion;
            for (int counter = 1; taken.contains(name) || enclosing.contains(name) || topLevel.contains(name)
                    || USED_TYPES.contains(name); counter++) {
                name = counter == 1 ? suggestion + "Value" : suggestion + counter;
            }
            taken.add(name);
            simpleNames.put(entry.getKey(), name);
            Schema<?> schema = added.get(entry.getKey());
            schema.addExtension(NESTED_IN, nested.owner());
            schema.addExtension(NESTED_NAME, name);
        }
    }

    /** An object written in place: with properties, or an allOf composition (merged into one class). */
    private static boolean isInlineObject(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null || schema.getOneOf() != null || schema.getAnyOf() != null) {
            return false;
        }
        return (schema.getProperties() != null && !schema.getProperties().isEmpty())
                || (schema.getAllOf() != null && !schema.getAllOf().isEmpty());
    }
}
