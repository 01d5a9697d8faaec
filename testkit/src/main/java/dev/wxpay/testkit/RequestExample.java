package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request to one operation of a {@link SimulatorSpec} that the simulator accepts: the spec's example, or where it
 * has none a schema-valid instance with every required field, repaired where the example breaks its own schema.
 * Sensitive fields are in plaintext (the client encrypts them). For a media upload the body is the {@code meta} JSON
 * and {@link #file()} the file part, whose SHA-256 the meta names.
 *
 * <p>Deterministic (the same spec gives the same example) and immutable; thread-safe.
 *
 * <pre>{@code
 * RequestExample example = SimulatorSpec.wholeApi().requestExample("queryOrderByOutTradeNo");
 * example.pathParameters();   // {out_trade_no=1217752501201407033233368018}
 * example.queryParameters();  // {mchid=1230000109}
 * }</pre>
 */
public final class RequestExample {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A 1x1 PNG: what the example uploads (WeChat Pay's media uploads take images). */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private final String operationId;
    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final Map<String, String> headerParameters;
    private final Map<String, String> formFields;
    private final Set<String> sensitiveParameters;
    private final String bodyJson;
    private final boolean upload;

    private RequestExample(String operationId, Map<String, Map<String, String>> parameters,
                           Set<String> sensitiveParameters, String bodyJson, boolean upload) {
        this.sensitiveParameters = Collections.unmodifiableSet(sensitiveParameters);
        this.operationId = operationId;
        this.pathParameters = Collections.unmodifiableMap(parameters.get("path"));
        this.queryParameters = Collections.unmodifiableMap(parameters.get("query"));
        this.headerParameters = Collections.unmodifiableMap(parameters.get("header"));
        this.formFields = Collections.unmodifiableMap(parameters.get("form"));
        this.bodyJson = bodyJson;
        this.upload = upload;
    }

    /** The example of {@code op}; {@code bodyExample} is the spec's example of the request body, or null. */
    static RequestExample of(SpecOperation op, JsonNode bodyExample) {
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        for (String in : new String[] {"path", "query", "header", "form"}) {
            parameters.put(in, new LinkedHashMap<>());
        }
        Set<String> sensitive = new TreeSet<>();
        for (SpecOperation.Param p : op.params()) {
            // Optional parameters stay out (the example is the smallest valid call), and so do protocol headers.
            if (p.required() && parameters.containsKey(p.in())
                    && !SpecRequestValidator.PROTOCOL_HEADERS.contains(p.name().toLowerCase(java.util.Locale.ROOT))) {
                parameters.get(p.in()).put(p.name(), parameterValue(p.schema()));
                if (p.schema() != null && SensitiveFieldCodec.sensitive(p.schema())) {
                    sensitive.add(p.name());
                }
            }
        }
        String body = null;
        if (op.multipart()) {
            Schema<?> form = op.bodySchema();
            if (form != null && form.getRequired() != null && form.getProperties() != null) {
                for (String name : form.getRequired()) {
                    Schema<?> field = form.getProperties().get(name);
                    if (!"meta".equals(name) && field != null && !"binary".equals(field.getFormat())) {
                        parameters.get("form").put(name, parameterValue(field));
                    }
                }
            }
            ObjectNode meta = NODES.objectNode();
            meta.put("filename", "example.png");
            meta.put("sha256", sha256Hex(PNG));
            body = meta.toString();
        } else if (op.hasBody()) {
            Schema<?> schema = op.bodySchema();
            body = (schema == null ? bodyExample == null ? NODES.objectNode() : bodyExample
                    : SchemaInstances.repair(bodyExample, schema)).toString();
        }
        return new RequestExample(op.operationId(), parameters, sensitive, body, op.multipart());
    }

    private static String parameterValue(Schema<?> schema) {
        JsonNode value = SchemaInstances.instance(schema);
        String text = value.isValueNode() ? value.asText() : value.toString();
        if (schema != null && !SchemaValidator.validateText(text, schema, "p").isEmpty()) {
            text = SchemaInstances.repair(null, schema).asText();
        }
        return text;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The operation this example calls. */
    public String operationId() {
        return operationId;
    }

    /** The required path parameters by their spec name, decoded. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /** The required query parameters by their spec name, decoded. */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /** The required header parameters by their spec name (protocol headers such as {@code Wechatpay-*} left out). */
    public Map<String, String> headerParameters() {
        return headerParameters;
    }

    /**
     * The names of the parameters above that WeChat Pay requires encrypted ({@code x-wxpay-sensitive}): they are
     * given in plaintext here, and must be sent encrypted (generated clients do it; a hand-built request uses
     * {@code WechatPayClient#encryptSensitive}).
     */
    public Set<String> sensitiveParameters() {
        return sensitiveParameters;
    }

    /** The required plain form fields of an upload by name (not {@code meta}, not the file part). */
    public Map<String, String> formFields() {
        return formFields;
    }

    /** The JSON body (for an upload, the {@code meta} part), empty when the operation takes no body. */
    public Optional<String> bodyJson() {
        return Optional.ofNullable(bodyJson);
    }

    /** True for a media upload: send {@link #bodyJson()} as {@code meta} and {@link #file()} as the file part. */
    public boolean upload() {
        return upload;
    }

    /** The file part of an upload (a copy): a 1x1 PNG named {@code example.png}; empty for other operations. */
    public byte[] file() {
        return upload ? PNG.clone() : new byte[0];
    }

    @Override
    public String toString() {
        return "RequestExample[" + operationId + ", path=" + pathParameters + ", query=" + queryParameters
                + (bodyJson == null ? "" : ", body=" + bodyJson.length() + " chars") + (upload ? ", upload" : "") + "]";
    }
}
