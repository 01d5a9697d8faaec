package dev.wxpay.codegen;

import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecProblems;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Repairs, in place and before OpenAPI Generator sees the spec, the two conditions OpenAPI Generator would only log
 * about, bare and without saying where (found in the bundled whole-API spec):
 * <ul>
 *   <li>a {@code number} with a format that is not a number format ({@code format: integer}, {@code uint64}):
 *       OpenAPI Generator warns {@code Unknown `format` integer detected for type `number`} and generates a
 *       {@code BigDecimal}; the format is dropped, which gives the same {@code BigDecimal} without the warning;</li>
 *   <li>a {@code $ref} that names no schema of the document (a Swagger 2.0 {@code #/definitions/X} left in an
 *       OpenAPI 3 document, with no {@code X} among the components): OpenAPI Generator warns
 *       {@code #/definitions/X is not defined} and, depending on where the reference sits, types it as a
 *       {@code String} or drops the property; it becomes a string schema, the type the same reference gets where
 *       it is not dropped.</li>
 * </ul>
 * A legacy {@code #/definitions/X} whose {@code X} exists is left alone: OpenAPI Generator resolves it by name.
 * The second repair is made in lenient mode only: in strict mode a reference to nothing fails the run
 * ({@link SpecValidator}), since a payment client must not carry a guessed type for a field nobody described.
 * Returns one message per repair, starting with the JSON pointer, in document order. Not thread-safe per spec (it
 * mutates the spec given).
 */
final class CodegenQuirks {
    private static final Set<String> NUMBER_FORMATS = Set.of("float", "double");
    /** Swagger 2.0's schema references; OpenAPI Generator resolves them by their last segment. */
    private static final String LEGACY_PREFIX = "#/definitions/";

    private CodegenQuirks() {
    }

    /**
     * Repairs {@code api} (dangling legacy references only when {@code lenient}); returns
     * {@code "<pointer>: <what was wrong and what is generated>"} per repair.
     */
    static List<String> apply(OpenAPI api, boolean lenient) {
        Map<String, Schema> components = api.getComponents() == null ? null : api.getComponents().getSchemas();
        List<String> repaired = new ArrayList<>();
        SchemaWalk.walk(api, (at, schema) -> {
            String ref = schema.get$ref();
            if (ref != null) {
                if (lenient && ref.startsWith(LEGACY_PREFIX) && (components == null
                        || !components.containsKey(ref.substring(ref.lastIndexOf('/') + 1)))) {
                    schema.set$ref(null);
                    schema.setType("string");
                    repaired.add(at + ": $ref '" + ref + "' names no schema of this document; generated as a"
                            + " String (declare the schema under components/schemas and refer to it there)");
                }
                return;
            }
            String format = schema.getFormat();
            if (format != null && "number".equals(schema.getType()) && !NUMBER_FORMATS.contains(format)) {
                schema.setFormat(null);
                repaired.add(at + ": format '" + format + "' is not a number format (float, double); generated as"
                        + " BigDecimal (use type integer for whole numbers)");
            }
        });
        return List.copyOf(repaired);
    }

    /**
     * {@code "#/a/b: text"} as {@code "file:line: #/a/b: text"}, the line found by the pointer's keys (an index into
     * {@code allOf}/{@code anyOf}/{@code oneOf} is passed over: the next key is searched from the list on).
     */
    static String locate(ParsedSpec spec, String message) {
        int colon = message.indexOf(": ");
        String keys = message.substring(1, colon).replaceAll("/(allOf|anyOf|oneOf)/\\d+(?=/|$)", "/$1");
        int line = SpecProblems.lineOf(spec.text(), keys);
        return spec.source() + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
