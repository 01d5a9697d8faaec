package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A hand-written OpenAPI 3 document found beside the converter's output (e.g. {@code wxpay/payscore.yaml}): its
 * paths are taken from it, not converted. Immutable by convention (the document is never modified: the converter
 * copies what it takes).
 *
 * @param name the file's path relative to the resource root, with {@code /} separators ({@code wxpay/payscore.yaml})
 * @param document the parsed document
 */
record CuratedFile(String name, ObjectNode document) {
    /** The document's components ({@code components}), possibly missing. */
    JsonNode components() {
        return document.path("components");
    }

    /** The tag object of {@code name} in the document's {@code tags}, or null. */
    JsonNode tag(String tagName) {
        for (JsonNode tag : document.path("tags")) {
            if (tagName.equals(tag.path("name").asText())) {
                return tag;
            }
        }
        return null;
    }
}
