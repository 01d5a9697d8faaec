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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves inline object schemas into {@code components/schemas}, named from where they sit, so every generated
 * class has a stable, meaningful name (never {@code Amount_1}):
 * <ul>
 *   <li>a request body: operation + {@code Request} ({@code CreatePlanRequest});</li>
 *   <li>a 2xx answer: operation + {@code Response};</li>
 *   <li>an object property: owner + property ({@code CreatePlanRequestTimeRange});</li>
 *   <li>array items: owner + property + {@code Item}; map values: owner + property + {@code Value}.</li>
 * </ul>
 * Operations are visited in path and method order, so names are deterministic. Inline objects of identical
 * shape (the same properties with the same types, formats, required list, items and nesting; descriptions and
 * examples aside) are one class, named where the shape is met first. Names longer than the limit are shortened
 * by the rule of {@link ShortNames}. Not thread-safe; one per spec.
 */
final class InlineSchemaNamer {
    private static final String PREFIX = "#/components/schemas/";

    private final OpenAPI api;
    private final NameAllocator names = new NameAllocator();
    private final Map<String, Schema<?>> added = new LinkedHashMap<>();
    private final Map<Schema<?>, String> extracted = new java.util.IdentityHashMap<>();
    private final Map<String, String> nameByShape = new java.util.HashMap<>();
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
        }
        for (Map.Entry<String, Schema> entry : existing.entrySet()) {
            nameProperties(JavaNames.pascal(entry.getKey()).isEmpty() ? "Schema" : JavaNames.pascal(entry.getKey()),
                    entry.getValue());
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
                media.setSchema(extract(suggestion, schema));
            } else if (schema != null && schema.getItems() != null && isInlineObject(schema.getItems())) {
                schema.setItems(extract(suggestion + "Item", schema.getItems()));
            }
        }
    }

    /** Names the inline objects under {@code schema}'s properties, recursively. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void nameProperties(String owner, Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getAllOf() != null) {
            // Inline parts of an allOf are merged into the owner's class: their inline objects belong to it.
            for (Schema part : schema.getAllOf()) {
                if (part.get$ref() == null) {
                    nameProperties(owner, part);
                }
            }
        }
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            String pascal = JavaNames.pascal(property.getKey());
            String base = owner + (pascal.isEmpty() ? "Field" : pascal);
            Schema<?> value = property.getValue();
            if (isInlineObject(value)) {
                property.setValue(extract(base, value));
            } else if (value != null && value.getItems() != null && isInlineObject(value.getItems())) {
                value.setItems(extract(base + "Item", value.getItems()));
            } else if (value != null && value.getAdditionalProperties() instanceof Schema additional
                    && isInlineObject(additional)) {
                value.setAdditionalProperties(extract(base + "Value", additional));
            }
        }
    }

    /** Moves {@code schema} to the components under a free name and returns a reference to it. */
    private Schema<?> extract(String suggestion, Schema<?> schema) {
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
                nameProperties(name, schema);
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

    /** An object written in place: with properties, or an allOf composition (merged into one class). */
    private static boolean isInlineObject(Schema<?> schema) {
        if (schema == null || schema.get$ref() != null || schema.getOneOf() != null || schema.getAnyOf() != null) {
            return false;
        }
        return (schema.getProperties() != null && !schema.getProperties().isEmpty())
                || (schema.getAllOf() != null && !schema.getAllOf().isEmpty());
    }
}
