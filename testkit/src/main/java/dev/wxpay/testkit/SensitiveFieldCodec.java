package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;

/**
 * What WeChat Pay does with the fields a spec marks {@code x-wxpay-sensitive: true}: in a request it decrypts each
 * (RSA/ECB/OAEPWithSHA-1AndMGF1Padding, Base64) with the private key the request's {@code Wechatpay-Serial} names,
 * in place, so the rest of the simulator sees plaintext; a marked field that does not decrypt (sent in plaintext,
 * or for another key) is a {@code 400 PARAM_ERROR} naming the field, never echoing its value. In an answer it
 * encrypts each to the merchant's public key.
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
        walk(body, schema, "", text -> decrypt(text, key), problems, 0);
        if (!problems.isEmpty()) {
            throw WechatError.param(problems.get(0), key == null
                    ? "is encrypted but the request names no key: send Wechatpay-Serial"
                    : "is not encrypted with the WeChat Pay key named by Wechatpay-Serial (sent in plaintext?)",
                    null, "body");
        }
    }

    /**
     * Encrypts the marked fields of an answer in place to the merchant's key, as WeChat Pay encrypts answer fields to
     * the merchant's API certificate.
     */
    static void encryptAnswer(JsonNode answer, Schema<?> schema, PublicKey merchantKey) {
        walk(answer, schema, "", text -> encrypt(text, merchantKey), new ArrayList<>(), 0);
    }

    /** Replaces every marked string by {@code transform} of it; a null result is a problem at that path. */
    private static void walk(JsonNode value, Schema<?> schema, String path, UnaryOperator<String> transform,
            List<String> problems, int depth) {
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
                    String plain = transform.apply(field.asText());
                    if (plain == null) {
                        problems.add(fieldPath);
                    } else {
                        object.put(name, plain);
                    }
                } else {
                    walk(field, property, fieldPath, transform, problems, depth + 1);
                }
            }
        } else if (value.isArray() && schema.getItems() != null) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path + "[" + i + "]";
                if (sensitive(schema.getItems()) && array.get(i).isTextual()) {
                    String plain = transform.apply(array.get(i).asText());
                    if (plain == null) {
                        problems.add(itemPath);
                    } else {
                        array.set(i, plain);
                    }
                } else {
                    walk(array.get(i), schema.getItems(), itemPath, transform, problems, depth + 1);
                }
            }
        }
    }

    static boolean sensitive(Schema<?> schema) {
        Map<String, Object> extensions = schema.getExtensions();
        return extensions != null && Boolean.TRUE.equals(extensions.get(EXTENSION));
    }

    private static String encrypt(String plaintext, PublicKey key) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt an answer field for the merchant: "
                    + e.getClass().getSimpleName(), null);
        }
    }

    /** The plaintext, or null when the text is not ciphertext for {@code key} (or no key was named). */
    static String decrypt(String ciphertext, PrivateKey key) {
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
