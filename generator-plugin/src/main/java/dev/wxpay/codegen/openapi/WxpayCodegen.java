package dev.wxpay.codegen.openapi;

import dev.wxpay.codegen.naming.JavaNames;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.servers.Server;
import org.openapitools.codegen.CodegenCallback;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.CodegenType;
import org.openapitools.codegen.languages.AbstractJavaCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationsMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our OpenAPI Generator configuration: OpenAPI Generator computes the codegen model (Java types of schemas,
 * parameters and responses) and this class collects it; it writes no files itself (no template files are
 * registered), since rendering happens from our own intermediate model. One instance per generation run;
 * not thread-safe.
 */
public class WxpayCodegen extends AbstractJavaCodegen {
    /** The identifier of our templating engine adapter (Mustache.java). */
    public static final String ENGINE = dev.wxpay.codegen.render.MustacheJavaEngineAdapter.IDENTIFIER;

    private final Map<String, CodegenModel> models = new LinkedHashMap<>();
    private final Map<String, String> modelNames = new java.util.HashMap<>();
    private final Map<String, String> varNames = new java.util.HashMap<>();
    private final List<CodegenOperation> operations = new ArrayList<>();
    private final Map<String, String> escapedTexts = new java.util.HashMap<>();

    public WxpayCodegen() {
        super();
        // java.time types and boxed numbers: int32 -> Integer, int64 -> Long, date-time -> OffsetDateTime.
        setDateLibrary("java8");
        typeMapping.put("integer", "Integer");
        typeMapping.put("long", "Long");
    }

    @Override
    public CodegenType getTag() {
        return CodegenType.CLIENT;
    }

    @Override
    public String getName() {
        return "wxpay";
    }

    @Override
    public String getHelp() {
        return "Collects the codegen model for wxpay-codegen.";
    }

    @Override
    public String defaultTemplatingEngine() {
        return ENGINE;
    }

    @Override
    public void processOpts() {
        super.processOpts();
        // We render from our own model: OpenAPI Generator must not write any file.
        modelTemplateFiles.clear();
        apiTemplateFiles.clear();
        modelTestTemplateFiles.clear();
        apiTestTemplateFiles.clear();
        modelDocTemplateFiles.clear();
        apiDocTemplateFiles.clear();
        supportingFiles.clear();
        // Operation examples (JSON samples of every response) are never printed: not computing them saves
        // OpenAPI Generator's example walk over every response schema.
        setSkipOperationExample(true);
    }

    /**
     * Sends what OpenAPI Generator logs through this configuration to {@code log}, naming {@code source} (see
     * {@link CodegenLog}); returns how many of its loggers were routed.
     */
    public int reportTo(dev.wxpay.codegen.GenerationLog log, String source) {
        return CodegenLog.install(this, log, source);
    }

    @Override
    public void setParameterExampleValue(org.openapitools.codegen.CodegenParameter codegenParameter,
                                         io.swagger.v3.oas.models.parameters.RequestBody requestBody) {
        // Request-body examples are never printed (the model documents properties, not parameters); computing
        // them only made AbstractJavaCodegen warn "Ignoring complex example on request body" for object examples.
    }

    @Override
    public void preprocessOpenAPI(io.swagger.v3.oas.models.OpenAPI openAPI) {
        // Not AbstractJavaCodegen's: it logs "Processing operation <id>" for every operation and adds the
        // x-content-type / x-accepts extensions its own templates print; ours read the spec's media types
        // themselves. DefaultCodegen's part only acts with oneOf interfaces, which we do not use.
    }

    @Override
    public CodegenCallback fromCallback(String name, Callback callback, List<Server> servers) {
        // Notifications are built from the spec's callbacks themselves (ModelBuilder), never from this codegen
        // model, so OpenAPI Generator's full operation model of each callback operation is not computed.
        CodegenCallback result = new CodegenCallback();
        result.name = name;
        return result;
    }

    @Override
    public void addOperationToGroup(String tag, String resourcePath, io.swagger.v3.oas.models.Operation operation,
                                    CodegenOperation co, Map<String, List<CodegenOperation>> operations) {
        // We group operations into API classes ourselves; OpenAPI Generator's grouping renames duplicates
        // within a tag with a quadratic scan, which large specs with few tags pay for.
        operations.computeIfAbsent("all", k -> new ArrayList<>()).add(co);
    }

    @Override
    public boolean getUseInlineModelResolver() {
        // Inline schemas were named before this step, from where they sit (InlineSchemaNamer).
        return false;
    }

