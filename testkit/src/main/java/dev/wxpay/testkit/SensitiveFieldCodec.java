package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * What WeChat Pay does with the fields a spec marks {@code x-wxpay-sensitive: true} in a request: decrypts each
 * (RSA/ECB/OAEPWithSHA-1AndMGF1Padding, Base64) with the private key the request's {@code Wechatpay-Serial} names,
 * in place, so the rest of the simulator sees plaintext. A marked field that does not decrypt (sent in plaintext,
 * or for another key) is a {@code 400 PARAM_ERROR} naming the field, never echoing its value.
 *
 * <p>Stateless.
 */
final class SensitiveFieldCodec {
    static final String EXTENSION = "x-wxpay-sensitive";
    private static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private SensitiveFieldCodec() {
    }

    /**
     * Decrypts the marked fields of a validated request body in place.
     *
     * @param key the private key of the WeChat Pay key the request named, or null when it named none
     * @throws WechatError 400 PARAM_ERROR for a marked field that does not decrypt, or when no key was named
     */
    static void decryptRequest(JsonNode body, Schema<?> schema, PrivateKey key) {
        List<String> problems = new ArrayList<>();
        walk(body, schema, "", key, problems, 0);
        if (!problems.isEmpty()) {
            throw WechatError.param(problems.get(0), key == null
                    ? "is encrypted but the request names no key: send Wechatpay-Serial"
                    : "is not encrypted with the WeChat Pay key named by Wechatpay-Serial (sent in plaintext?)",
                    null, "body");
        }
    }

    private static void walk(JsonNode value, Schema<?> schema, String path, PrivateKey key, List<String> problems,
            int depth) {
        if (schema == null || value == null || depth > 32) {
            return;
        }
        if (value.isObject() && schema.getProperties() != null) {
            ObjectNode object = (ObjectNode) value;
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(f -> names.add(f.getKey()));
            for (String name : names) {
                Schema<?> property = schema.getProperties().get(name);
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                JsonNode field = object.get(name);
                if (property != null && sensitive(property) && field.isTextual()) {
                    String plain = decrypt(field.asText(), key);
                    if (plain == null) {
                        problems.add(fieldPath);
                    } else {
                        object.put(name, plain);
                    }
                } else {
                    walk(field, property, fieldPath, key, problems, depth + 1);
                }
            }
        } else if (value.isArray() && schema.getItems() != null) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path + "[" + i + "]";
                if (sensitive(schema.getItems()) && array.get(i).isTextual()) {
                    String plain = decrypt(array.get(i).asText(), key);
                    if (plain == null) {
                        problems.add(itemPath);
                    } else {
                        array.set(i, plain);
                    }
                } else {
                    walk(array.get(i), schema.getItems(), itemPath, key, problems, depth + 1);
                }
            }
        }
    }

    static boolean sensitive(Schema<?> schema) {
        Map<String, Object> extensions = schema.getExtensions();
        return extensions != null && Boolean.TRUE.equals(extensions.get(EXTENSION));
    }

    /** The plaintext, or null when the text is not ciphertext for {@code key}. */
    private static String decrypt(String ciphertext, PrivateKey key) {
        if (key == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key);
            return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
