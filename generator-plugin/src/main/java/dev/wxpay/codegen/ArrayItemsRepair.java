package dev.wxpay.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives every array schema without {@code items} string items, in place, and says where each was, as a JSON
 * pointer. OpenAPI Generator would do the same but log a bare {@code [ERROR] Undefined array inner type for null}
 * for each, without saying where, in a build that succeeds. Not thread-safe per spec (it mutates the spec given);
 * create one per run.
 */
final class ArrayItemsRepair {
    private ArrayItemsRepair() {
    }

    /** Repairs {@code api}; returns the JSON pointers of the arrays that had no items, in document order. */
    static List<String> apply(OpenAPI api) {
        List<String> repaired = new ArrayList<>();
        SchemaWalk.walk(api, (at, schema) -> {
            if (schema.get$ref() != null) {
                return;
            }
            boolean array = "array".equals(schema.getType())
                    || (schema.getTypes() != null && schema.getTypes().contains("array"));
            if (array && schema.getItems() == null) {
                schema.setItems(new StringSchema());
                repaired.add(at);
            }
        });
        return List.copyOf(repaired);
    }
}
