package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.wxpay.codegen.OperationParts.describe;
import static dev.wxpay.codegen.OperationParts.paramName;

/**
 * Turns OpenAPI Generator's codegen operations into our operations: parameters in call order (path, query,
 * header, form, body), their null checks and request builder calls, the response type and the Javadoc. An
 * operation that cannot be expressed fails the run (strict) or is skipped with its reason (lenient).
 * One instance per run; not thread-safe.
 */
final class OperationBuilder {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    /** Headers the runtime sets itself; declaring them in a spec needs no generated parameter. */
    private static final Set<String> RUNTIME_HEADERS = Set.of("authorization", "accept", "content-type",
            "user-agent", "wechatpay-serial", "wechatpay-timestamp", "wechatpay-nonce", "wechatpay-signature",
            "wechatpay-signature-type", "request-id");

    /** Said of an {@code x-wxpay-sensitive} path or query parameter: the caller passes plaintext. */
    private static final String SENSITIVE_NOTE = "; plaintext, sent encrypted (RSA-OAEP) for the WeChat Pay key the"
            + " client trusts";

    private final OpenAPI openAPI;
    private final BuildContext context;
    private final JavaTypes types;
    private final MultipartParameters multipart;
    private final List<ClientModel.Skipped> skipped;

    OperationBuilder(OpenAPI openAPI, BuildContext context, JavaTypes types, List<ClientModel.Skipped> skipped) {
        this.openAPI = openAPI;
        this.context = context;
        this.types = types;
        this.multipart = new MultipartParameters(types);
        this.skipped = skipped;
    }

    /** Every operation that can be expressed, sorted by path and method. */
    List<OperationModel> build(List<CodegenOperation> codegenOperations) {
        Map<String, CodegenOperation> unique = new TreeMap<>();
        for (CodegenOperation op : codegenOperations) {
            unique.putIfAbsent(op.path + " " + op.httpMethod, op);
        }
        List<OperationModel> operations = new ArrayList<>();
        for (CodegenOperation op : unique.values()) {
            String where = op.httpMethod + " " + op.path + " (" + op.operationId + ")";
            try {
                operations.add(buildOperation(op));
            } catch (UnsupportedConstruct e) {
                if (!context.lenient()) {
                    throw new GenerationException("The spec " + context.specName() + " uses a construct the"
                            + " generator does not support; change the spec, or set lenient=true to skip such"
                            + " operations", List.of(where + ": " + context.locator().apply(e.getMessage())));
                }
                skipped.add(new ClientModel.Skipped(where, e.getMessage()));
            }
        }
        operations.sort(Comparator.comparing(OperationModel::path).thenComparing(OperationModel::httpMethod));
        return operations;
    }

    private OperationModel buildOperation(CodegenOperation op) {
        Operation raw = rawOperation(op.path, op.httpMethod);
        String pointer = "#/paths/" + op.path.replace("~", "~0").replace("/", "~1") + "/"
                + op.httpMethod.toLowerCase(Locale.ROOT);
        boolean hasForm = op.formParams != null && !op.formParams.isEmpty();
        if (hasForm && !op.isMultipart) {
            throw new UnsupportedConstruct(pointer + ": application/x-www-form-urlencoded bodies are not supported;"
                    + " WeChat Pay takes JSON, or multipart/form-data for media uploads");
        }
        boolean download = FileAnswers.isDownload(raw);
        OperationParts parts = new OperationParts(download);
        addPathParameters(op, pointer, parts);
        addQueryParameters(op, pointer, parts);
        addHeaderParameters(op, pointer, parts);
        if (hasForm) {
            if (op.bodyParam != null) {
                throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload cannot also have a JSON body");
            }
            multipart.add(op, pointer, parts);
        }
        addBody(op, pointer, parts);
        if (download && (op.bodyParam != null || hasForm || parts.parameters.stream()
                .anyMatch(p -> p.location().equals("header")))) {
            throw new UnsupportedConstruct(pointer + ": a file download takes path and query parameters only (it is"
                    + " sent as a signed GET of its URL); remove the body and header parameters");
        }
        String responseType = download ? "Download" : responseType(op, pointer);
        String methodName = JavaNames.safeIdentifier(JavaNames.camel(op.operationId), "Operation");
        String tag = raw != null && raw.getTags() != null && !raw.getTags().isEmpty() ? raw.getTags().get(0) : "";
        List<String> javadoc = operationJavadoc(op, raw, download);
        StringBuilder declarations = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (ParameterModel p : parts.parameters) {
            if (declarations.length() > 0) {
                declarations.append(", ");
                arguments.append(", ");
            }
            declarations.append(p.javaType()).append(' ').append(p.javaName());
            arguments.append(p.javaName());
        }
        boolean hasBody = !"Void".equals(responseType) && !download;
        // Only a request builder that encrypts takes the client, so the other operations print as before.
        String requestDeclarations = parts.sensitive ? "WechatPayClient client"
                + (declarations.length() == 0 ? "" : ", " + declarations) : declarations.toString();
        String requestArguments = parts.sensitive ? "client" + (arguments.length() == 0 ? "" : ", " + arguments)
                : arguments.toString();
        return new OperationModel(op.operationId, methodName, op.httpMethod.toUpperCase(Locale.ROOT),
                op.path, tag, javadoc, parts.parameters, declarations.toString(), arguments.toString(), responseType,
                hasBody ? responseType : "void", hasBody ? "return " : "", hasBody ? ".data()" : "",
                parts.nullChecks, parts.nestedChecks, parts.builderCalls, download, requestDeclarations,
                requestArguments);
    }

