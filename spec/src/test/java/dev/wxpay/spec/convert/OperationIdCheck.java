package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Checks that operationIds are present and unique across all product documents. Stateless. */
final class OperationIdCheck {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OperationIdCheck() {
    }

    /** Throws naming both operations when two share an operationId, or naming an operation without one. */
    static void requireUnique(Map<String, ObjectNode> documents) {
        Map<String, String> owners = new TreeMap<>();
        documents.forEach((product, doc) -> doc.path("paths").fields().forEachRemaining(item ->
                item.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    String where = op.getKey().toUpperCase(Locale.ROOT) + " " + item.getKey() + " (" + product + ".yaml)";
                    JsonNode id = op.getValue().get("operationId");
                    if (id == null || id.asText().isEmpty()) {
                        throw new IllegalStateException("No operationId: " + where);
                    }
                    String previous = owners.putIfAbsent(id.asText(), where);
                    if (previous != null) {
                        throw new IllegalStateException("operationId " + id.asText() + " is given to both " + previous
                                + " and " + where + "; the naming rule (OperationNames) must tell them apart");
                    }
                })));
    }
}
