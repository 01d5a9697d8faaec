package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs the Swagger 2.0 corpus in place, before it is converted, and records every repair. One instance per
 * conversion (it collects the repairs it made); not thread-safe.
 *
 * <p>What it repairs, and why each repair is what it is:
 * <ul>
 *   <li>{@code type} values that are not JSON Schema types: the known typos ({@code 'string '}, {@code stringde},
 *       {@code int}) become the type they obviously mean; any other unknown type stops the conversion, naming the
 *       pointer, because guessing would hide a new problem;</li>
 *   <li>an {@code array} without {@code items}: the item type is taken from the example (its first element, or the
 *       example itself when the corpus gives a scalar), {@code string} when there is none; a scalar example
 *       becomes a one-element array so that it fits the schema;</li>
 *   <li>{@code properties:} without a value: removed (an object with no declared properties);</li>
 *   <li>path parameters: a template variable without a declaration is declared ({@code in: path},
 *       {@code required: true}, {@code type: string}, the description of the first declaration of that name
 *       elsewhere in the corpus); a declared path parameter that is not in the template is removed;</li>
 *   <li>a response without {@code description} (required in OpenAPI) gets the HTTP reason phrase;</li>
 *   <li>the singular {@code tag} some operations use is folded into {@code tags};</li>
 *   <li>an {@code integer} without {@code format} whose example does not fit in 32 bits gets {@code int64} (clients
 *       read an integer without format as 32-bit, and WeChat Pay's ids and amounts there are wider);</li>
 *   <li>a {@code 204} answer with a {@code schema}: the schema is removed (204 No Content has no body);</li>
 *   <li>{@code allOf} with a {@code $ref}: see {@link #repairAllOf}.</li>
 *   <li>file downloads: a {@code GET} whose {@code 200} answer has no schema and which {@code produces} a non-JSON
 *       media type (a bill, an electronic receipt), or which downloads a complaint image
 *       ({@code /v3/[global/]merchant-service/images/{media_id}}, described without {@code produces}), gets a file
 *       answer ({@code type: file}): WeChat Pay answers these with the file's bytes, unsigned, and the corpus's empty
 *       answer would make generated clients expect nothing.</li>
 * </ul>
 */
final class CorpusRepairs {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object", "file");
    private static final Map<String, String> TYPE_TYPOS = Map.of("string ", "string", "stringde", "string", "int", "integer");
    /** Image downloads, which the corpus describes without {@code produces}: WeChat Pay answers the image's bytes. */
    private static final Pattern IMAGE_DOWNLOAD = Pattern.compile("/v3/(global/)?merchant-service/images/\\{media_id}");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("200", "OK"), Map.entry("201", "Created"), Map.entry("202", "Accepted"),
            Map.entry("204", "No Content"), Map.entry("default", "Error"));

    private final List<Repair> repairs = new ArrayList<>();
    private JsonNode definitions = JsonNodeFactory.instance.objectNode();
    private final Map<String, JsonNode> pathParameterDescriptions = new HashMap<>();

    /** Repairs {@code swagger} in place and returns the repairs made, in document order. */
    List<Repair> apply(ObjectNode swagger) {
        ObjectNode paths = (ObjectNode) swagger.path("paths");
        definitions = swagger.path("definitions");
        rememberPathParameterDescriptions(paths);
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pathItem = it.next();
            String base = JsonPointers.child("#/paths", pathItem.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> ops = pathItem.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    repairOperation(op.getKey().toUpperCase(Locale.ROOT), pathItem.getKey(), (ObjectNode) op.getValue(),
                            JsonPointers.child(base, op.getKey()));
                }
            }
        }
        JsonNode definitions = swagger.path("definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> def = it.next();
            repairSchema("", "", def.getValue(), JsonPointers.child("#/definitions", def.getKey()));
        }
        return List.copyOf(repairs);
    }

    private void rememberPathParameterDescriptions(JsonNode paths) {
        for (JsonNode pathItem : paths) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = pathItem.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if ("path".equals(parameter.path("in").asText()) && parameter.hasNonNull("description")) {
                        pathParameterDescriptions.putIfAbsent(parameter.path("name").asText(), parameter.get("description"));
                    }
                }
            }
        }
    }

    private void repairOperation(String method, String path, ObjectNode op, String base) {
        if (op.has("tag")) {
            ArrayNode tags = op.has("tags") ? (ArrayNode) op.get("tags") : op.putArray("tags");
            Set<String> names = new LinkedHashSet<>();
            tags.forEach(t -> names.add(t.asText()));
            JsonNode tag = op.remove("tag");
            (tag.isArray() ? tag : JsonNodeFactory.instance.arrayNode().add(tag)).forEach(t -> {
                if (names.add(t.asText())) {
                    tags.add(t.asText());
                }
            });
            add(method, path, JsonPointers.child(base, "tag"), "tag-folded", "'tag' folded into 'tags'");
        }
        repairPathParameters(method, path, op, base);
        JsonNode parameters = op.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            String pointer = base + "/parameters/" + i;
            if (parameter.has("schema")) {
                repairSchema(method, path, parameter.get("schema"), pointer + "/schema");
            } else if (!parameter.has("$ref")) {
                repairSchema(method, path, parameter, pointer);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            String pointer = JsonPointers.child(base + "/responses", response.getKey());
            if (!response.getValue().isObject()) {
                response.setValue(JsonNodeFactory.instance.objectNode());
            }
            ObjectNode value = (ObjectNode) response.getValue();
            if (!value.has("description") && !value.has("$ref")) {
                String reason = REASONS.getOrDefault(response.getKey(), "Answer " + response.getKey());
                value.put("description", reason);
                add(method, path, pointer, "response-description", "description '" + reason + "' added (required by OpenAPI)");
            }
            if ("204".equals(response.getKey()) && value.has("schema")) {
                // 204 No Content has no body by definition (RFC 9110): a schema there makes clients wait for one.
                value.remove("schema");
                value.remove("examples");
                add(method, path, pointer + "/schema", "no-content-schema",
                        "schema removed from a 204 No Content answer (it has no body)");
            }
            if (value.has("schema")) {
                repairSchema(method, path, value.get("schema"), pointer + "/schema");
            }
        }
        markFileAnswer(method, path, op, base);
    }

    /**
     * A file download (see the class comment): its 200 answer gets {@code schema: {type: file}}, which the converter
     * turns into {@code type: string, format: binary} under each produced media type, so generators and the
     * simulator see a file instead of an empty answer. A download without {@code produces} gets
     * {@code application/octet-stream}.
     */
    private void markFileAnswer(String method, String path, ObjectNode op, String base) {
        JsonNode ok = op.path("responses").path("200");
        if (!"GET".equals(method) || !ok.isObject() || ok.has("schema") || ok.has("$ref")) {
            return;
        }
        boolean fileTypes = false;
        for (JsonNode produced : op.path("produces")) {
            fileTypes |= !produced.asText().toLowerCase(Locale.ROOT).contains("json");
        }
        if (!fileTypes && !IMAGE_DOWNLOAD.matcher(path).matches()) {
            return;
        }
        if (!fileTypes) {
            op.putArray("produces").add("application/octet-stream");
        }
        ((ObjectNode) ok).putObject("schema").put("type", "file");
        add(method, path, base + "/responses/200/schema", "file-answer",
                "200 answer marked as a file (" + String.join(", ", producedTypes(op)) + ")");
    }

    private static List<String> producedTypes(ObjectNode op) {
        List<String> types = new ArrayList<>();
        op.path("produces").forEach(t -> types.add(t.asText()));
        return types;
    }

    private void repairPathParameters(String method, String path, ObjectNode op, String base) {
        List<String> variables = new ArrayList<>();
        Matcher m = TEMPLATE_VARIABLE.matcher(path);
        while (m.find()) {
            variables.add(m.group(1));
        }
        ArrayNode parameters = op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
        Set<String> declared = new LinkedHashSet<>();
        for (int i = parameters.size() - 1; i >= 0; i--) {
            JsonNode parameter = parameters.get(i);
            if (!"path".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            if (variables.contains(name)) {
                declared.add(name);
            } else {
                parameters.remove(i);
                add(method, path, base + "/parameters/" + i, "path-parameter-removed",
                        "path parameter '" + name + "' removed (not in the path template)");
            }
        }
        for (String variable : variables) {
            if (declared.contains(variable)) {
                continue;
            }
            ObjectNode parameter = JsonNodeFactory.instance.objectNode();
            parameter.put("name", variable).put("in", "path").put("required", true).put("type", "string");
            JsonNode description = pathParameterDescriptions.get(variable);
            if (description != null) {
                parameter.set("description", description);
            }
            parameters.insert(0, parameter);
            add(method, path, base + "/parameters", "path-parameter-declared", "path parameter '" + variable
                    + "' declared (in: path, required, string" + (description == null ? "" : ", description of its first declaration elsewhere") + ")");
        }
    }

    private void repairSchema(String method, String path, JsonNode node, String pointer) {
        if (!(node instanceof ObjectNode)) {
            return;
        }
        ObjectNode schema = (ObjectNode) node;
        repairAllOf(method, path, schema, pointer);
        JsonNode type = schema.get("type");
        if (type != null) {
            String name = type.asText();
            if (!type.isTextual() || !TYPES.contains(name)) {
                String fixed = TYPE_TYPOS.get(name);
                if (fixed == null) {
                    throw new IllegalStateException("Unknown type '" + name + "' at " + pointer
                            + " (add it to the known typos in CorpusRepairs if its meaning is clear)");
                }
                schema.put("type", fixed);
                add(method, path, pointer, "invalid-type", "type '" + name + "' -> '" + fixed + "'");
            }
        }
        JsonNode example = schema.get("example");
        if ("integer".equals(schema.path("type").asText()) && !schema.has("format") && example != null
                && example.isIntegralNumber() && !example.canConvertToInt()) {
            // Without a format, clients read an integer as 32-bit: the corpus' own example says it is wider.
            schema.put("format", "int64");
            add(method, path, pointer, "int64-format", "format int64 added (the example " + example
                    + " does not fit in 32 bits)");
        }
        if ("array".equals(schema.path("type").asText()) && !schema.has("items")) {
            repairArrayWithoutItems(method, path, schema, pointer);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && (properties.isNull() || properties.isTextual() && properties.asText().isEmpty())) {
            // "properties:" with nothing after it: YAML reads null or "", depending on the parser's settings
            schema.remove("properties");
            add(method, path, pointer, "null-properties", "'properties' without a value removed");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            repairSchema(method, path, property.getValue(), JsonPointers.child(pointer + "/properties", property.getKey()));
        }
        repairSchema(method, path, schema.get("items"), pointer + "/items");
        repairSchema(method, path, schema.get("additionalProperties"), pointer + "/additionalProperties");
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode parts = schema.path(combiner);
            for (int i = 0; i < parts.size(); i++) {
                repairSchema(method, path, parts.get(i), pointer + "/" + combiner + "/" + i);
            }
        }
    }

    /**
     * An {@code allOf} of a {@code $ref} and inline parts: a scalar property an inline part declares again (only to
     * list it as required) is dropped there, so the referenced declaration alone describes it (two declarations
     * disagree, typically on {@code x-is-sensitive}, and clients cannot merge them); and a {@code $ref} to a string
     * definition whose other parts only add enum values becomes that string with both enums (the conversion would
     * turn it into an empty object).
     */
    private void repairAllOf(String method, String path, ObjectNode schema, String pointer) {
        JsonNode parts = schema.get("allOf");
        if (parts == null || !parts.isArray()) {
            return;
        }
        Set<String> referenced = new LinkedHashSet<>();
        JsonNode scalar = null;
        for (JsonNode part : parts) {
            String ref = part.path("$ref").asText("");
            if (ref.startsWith("#/definitions/")) {
                JsonNode definition = definitions.path(ref.substring("#/definitions/".length()));
                definition.path("properties").fieldNames().forEachRemaining(referenced::add);
                scalar = "string".equals(definition.path("type").asText()) ? definition : null;
            }
        }
        boolean onlyEnums = scalar != null;
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            if (part.has("$ref")) {
                continue;
            }
            for (Iterator<String> names = part.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                onlyEnums &= name.equals("enum") || name.equals("type") && "string".equals(part.path("type").asText());
            }
            JsonNode properties = part.path("properties");
            for (String name : referenced) {
                JsonNode again = properties.get(name);
                if (again != null && !again.has("properties") && !again.has("items") && !again.has("allOf")) {
                    ((ObjectNode) properties).remove(name);
                    add(method, path, JsonPointers.child(pointer + "/allOf/" + i + "/properties", name),
                            "allof-redeclared", "property '" + name + "' declared again beside its $ref: removed here");
                }
            }
        }
        if (onlyEnums && schema.size() == 1) {
            Set<String> values = new LinkedHashSet<>();
            scalar.path("enum").forEach(v -> values.add(v.asText()));
            parts.forEach(part -> part.path("enum").forEach(v -> values.add(v.asText())));
            schema.remove("allOf");
            schema.put("type", "string");
            if (scalar.has("description")) {
                schema.set("description", scalar.get("description"));
            }
            values.forEach(schema.putArray("enum")::add);
            add(method, path, pointer, "allof-string-enum", "allOf of a string enum and more enum values: one string"
                    + " with " + values.size() + " values");
        }
    }

    private void repairArrayWithoutItems(String method, String path, ObjectNode schema, String pointer) {
        JsonNode example = schema.get("example");
        JsonNode sample = example == null ? null : example.isArray() ? example.path(0) : example;
        String itemType = sample == null || sample.isMissingNode() ? "string"
                : sample.isIntegralNumber() ? "integer" : sample.isNumber() ? "number"
                : sample.isBoolean() ? "boolean" : sample.isObject() ? "object" : "string";
        schema.putObject("items").put("type", itemType);
        String detail = "items {type: " + itemType + "} added ("
                + (sample == null || sample.isMissingNode() ? "no example" : "from the example") + ")";
        if (example != null && !example.isArray()) {
            schema.putArray("example").add(example);
            detail += "; scalar example wrapped in an array";
        }
        add(method, path, pointer, "array-without-items", detail);
    }

    private void add(String method, String path, String pointer, String kind, String detail) {
        repairs.add(new Repair(method, path, pointer, kind, detail));
    }
}