    /** Path parameters in placeholder order; every placeholder declared and every declaration used. */
    private void addPathParameters(CodegenOperation op, String pointer, OperationParts parts) {
        List<String> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(op.path);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Map<String, CodegenParameter> pathParams = new LinkedHashMap<>();
        for (CodegenParameter p : op.pathParams) {
            pathParams.put(p.baseName, p);
        }
        for (String placeholder : placeholders) {
            CodegenParameter p = pathParams.get(placeholder);
            if (p == null) {
                throw new UnsupportedConstruct(pointer + ": path parameter {" + placeholder + "} is not declared;"
                        + " declare it under parameters with in: path");
            }
            types.typeOf(p.dataType, pointer + "/parameters/" + placeholder);
            // Path values are text on the wire: always String, so the call chain can carry them uniformly.
            String javaName = parts.names.newName(paramName(placeholder), "path:" + placeholder);
            boolean sensitive = OperationParts.isSensitive(p);
            parts.sensitive |= sensitive;
            parts.parameters.add(new ParameterModel("path", placeholder, javaName, "String", true,
                    describe(p.description, "the {@code " + placeholder + "} path segment")
                            + (sensitive ? SENSITIVE_NOTE : "")));
            parts.nullChecks.add(new OperationModel.NullCheck(javaName,
                    "path parameter " + JavaText.stringContent(placeholder) + " is required"));
            parts.builderCalls.add(".pathParam(\"" + JavaText.stringContent(placeholder) + "\", "
                    + (sensitive ? "client.encryptSensitive(" + javaName + ")" : javaName) + ")");
        }
        for (String declared : pathParams.keySet()) {
            if (!placeholders.contains(declared)) {
                throw new UnsupportedConstruct(pointer + ": path parameter " + declared
                        + " is declared but the path has no {" + declared + "}");
            }
        }
    }

    private void addQueryParameters(CodegenOperation op, String pointer, OperationParts parts) {
        for (CodegenParameter p : op.queryParams) {
            String javaType = types.typeOf(p.dataType, pointer + "/parameters/" + p.baseName);
            String javaName = parts.names.newName(paramName(p.baseName), "query:" + p.baseName);
            boolean sensitive = OperationParts.isSensitive(p);
            parts.sensitive |= sensitive;
            parts.parameters.add(new ParameterModel("query", p.baseName, javaName, javaType, p.required,
                    describe(p.description, "the {@code " + p.baseName + "} query parameter")
                            + (p.required ? " (required)" : " (optional, null to omit)")
                            + (sensitive ? SENSITIVE_NOTE : "")));
            if (p.required) {
                parts.nullChecks.add(new OperationModel.NullCheck(javaName,
                        "query parameter " + JavaText.stringContent(p.baseName) + " is required"));
            }
            // A sensitive value goes out encrypted for the key the client names in Wechatpay-Serial; null stays omitted.
            parts.builderCalls.add(".queryParam(\"" + JavaText.stringContent(p.baseName) + "\", " + (sensitive
                    ? javaName + " == null ? null : client.encryptSensitive(String.valueOf(" + javaName + "))"
                    : javaName) + ")");
        }
    }