    @Override
    public void postProcess() {
        // OpenAPI Generator prints a donation banner to stdout here; a build tool must stay quiet.
    }

    /**
     * Replaces each schema of {@code properties} by its unaliased schema, in place, as {@code fromModel} does
     * before it reads an object's properties ({@link LiteModels} must leave the spec as {@code fromModel} would).
     */
    @SuppressWarnings("rawtypes")
    public Map<String, io.swagger.v3.oas.models.media.Schema> unaliasProperties(
            Map<String, io.swagger.v3.oas.models.media.Schema> properties) {
        return unaliasPropertySchema(properties);
    }

    /** {@code getOrGenerateOperationId}: the operationId fromOperation gives {@code operation}. */
    public String operationIdOf(io.swagger.v3.oas.models.Operation operation, String path, String httpMethod) {
        return getOrGenerateOperationId(operation, path, httpMethod);
    }

    /** {@code getContentType}: the first media type of a request body, as fromOperation picks it. */
    public String contentTypeOf(io.swagger.v3.oas.models.parameters.RequestBody requestBody) {
        return getContentType(requestBody);
    }

    /** {@code getParameterDataType}: a parameter's type when its schema is a model reference, else null. */
    public String parameterDataTypeOf(io.swagger.v3.oas.models.parameters.Parameter parameter,
                                      io.swagger.v3.oas.models.media.Schema<?> schema) {
        return getParameterDataType(parameter, schema);
    }

    /** {@code findMethodResponse}: the answer whose type an operation returns (first 2xx, else default). */
    public io.swagger.v3.oas.models.responses.ApiResponse methodResponseOf(
            io.swagger.v3.oas.models.responses.ApiResponses responses) {
        return findMethodResponse(responses);
    }

    @Override
    public String toModelName(String name) {
        // OpenAPI Generator asks for the same names over and over (per enum, per model): remember them.
        String known = modelNames.get(name);
        if (known != null) {
            return known;
        }
        String pascal = JavaNames.pascal(name);
        String result = pascal.isEmpty() ? super.toModelName(name) : JavaNames.safeIdentifier(pascal, "Model");
        modelNames.put(name, result);
        return result;
    }

    @Override
    public String escapeText(String input) {
        // Every description and example passes here, many times over (a product repeats 商户号 and the like in
        // dozens of schemas), and each time through escapeJava/unescapeJava, which spell out and read back every
        // Chinese character, and two regular expressions. The answer depends only on the text.
        if (input == null) {
            return null;
        }
        String known = escapedTexts.get(input);
        if (known == null) {
            known = super.escapeText(input);
            escapedTexts.put(input, known);
        }
        return known;
    }

    @Override
    public String toVarName(String name) {
        // Asked about ten times per property name (vars, allVars, required and optional lists, getters, setters),
        // each time through regular expressions; the answer depends only on the name once options are set.
        if (name == null) {
            return super.toVarName(null);
        }
        String known = varNames.get(name);
        if (known == null) {
            known = super.toVarName(name);
            varNames.put(name, known);
        }
        return known;
    }

    @Override
    public ModelsMap postProcessModelsEnum(ModelsMap objs) {
        // Enums are generated as their underlying type (String): WeChat Pay adds values without notice, and a
        // Java enum would fail to read them. Skipping OpenAPI Generator's enum post-processing also avoids its
        // quadratic cost on large specs.
        return objs;
    }

    @Override
    public void updateCodegenPropertyEnum(CodegenProperty var) {
        // See postProcessModelsEnum: no enum classes, so no enum constants to compute.
    }

    @Override
    public Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
        Map<String, ModelsMap> result = super.postProcessAllModels(objs);
        for (Map.Entry<String, ModelsMap> entry : result.entrySet()) {
            for (ModelMap modelMap : entry.getValue().getModels()) {
                CodegenModel model = modelMap.getModel();
                models.put(model.name, model);
            }
        }
        return result;
    }

    @Override
    public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> allModels) {
        OperationsMap result = super.postProcessOperationsWithModels(objs, allModels);
        operations.addAll(result.getOperations().getOperation());
        return result;
    }

    /** The collected models by schema name, in the order OpenAPI Generator processed them. */
    public Map<String, CodegenModel> collectedModels() {
        return models;
    }

    /** The collected operations (an operation with several tags appears once per tag). */
    public List<CodegenOperation> collectedOperations() {
        return operations;
    }
}
