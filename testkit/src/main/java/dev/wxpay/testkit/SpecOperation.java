package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One operation of a {@link SimulatorSpec}, reduced to what the simulator needs. Immutable. */
final class SpecOperation {

    /** A parameter: {@code in} is path, query or header. */
    record Param(String name, String in, boolean required, Schema<?> schema) {
    }

    private final String method;
    private final String pathTemplate;
    private final String operationId;
    private final List<Param> params;
    private final boolean hasBody;
    private final boolean bodyRequired;
    private final boolean multipart;
    private final Schema<?> bodySchema;
    private final JsonNode bodyExample;
    private final int successStatus;
    private final JsonNode example;
    private final Schema<?> responseSchema;
    private final String fileType;
    private final String[] templateSegments;
    private final int literalSegments;

    SpecOperation(String method, String pathTemplate, String operationId, List<Param> params, boolean hasBody,
                  boolean bodyRequired, boolean multipart, Schema<?> bodySchema, JsonNode bodyExample,
                  int successStatus, JsonNode example, Schema<?> responseSchema, String fileType) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.operationId = operationId;
        this.params = params;
        this.hasBody = hasBody;
        this.bodyRequired = bodyRequired;
        this.multipart = multipart;
        this.bodySchema = bodySchema;
        this.bodyExample = bodyExample;
        this.successStatus = successStatus;
        this.example = example;
        this.responseSchema = responseSchema;
        this.fileType = fileType;
        this.templateSegments = pathTemplate.split("/", -1);
        int literals = 0;
        for (String s : templateSegments) {
            if (!isParam(s)) {
                literals++;
            }
        }
        this.literalSegments = literals;
    }

    String method() {
        return method;
    }

    String pathTemplate() {
        return pathTemplate;
    }

    String operationId() {
        return operationId;
    }

    List<Param> params() {
        return params;
    }

    boolean hasBody() {
        return hasBody;
    }

    boolean bodyRequired() {
        return bodyRequired;
    }

    /** True for a media upload: the body is {@code multipart/form-data} with a {@code meta} JSON part. */
    boolean multipart() {
        return multipart;
    }

    Schema<?> bodySchema() {
        return bodySchema;
    }

    /** The spec's example request body, or null; callers must copy before changing it. */
    JsonNode bodyExample() {
        return bodyExample;
    }

    int successStatus() {
        return successStatus;
    }

    /** The example success body, or null when the spec gives none; callers must copy before changing it. */
    JsonNode example() {
        return example;
    }

    /** The JSON schema of the success answer, or null. */
    /** The media type of the success answer when it is a file download ({@link SpecFiles}), else null. */
    String fileType() {
        return fileType;
    }

    Schema<?> responseSchema() {
        return responseSchema;
    }

    int literalSegments() {
        return literalSegments;
    }

    /** Names of the path parameters in template order. */
    List<String> pathParamNames() {
        List<String> names = new ArrayList<>();
        for (String s : templateSegments) {
            if (isParam(s)) {
                names.add(s.substring(1, s.length() - 1));
            }
        }
        return names;
    }

    /**
     * Matches raw path segments; returns the decoded path parameter values in template order, or null.
     * Segments are split before decoding, so an encoded {@code %2F} stays inside one parameter value.
     */
    List<String> matchSegments(String[] rawSegments) {
        if (rawSegments.length != templateSegments.length) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < rawSegments.length; i++) {
            String t = templateSegments[i];
            if (isParam(t)) {
                if (rawSegments[i].isEmpty()) {
                    return null;
                }
                String decoded = decodeSegment(rawSegments[i]);
                if (decoded == null) {
                    return null;
                }
                values.add(decoded);
            } else if (!t.equals(rawSegments[i])) {
                return null;
            }
        }
        return values;
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** RFC 3986 percent-decoding of a path segment ('+' stays '+'); null when malformed. */
    static String decodeSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The schema's single type, from OpenAPI 3.0's {@code type} or 3.1's {@code types}; null when untyped. */
    static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        Set<String> types = schema.getTypes();
        if (types != null) {
            for (String t : types) {
                if (!"null".equals(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
