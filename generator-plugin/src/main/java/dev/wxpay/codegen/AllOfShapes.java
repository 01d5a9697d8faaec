package dev.wxpay.codegen;

import dev.wxpay.codegen.read.ParsedSpec;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares every {@code allOf} of a spec, in place, so that OpenAPI Generator merges its members into one class,
 * and makes visible the ones it cannot merge. Stateless; mutates only the spec given.
 * <ul>
 *   <li>{@code type: object} beside an {@code allOf} of objects, with no properties of its own (how the bundled
 *       whole-API spec writes {@code bank_account_info}): OpenAPI Generator takes such a schema for a free-form
 *       object and types it {@code Object}, losing the members' fields and their {@code @SensitiveField}. The
 *       {@code type} says nothing the members do not, so it is removed (silently: the spec is right).</li>
 *   <li>members of different shapes (a string enum and an object, a string and an integer): no class can hold
 *       them, and OpenAPI Generator types the schema {@code Object} or keeps only some members' fields. In strict
 *       mode that fails the run, like any construct the generator cannot express; in lenient mode it is reported
 *       as a warning and generated as OpenAPI Generator does. Each report names the file, line, the schema's JSON
 *       pointer and every member's shape.</li>
 * </ul>
 * {@code integer} and {@code number} members count as one shape (an integer is a number); a member whose shape is
 * not known (no type, a {@code oneOf}, a reference to nothing) conflicts with none.
 */
final class AllOfShapes {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String LEGACY = "#/definitions/";
    /** References are followed this deep at most: a cycle of references types nothing (see RefCycles). */
    private static final int MAX_REFS = 32;

    private AllOfShapes() {
    }

    /**
     * Prepares the {@code allOf}s of {@code spec} and returns the located warnings of lenient mode (empty in strict
     * mode, or when every {@code allOf} merges).
     *
     * @throws GenerationException in strict mode, listing every {@code allOf} whose members conflict
     */
    static List<String> apply(ParsedSpec spec, boolean lenient) {
        List<String> conflicts = prepare(spec.openAPI().getComponents() == null ? Map.of()
                : nonNull(spec.openAPI().getComponents().getSchemas()), spec);
        if (conflicts.isEmpty() || lenient) {
            return conflicts;
        }
        throw new GenerationException("The spec " + spec.source() + " has " + conflicts.size() + " allOf"
                + (conflicts.size() == 1 ? "" : "s") + " whose members cannot be merged into one class (make the"
                + " members one shape, or set lenient=true to generate them as OpenAPI Generator does, losing"
                + " fields):", conflicts);
    }

    private static List<String> prepare(Map<String, Schema> components, ParsedSpec spec) {
        List<String> conflicts = new ArrayList<>();
        SchemaWalk.walk(spec.openAPI(), (at, schema) -> {
            List<Schema> members = schema.getAllOf();
            if (members == null || members.isEmpty()) {
                return;
            }
            List<String> shapes = new ArrayList<>();
            Set<String> distinct = new LinkedHashSet<>();
            if (schema.getType() != null) {
                shapes.add("type " + schema.getType());
                distinct.add(family(schema.getType()));
            }
            for (int i = 0; i < members.size(); i++) {
                Schema<?> member = members.get(i);
                String shape = shape(member, components, 0);
                shapes.add("allOf/" + i + " " + (shape == null ? "unknown" : shape)
                        + (member.get$ref() == null ? "" : " (" + member.get$ref() + ")"));
                if (shape != null) {
                    distinct.add(family(shape));
                }
            }
            if (distinct.size() > 1) {
                conflicts.add(CodegenQuirks.locate(spec, at + ": allOf members of different shapes ("
                        + String.join(", ", shapes) + ") cannot be merged into one class: OpenAPI Generator types"
                        + " it Object or keeps only some members' fields, losing the others and their"
                        + " @SensitiveField; make the members one shape"));
            } else if ("object".equals(schema.getType()) && isEmpty(schema.getProperties())) {
                schema.setType(null); // see the class comment: otherwise a free-form Object
            }
        });
        return conflicts;
    }

    /** The JSON type {@code schema} describes, following references; null when it does not say. */
    private static String shape(Schema<?> schema, Map<String, Schema> components, int depth) {
        if (schema == null || depth > MAX_REFS) {
            return null;
        }
        String ref = schema.get$ref();
        if (ref != null) {
            String prefix = ref.startsWith(SCHEMAS) ? SCHEMAS : ref.startsWith(LEGACY) ? LEGACY : null;
            return prefix == null ? null : shape(components.get(ref.substring(prefix.length())), components, depth + 1);
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (!isEmpty(schema.getProperties()) || schema.getAdditionalProperties() != null) {
            return "object";
        }
        if (schema.getAllOf() != null) {
            for (Schema<?> member : schema.getAllOf()) {
                String shape = shape(member, components, depth + 1);
                if (shape != null) {
                    return shape;
                }
            }
        }
        return null;
    }

    /** Types that one value can satisfy together count as one family. */
    private static String family(String type) {
        return "integer".equals(type) ? "number" : type;
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static Map<String, Schema> nonNull(Map<String, Schema> map) {
        return map == null ? Map.of() : map;
    }
}
