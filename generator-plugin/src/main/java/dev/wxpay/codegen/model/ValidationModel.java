package dev.wxpay.codegen.model;

import java.util.List;

/**
 * The generated class holding one required-field check per request schema (package-private, beside the API
 * classes). Immutable and thread-safe.
 *
 * @param packageName the API package
 * @param className   the class name
 * @param imports     sorted imports
 * @param checks      one check method per schema reachable from a request body, sorted by schema
 */
public record ValidationModel(String packageName, String className, List<String> imports, List<Check> checks) {
    public ValidationModel {
        imports = List.copyOf(imports);
        checks = List.copyOf(checks);
    }

    /**
     * The check of one schema: {@code static void methodName(String path, modelType value, List<String> violations)}.
     *
     * @param required    properties that must not be null
     * @param nested      model-typed properties checked recursively when present
     * @param nestedLists list-of-model properties whose items are checked recursively
     */
    public record Check(String methodName, String modelType, List<Required> required, List<Nested> nested,
                        List<Nested> nestedLists) {
        public Check {
            required = List.copyOf(required);
            nested = List.copyOf(nested);
            nestedLists = List.copyOf(nestedLists);
        }
    }

    /** A required property: {@code getter} must not return null, else {@code jsonName + " is required"}. */
    public record Required(String getter, String jsonName) {
    }

    /** A property whose value (or list items) is checked with {@code checkMethod} under {@code jsonName}. */
    public record Nested(String getter, String jsonName, String checkMethod, String itemType) {
    }
}
