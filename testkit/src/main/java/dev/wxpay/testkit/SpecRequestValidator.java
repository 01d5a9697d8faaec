package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * WeChat Pay's checks of a signed request against its operation in the spec: path, query and header parameters, then
 * the body, JSON or a media upload's {@code multipart/form-data}, and the sensitive fields, which must arrive
 * encrypted. Every violation is the {@code 400 PARAM_ERROR} WeChat Pay answers, naming the field by JSON path.
 * Immutable and thread-safe (the mapper is only read with).
 */
final class SpecRequestValidator {

    /** Headers of the protocol itself, checked by the authenticator (or only sent by WeChat Pay), never by the spec. */
    static final Set<String> PROTOCOL_HEADERS = Set.of("authorization", "accept", "content-type", "user-agent",
            "wechatpay-serial", "wechatpay-timestamp", "wechatpay-nonce", "wechatpay-signature",
            "wechatpay-signature-type", "request-id");

    private final ObjectMapper mapper;
    private final Function<String, PrivateKey> keyForSerial;

    /** @param keyForSerial the private half of the WeChat Pay key a {@code Wechatpay-Serial} names, or null */
    SpecRequestValidator(ObjectMapper mapper, Function<String, PrivateKey> keyForSerial) {
        this.mapper = mapper;
        this.keyForSerial = keyForSerial;
    }

    /**
     * Checks the call; returns the JSON body with its sensitive fields decrypted (for an upload, the {@code meta}
     * JSON), or null when the operation takes none.
     *
     * @throws WechatError 400 PARAM_ERROR (or 415 for a body that is neither JSON nor, for an upload, multipart)
     */
    JsonNode validate(SpecOperation op, LoopbackHttpServer.HttpCall call, Map<String, String> path,
                      Map<String, String> query) {
        checkParameters(op, call, path, query, keyForSerial.apply(call.header("Wechatpay-Serial")));
        if (!op.hasBody()) {
            return null;
        }
        byte[] raw = call.body();
        if (raw.length == 0) {
            if (op.bodyRequired()) {
                throw WechatError.param("body", "is required", null, "body");
            }
            return null;
        }
        String contentType = call.header("Content-Type");
        if (op.multipart()) {
            return upload(op, raw, contentType);
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new WechatError(415, "INVALID_REQUEST",
                    "Content-Type must be application/json, was " + contentType, null);
        }
        JsonNode body;
        try {
            body = mapper.readTree(raw);
        } catch (IOException e) {
            throw WechatError.param("body", "is not valid JSON", null, "body");
        }
        throwIfInvalid(SchemaValidator.validate(body, op.bodySchema(), ""));
        SensitiveFieldCodec.decryptRequest(body, op.bodySchema(), keyForSerial.apply(call.header("Wechatpay-Serial")));
        return body;
    }

    /** @param key the private half of the WeChat Pay key the request named: marked parameters decrypt with it */
    private static void checkParameters(SpecOperation op, LoopbackHttpServer.HttpCall call, Map<String, String> path,
                                        Map<String, String> query, PrivateKey key) {
        for (SpecOperation.Param p : op.params()) {
            if ("header".equals(p.in()) && PROTOCOL_HEADERS.contains(p.name().toLowerCase(Locale.ROOT))) {
                continue; // the signature and its headers are the authenticator's; a spec declaring them changes nothing
            }
            String value;
            switch (p.in()) {
                case "path": value = path.get(p.name()); break;
                case "query": value = query.get(p.name()); break;
                case "header": value = call.header(p.name()); break;
                default: continue;
            }
            if (value == null || value.isEmpty()) {
                if (p.required()) {
                    throw WechatError.param(p.name(), "is required", null, p.in());
                }
                continue;
            }
            boolean sensitive = p.schema() != null && SensitiveFieldCodec.sensitive(p.schema());
            String plain = sensitive ? SensitiveFieldCodec.decrypt(value, key) : value;
            if (plain == null) {
                // Never echo the value: it may be the plaintext the merchant should have encrypted.
                throw WechatError.param(p.name(), "is not encrypted with the WeChat Pay key named by Wechatpay-Serial"
                        + " (sent in plaintext?)", null, p.in());
            }
            List<SchemaValidator.Violation> v = SchemaValidator.validateText(plain, p.schema(), p.name());
            if (!v.isEmpty()) {
                throw WechatError.param(p.name(), v.get(0).issue(), sensitive ? null : TextNode.valueOf(value),
                        p.in());
            }
        }
    }

