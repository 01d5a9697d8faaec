package dev.wxpay.codegen.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.apache.commons.lang3.StringUtils;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.utils.ModelUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The codegen operations of the common operation shapes, holding only what our builders read
 * ({@code OperationBuilder}): path, method, operationId, summary, notes, the JSON body parameter, the path,
 * query and header parameters (JSON name, data type, description, required flag, extensions) and the return
 * type. Each value is computed the way OpenAPI Generator's {@code fromOperation}, {@code fromParameter},
 * {@code fromRequestBody} and {@code handleMethodResponse} compute it, with the same methods of the codegen
 * configuration.
 *
 * <p>Why: {@code fromOperation} also computes a full model of every response ({@code fromResponse}), the full
 * model of the body's and the answer's schema ({@code fromModel}, twice per operation), prints parameters,
 * bodies and responses as JSON and derives names and imports that nothing here reads.
 *
 * <p>Left to {@code fromOperation} (answered null): form and multipart bodies, a body that is not a reference to
 * an object schema with properties, a parameter given by {@code content} or of an unknown location, and any
 * parameter, body or answer type {@link LiteModels} does not reproduce. One instance per codegen run; not
 * thread-safe (it uses the run's configuration).
 */
final class LiteOperations {
    private final WxpayCodegen codegen;
    private final OpenAPI openAPI;
    private final LiteModels models;

    LiteOperations(WxpayCodegen codegen, OpenAPI openAPI, LiteModels models) {
        this.codegen = codegen;
        this.openAPI = openAPI;
        this.models = models;
    }

    /** The operation, with its path's parameters already merged in, or null when left to fromOperation. */
    CodegenOperation operation(String path, String httpMethod, Operation operation) {
        CodegenOperation op = new CodegenOperation();
        RequestBody requestBody = ModelUtils.getReferencedRequestBody(openAPI, operation.getRequestBody());
        if (requestBody != null) {
            String contentType = codegen.contentTypeOf(requestBody);
            String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart")) {
                return null;
            }
            op.bodyParam = body(requestBody);
            if (op.bodyParam == null) {
                return null;
            }
            op.bodyParams = new ArrayList<>(List.of(op.bodyParam));
        }
        if (!parameters(operation, op) || !returnType(operation, op)) {
            return null;
        }
        op.operationIdOriginal = operation.getOperationId();
        op.operationId = codegen.operationIdOf(operation, path, httpMethod);
        String fullPath = codegen.isStrictSpecBehavior() && !path.startsWith("/") ? "/" + path : path;
        op.path = fullPath.replaceAll("\"", "%22"); // AbstractJavaCodegen.fromOperation's sanitizePath
        op.summary = codegen.escapeText(operation.getSummary());
        op.unescapedNotes = operation.getDescription();
        op.notes = codegen.escapeText(operation.getDescription());
        op.httpMethod = httpMethod.toUpperCase(Locale.ROOT);
        op.nickname = op.operationId;
        return op;
    }

    /** Path, query and header parameters in declared order; false for one left to fromOperation. */
    private boolean parameters(Operation operation, CodegenOperation op) {
        op.pathParams = new ArrayList<>();
        op.queryParams = new ArrayList<>();
        op.headerParams = new ArrayList<>();
        op.cookieParams = new ArrayList<>();
        op.formParams = new ArrayList<>();
        if (operation.getParameters() == null) {
            return true;
        }
        for (Parameter declared : operation.getParameters()) {
            Parameter parameter = ModelUtils.getReferencedParameter(openAPI, declared);
            String in = parameter == null ? null : parameter.getIn();
            List<CodegenParameter> target = "query".equalsIgnoreCase(in) ? op.queryParams
                    : "path".equalsIgnoreCase(in) ? op.pathParams
                    : "header".equalsIgnoreCase(in) ? op.headerParams
                    : "cookie".equalsIgnoreCase(in) ? op.cookieParams : null;
            CodegenParameter p = target == null ? null : parameter(parameter, "path".equalsIgnoreCase(in));
            if (p == null) {
                return false;
            }
            target.add(p);
            op.allParams.add(p);
        }
        return true;
    }

    /** As fromParameter, for a parameter with a schema; null otherwise. */
    private CodegenParameter parameter(Parameter parameter, boolean path) {
        if (parameter.getSchema() == null || parameter.getName() == null) {
            return null;
        }
        Schema<?> schema = codegen.unaliasSchema(parameter.getSchema());
        String modelName = codegen.parameterDataTypeOf(parameter, schema);
        Schema<?> unaliased = codegen.unaliasSchema(schema);
        if (unaliased == null) {
            return null;
        }
        CodegenProperty property = models.property(parameter.getName(), unaliased, false);
        if (property == null) {
            return null;
        }
        CodegenParameter p = new CodegenParameter();
        p.baseName = parameter.getName();
        p.paramName = parameter.getName();
        p.description = codegen.escapeText(parameter.getDescription());
        p.unescapedDescription = parameter.getDescription();
        p.required = parameter.getRequired() != null ? parameter.getRequired() : path;
        if (parameter.getExtensions() != null && !parameter.getExtensions().isEmpty()) {
            p.vendorExtensions.putAll(parameter.getExtensions());
        }
        if (schema.getExtensions() != null && !schema.getExtensions().isEmpty()) {
            p.vendorExtensions.putAll(schema.getExtensions());
        }
        p.dataType = modelName != null ? modelName : property.dataType;
        p.isQueryParam = "query".equalsIgnoreCase(parameter.getIn());
        p.isPathParam = path;
        p.isHeaderParam = "header".equalsIgnoreCase(parameter.getIn());
        p.isCookieParam = "cookie".equalsIgnoreCase(parameter.getIn());
        return p;
    }

    /**
     * As fromRequestBody for a JSON body that refers to an object schema with properties (its model class);
     * null for any other body. Like fromRequestBody, it names the referenced schema ({@code Schema.setName}).
     */
    private CodegenParameter body(RequestBody body) {
        Schema<?> schema = body.getContent() == null || body.getContent().isEmpty() ? null
                : ModelUtils.getSchemaFromRequestBody(body);
        if (schema == null || ModelUtils.isAllOf(schema) || StringUtils.isBlank(schema.get$ref())) {
            return null;
        }
        String name = ModelUtils.getSimpleRef(schema.get$ref());
        Schema<?> referenced = ModelUtils.getReferencedSchema(openAPI, schema);
        if (referenced == null || !ModelUtils.isTypeObjectSchema(referenced) || ModelUtils.isMapSchema(referenced)
                || ModelUtils.isFreeFormObject(referenced, openAPI)
                || !(ModelUtils.isObjectSchema(referenced) || ModelUtils.isComposedSchema(referenced))) {
            return null;
        }
        if (StringUtils.isBlank(name)) {
            return null;
        }
        referenced.setName(name);
        // fromRequestBody asks fromModel for the body's model, and reads only its class name and whether it has
        // properties.
        Boolean hasVars = models.hasVars(referenced);
        String classname;
        if (hasVars != null) {
            classname = codegen.toModelName(name);
        } else {
            CodegenModel model = codegen.fromModel(name, referenced);
            hasVars = model != null && model.hasVars;
            classname = model == null ? null : model.classname;
        }
        if (!hasVars) {
            return null;
        }
        CodegenParameter p = new CodegenParameter();
        p.baseName = classname;
        p.paramName = classname;
        p.isBodyParam = true;
        p.required = body.getRequired() != null ? body.getRequired() : Boolean.FALSE;
        p.dataType = codegen.getTypeDeclaration(classname);
        p.baseType = classname;
        // fromOperation replaces the body's description by the request body's own.
        p.description = codegen.escapeText(body.getDescription());
        p.unescapedDescription = body.getDescription();
        if (body.getExtensions() != null) {
            p.vendorExtensions.putAll(body.getExtensions());
        }
        return p;
    }

    /** As handleMethodResponse: the type of the first success (or default) answer; false when left to it. */
    private boolean returnType(Operation operation, CodegenOperation op) {
        if (operation.getResponses() == null || operation.getResponses().isEmpty()) {
            return true;
        }
        ApiResponse methodResponse = codegen.methodResponseOf(operation.getResponses());
        if (methodResponse == null) {
            return true;
        }
        ApiResponse response = ModelUtils.getReferencedApiResponse(openAPI, methodResponse);
        Schema<?> responseSchema = codegen.unaliasSchema(ModelUtils.getSchemaFromResponse(openAPI, response));
        if (responseSchema == null) {
            return true;
        }
        if (ModelUtils.isArraySchema(responseSchema) || ModelUtils.isMapSchema(responseSchema)) {
            return false;
        }
        CodegenProperty property = models.property("response", responseSchema, false);
        if (property == null) {
            return false;
        }
        op.returnType = property.dataType;
        return true;
    }
}
