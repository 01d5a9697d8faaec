package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One WeChat Pay product as the simulator serves it: the operations it answers from its own state, the paths outside
 * the spec it serves (a bill download, say) and its control endpoints under {@code /_testkit/}. The simulator does
 * everything common to all products (authenticate, validate against the spec, route by operationId, sign the answer,
 * inject faults, record) and hands a product only calls it already accepted, so adding a product adds a class that
 * implements this door and one line where the simulator lists its doors, never code in the simulator itself.
 *
 * <p>Implementations keep state shared by concurrent requests and must be thread-safe.
 */
interface ProductDoor {

    /** The operationIds this product answers from its state; other operations of the spec answer their example. */
    Set<String> operationIds();

    /**
     * Serves one authenticated, validated call of one of {@link #operationIds()}.
     *
     * @return the success body (the spec's success status is sent), or null for an empty one
     * @throws WechatError for WeChat Pay's error answers
     */
    JsonNode answer(ProductCall call);

    /**
     * Serves an authenticated request to a path the spec does not describe, answered unsigned (as WeChat Pay answers
     * a file download); null when the path is not this product's.
     *
     * @throws WechatError for an error answer (sent signed, as JSON)
     */
    default RawAnswer serveUnlisted(String method, String rawPath, Map<String, String> query, String mchid) {
        return null;
    }

    /**
     * Serves a control endpoint {@code /_testkit/<segments…>} (segments percent-decoded); null when not this
     * product's. An {@link IllegalArgumentException} is answered 404 (nothing by that name), an
     * {@link IllegalStateException} 400 (not allowed in its present state).
     */
    default ObjectNode control(String method, List<String> segments, JsonNode body) {
        return null;
    }

    /** One line per control endpoint this product serves ({@code POST /_testkit/…}), for help texts. */
    default List<String> controlEndpoints() {
        return List.of();
    }

    /** One accepted call: the caller's mchid, path and first query values, the parsed body and the spec's example. */
    record ProductCall(String operationId, String mchid, Map<String, String> path, Map<String, String> query,
                       JsonNode body, JsonNode example) {
    }

    /** An unsigned answer: status, content type and bytes (WeChat Pay does not sign file downloads). */
    record RawAnswer(int status, String contentType, byte[] body) {
    }
}