    /**
     * A media upload: every required part present, the {@code meta} part a JSON object, a file part with a file name
     * and content, plain fields checked as text. WeChat Pay reads the meta part as the request's JSON.
     */
    private JsonNode upload(SpecOperation op, byte[] raw, String contentType) {
        if (!MultipartBody.isMultipart(contentType)) {
            throw new WechatError(415, "INVALID_REQUEST",
                    "Content-Type must be multipart/form-data, was " + contentType, null);
        }
        MultipartBody body;
        try {
            body = MultipartBody.parse(raw, contentType);
        } catch (IllegalArgumentException e) {
            throw WechatError.param("body", "is not a valid multipart/form-data body: " + e.getMessage(), null,
                    "body");
        }
        Schema<?> schema = op.bodySchema();
        Map<String, Schema> properties = schema == null || schema.getProperties() == null ? Map.of()
                : schema.getProperties();
        if (schema != null && schema.getRequired() != null) {
            for (String name : schema.getRequired()) {
                if (body.part(name) == null) {
                    throw WechatError.param(name, "is required (a multipart part)", null, "body");
                }
            }
        }
        JsonNode meta = null;
        byte[] file = null;
        for (MultipartBody.Part part : body.parts()) {
            Schema<?> p = properties.get(part.name());
            if ("meta".equals(part.name())) {
                meta = metaJson(part);
            } else if (p != null && "binary".equals(p.getFormat())) {
                if (part.fileName() == null || part.fileName().isEmpty()) {
                    throw WechatError.param(part.name(), "must be a file part with a filename", null, "body");
                }
                if (part.content().length == 0) {
                    throw WechatError.param(part.name(), "must not be an empty file", null, "body");
                }
                file = part.content();
            } else if (p != null) {
                String text = new String(part.content(), StandardCharsets.UTF_8);
                List<SchemaValidator.Violation> v = SchemaValidator.validateText(text, p, part.name());
                if (!v.isEmpty()) {
                    throw WechatError.param(part.name(), v.get(0).issue(), TextNode.valueOf(text), "body");
                }
            }
        }
        JsonNode sha256 = meta == null ? null : meta.get("sha256");
        if (sha256 != null && file != null && !sha256.asText().equalsIgnoreCase(RequestExample.sha256Hex(file))) {
            // WeChat Pay refuses an upload whose meta does not describe the file sent with it.
            throw WechatError.param("meta.sha256", "is not the SHA-256 of the file part", sha256, "body");
        }
        return meta;
    }

    private JsonNode metaJson(MultipartBody.Part part) {
        JsonNode meta;
        try {
            meta = mapper.readTree(part.content());
        } catch (IOException e) {
            meta = null;
        }
        if (meta == null || !meta.isObject()) {
            throw WechatError.param("meta", "must be a JSON object", null, "body");
        }
        return meta;
    }

    private static void throwIfInvalid(List<SchemaValidator.Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        SchemaValidator.Violation first = violations.get(0);
        WechatError e = WechatError.param(first.field(), first.issue(), first.value(), "body");
        if (violations.size() == 1) {
            throw e;
        }
        StringBuilder all = new StringBuilder();
        for (SchemaValidator.Violation v : violations) {
            all.append(all.length() == 0 ? "" : "; ").append(v.message());
        }
        ObjectNode detail = (ObjectNode) e.body().get("detail");
        throw new WechatError(400, "PARAM_ERROR", all.toString(), detail);
    }
}
