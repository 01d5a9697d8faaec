package dev.wxpay.codegen;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the local {@code $ref}s of parameters, request bodies, answers and answer headers that point to nothing
 * (no such entry under {@code components}), on {@link SchemaWalk}'s walk. Schema references are
 * {@link SpecValidator}'s own check; these were left to OpenAPI Generator, which failed on each of them with a bare
 * {@link NullPointerException} (its normaliser on a request body, its operation model on a parameter or an
 * answer). Stateless and thread-safe.
 */
final class ComponentRefs {
    private static final String COMPONENTS = "#/components/";

    private ComponentRefs() {
    }

    /** Every such {@code $ref} of {@code api}, under its paths (sorted) and then its components, in walk order. */
    static List<SpecValidator.DanglingRef> dangling(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        List<SpecValidator.DanglingRef> found = new ArrayList<>();
        SchemaWalk.walk(api, (pointer, schema) -> {
        }, (pointer, kind, ref) -> {
            if (ref != null && ref.startsWith("#") && !names(ref, kind, components)) {
                found.add(new SpecValidator.DanglingRef(pointer + "/$ref", ref, kind));
            }
        });
        return found;
    }

    /** Whether {@code ref} is {@code #/components/<kind>/<name>} and that entry exists. */
    private static boolean names(String ref, String kind, Components components) {
        String prefix = COMPONENTS + kind + "/";
        if (!ref.startsWith(prefix)) {
            return false;
        }
        Map<String, ?> entries = switch (kind) {
            case "parameters" -> components.getParameters();
            case "requestBodies" -> components.getRequestBodies();
            case "responses" -> components.getResponses();
            default -> components.getHeaders();
        };
        String name = ref.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
        return entries != null && entries.containsKey(name);
    }
}