    private void addHeaderParameters(CodegenOperation op, String pointer, OperationParts parts) {
        for (CodegenParameter p : op.headerParams) {
            if (RUNTIME_HEADERS.contains(p.baseName.toLowerCase(Locale.ROOT))) {
                continue; // the runtime sets the protocol headers (Wechatpay-Serial, Authorization, ...) itself
            }
            types.typeOf(p.dataType, pointer + "/parameters/" + p.baseName);
            // Header values are text on the wire, like path values: always String.
            String javaName = parts.names.newName(paramName(p.baseName), "header:" + p.baseName);
            parts.parameters.add(new ParameterModel("header", p.baseName, javaName, "String", p.required,
                    describe(p.description, "the {@code " + p.baseName + "} header")
                            + (p.required ? " (required)" : " (optional, null to omit)")));
            if (p.required) {
                parts.nullChecks.add(new OperationModel.NullCheck(javaName,
                        "header parameter " + JavaText.stringContent(p.baseName) + " is required"));
            }
            parts.builderCalls.add(".header(\"" + JavaText.stringContent(p.baseName) + "\", " + javaName + ")");
        }
    }

    private void addBody(CodegenOperation op, String pointer, OperationParts parts) {
        if (op.bodyParam == null) {
            return;
        }
        String javaType = types.typeOf(op.bodyParam.dataType, pointer + "/requestBody");
        if (!types.isSchemaClass(javaType)) {
            throw new UnsupportedConstruct(pointer + "/requestBody: the body must be a named object schema,"
                    + " not " + javaType);
        }
        String javaName = parts.names.newName("request", "body");
        parts.parameters.add(new ParameterModel("body", "body", javaName, javaType, op.bodyParam.required,
                describe(op.bodyParam.description, "the request body")));
        if (op.bodyParam.required) {
            parts.nullChecks.add(new OperationModel.NullCheck(javaName, "request body is required"));
        }
        parts.nestedChecks.add(new OperationModel.NestedCheck(javaName, "check" + javaType));
        parts.builderCalls.add(".body(" + javaName + ")");
    }

    private String responseType(CodegenOperation op, String pointer) {
        if (op.returnType == null) {
            return "Void";
        }
        String responseType = types.typeOf(op.returnType, pointer + "/responses");
        if (responseType.contains("<")) {
            throw new UnsupportedConstruct(pointer + "/responses: a " + responseType + " answer is not"
                    + " supported; answer with a named object schema");
        }
        return responseType;
    }

    private List<String> operationJavadoc(CodegenOperation op, Operation raw, boolean download) {
        List<String> lines = new ArrayList<>();
        lines.addAll(JavaText.javadocLines(op.summary));
        if (lines.isEmpty()) {
            lines.add(" " + op.httpMethod + " {@code " + JavaText.javadocInline(op.path) + "}.");
        }
        List<String> description = JavaText.javadocLines(raw != null ? raw.getDescription() : op.notes);
        if (!description.isEmpty()) {
            lines.add("");
            lines.add(" <p>" + description.get(0).substring(1));
            lines.addAll(description.subList(1, description.size()));
        }
        lines.add("");
        lines.add(" <p>{@code " + op.httpMethod + " " + JavaText.javadocInline(op.path) + "} (operationId {@code "
                + JavaText.javadocInline(op.operationId) + "})");
        if (download) {
            lines.add("");
            lines.add(" <p>The answer is a file: the request is signed, the file comes unsigned, as WeChat Pay sends it, and");
            lines.add(" is streamed as it arrives (see {@code WechatPayClient#download}).");
        }
        if (raw != null && raw.getExternalDocs() != null && raw.getExternalDocs().getUrl() != null) {
            String label = raw.getExternalDocs().getDescription() == null ? "Official documentation"
                    : raw.getExternalDocs().getDescription();
            lines.add("");
            lines.add(" @see <a href=\"" + JavaText.javadocInline(raw.getExternalDocs().getUrl()) + "\">"
                    + JavaText.javadocInline(label) + "</a>");
        }
        return lines;
    }

    private Operation rawOperation(String path, String httpMethod) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().get(path);
        if (item == null) {
            return null;
        }
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(httpMethod.toUpperCase(Locale.ROOT)));
    }
}
