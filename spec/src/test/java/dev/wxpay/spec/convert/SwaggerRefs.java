package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the Swagger 2.0 references ({@code #/definitions/X}, {@code #/parameters/X}, {@code #/responses/X})
 * that Swagger Parser's v2 converter leaves in its OpenAPI 3 output to their {@code #/components/} form. The
 * converter rewrites most references, but not those inside the properties of an inline {@code allOf} member; left
 * as they are they point to nothing in an OpenAPI 3 document, and the property they type would be lost. Every
 * local {@code $ref} must afterwards point into {@code #/components/} at a component the document has: anything
 * else stops the conversion, naming the pointer. Stateless.
 */
final class SwaggerRefs {
    /** Swagger 2.0 reference prefixes and their OpenAPI 3 equivalents. */
    private static final Map<String, String> PREFIXES = Map.of(
            "#/definitions/", "#/components/schemas/",
            "#/parameters/", "#/components/parameters/",
            "#/responses/", "#/components/responses/");

    /** One rewritten reference: the pointer of its {@code $ref} in the converted document, and old and new value. */
    record Rewrite(String pointer, String from, String to) {
    }

    private SwaggerRefs() {
    }

    /**
     * Rewrites, in place, every Swagger 2.0 {@code $ref} of {@code openapi} (a converted document with its
     * {@code components}) and returns the rewrites in document order.
     *
     * @throws IllegalStateException naming the pointer when a local reference does not point at a component of
     *     {@code openapi}, before or after rewriting
     */
    static List<Rewrite> rewrite(ObjectNode openapi) {
        List<Rewrite> rewrites = new ArrayList<>();
        walk(openapi, "#", openapi.path("components"), rewrites);
        return rewrites;
    }

    private static void walk(JsonNode node, String pointer, JsonNode components, List<Rewrite> rewrites) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = JsonPointers.child(pointer, field.getKey());
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    String ref = field.getValue().asText();
                    String rewritten = openApi3(ref);
                    if (rewritten.startsWith("#") && (!rewritten.startsWith(ComponentRefs.PREFIX)
                            || ComponentRefs.resolve(components, rewritten) == null)) {
                        throw new IllegalStateException("Unresolved reference at " + at + ": $ref '" + ref
                                + "' points to nothing in the converted document");
                    }
                    if (!rewritten.equals(ref)) {
                        field.setValue(TextNode.valueOf(rewritten));
                        rewrites.add(new Rewrite(at, ref, rewritten));
                    }
                } else {
                    walk(field.getValue(), at, components, rewrites);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, components, rewrites);
            }
        }
    }

    /** {@code ref} in its OpenAPI 3 form: a Swagger 2.0 prefix replaced, anything else unchanged. */
    static String openApi3(String ref) {
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (ref.startsWith(prefix.getKey())) {
                return prefix.getValue() + ref.substring(prefix.getKey().length());
            }
        }
        return ref;
    }
}
