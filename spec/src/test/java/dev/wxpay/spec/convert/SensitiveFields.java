package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Marks with {@code x-wxpay-sensitive: true} the string fields WeChat Pay requires encrypted (敏感信息: the caller
 * sets plaintext, the runtime encrypts it with WeChat Pay's public key or platform certificate, and decrypts
 * answers with the merchant key). Stateless and thread-safe.
 *
 * <p>The rule: a schema of {@code type: string} is sensitive when
 * <ol>
 *   <li>its {@code format} is {@code base64}: that is how the corpus marks an encrypted field (the ciphertext is
 *       Base64), or</li>
 *   <li>its description says it is encrypted: it matches {@link #ENCRYPTED} ({@code 加密的手机号},
 *       {@code 加密后的姓名}, {@code 需使用微信支付公钥加密}, {@code 敏感信息加密}, {@code 加密手机号}) and not
 *       {@link #NOT_A_FIELD} (the AEAD envelope of a downloaded certificate, {@code 加密后的证书内容}), or</li>
 *   <li>its parent object lists it in {@code x-is-sensitive}.</li>
 * </ol>
 * Example values ({@code example}, {@code examples}, {@code enum}, {@code default}) are never read as schemas, and
 * the {@code items} of an array are never marked (the runtime's contract is a {@code String} property).
 */
public final class SensitiveFields {
    /** The extension this class sets; the generator puts {@code dev.wxpay.runtime.SensitiveField} on such fields. */
    public static final String EXTENSION = "x-wxpay-sensitive";
    /** Descriptions of encrypted fields. */
    public static final Pattern ENCRYPTED = Pattern.compile("加密的|加密后的|公钥加密|敏感信息加密|加密手机号");
    /** Descriptions that match {@link #ENCRYPTED} but describe an envelope, not a field the runtime encrypts. */
    public static final Pattern NOT_A_FIELD = Pattern.compile("证书内容");
    private static final Set<String> VALUES = Set.of("example", "examples", "enum", "default");

    private SensitiveFields() {
    }

    /**
     * Marks the sensitive fields of {@code document} in place (an OpenAPI 3 document or any part of it) and returns
     * the JSON pointers (below {@code base}) of the fields it marked, in document order.
     */
    public static List<String> mark(JsonNode document, String base) {
        List<String> marked = new ArrayList<>();
        walk(document, base, Set.of(), marked);
        return marked;
    }

    /** True when a string schema with this format and description is sensitive by rules 1 and 2. */
    public static boolean isSensitive(String format, String description) {
        return "base64".equals(format)
                || description != null && ENCRYPTED.matcher(description).find() && !NOT_A_FIELD.matcher(description).find();
    }

    private static void walk(JsonNode node, String pointer, Set<String> listedByParent, List<String> marked) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, Set.of(), marked);
            }
            return;
        }
        if (!(node instanceof ObjectNode)) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        // An array's items are never marked: the runtime encrypts String properties, not the elements of a list.
        if ("string".equals(object.path("type").asText()) && !object.has(EXTENSION) && !pointer.endsWith("/items")
                && (isSensitive(object.path("format").asText(null), object.path("description").asText(null))
                || listedByParent.contains(lastToken(pointer)))) {
            object.put(EXTENSION, true);
            marked.add(pointer);
        }
        Set<String> listed = new HashSet<>();
        object.path("x-is-sensitive").forEach(n -> listed.add(n.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (VALUES.contains(field.getKey())) {
                continue;
            }
            String child = JsonPointers.child(pointer, field.getKey());
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> props = field.getValue().fields(); props.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = props.next();
                    walk(property.getValue(), JsonPointers.child(child, property.getKey()), listed, marked);
                }
            } else {
                walk(field.getValue(), child, Set.of(), marked);
            }
        }
    }

    private static String lastToken(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
