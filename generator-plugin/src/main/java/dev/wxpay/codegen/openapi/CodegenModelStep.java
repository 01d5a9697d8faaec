package dev.wxpay.codegen.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.OpenAPINormalizer;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationMap;
import org.openapitools.codegen.model.OperationsMap;
import org.openapitools.codegen.utils.ModelUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 2: lets OpenAPI Generator compute the codegen model of the parsed spec with our {@link WxpayCodegen} and
 * returns it. Writes nothing. Stateless and thread-safe (each run needs its own, fresh codegen).
 *
 * <p>It drives the codegen configuration itself, in the order OpenAPI Generator's {@code DefaultGenerator.generate()}
 * does (options, normaliser, models, their post-processing, operations, theirs), instead of calling
 * {@code DefaultGenerator}: that class logs a dozen lines per spec straight to the build log (its dry-run flag, the
 * generator's name and stability, the ignore file it looks for, every metadata file it does not write, every
 * form-only schema it leaves out) and prepares templates, ignore rules and supporting-file bundles that we never
 * read, since rendering happens from our own intermediate model.
 *
 * <p>By default the models and operations of the common shapes are computed by {@link LiteModels} and
 * {@link LiteOperations} (the fields our model builders read, with the configuration's own type mapping) and only
 * the other shapes by {@code fromModel} and {@code fromOperation}; the model and operation post-processing
 * ({@code postProcessModels}, {@code postProcessAllModels}, {@code postProcessOperationsWithModels}) is not run,
 * since it only adds imports, parent links and template flags that nothing here reads. {@link #complete()} is the
 * step as OpenAPI Generator runs it, everything through {@code fromModel}, {@code fromOperation} and the
 * post-processing: the reference the default is tested against ({@code LiteCodegenStepTest}).
 */
public final class CodegenModelStep {
    private final boolean complete;

    /** The step that computes only what our model builders read. */
    public CodegenModelStep() {
        this(false);
    }

    private CodegenModelStep(boolean complete) {
        this.complete = complete;
    }

    /** The step computing every model with {@code fromModel} and OpenAPI Generator's post-processing. */
    public static CodegenModelStep complete() {
        return new CodegenModelStep(true);
    }

    /** The codegen model of one spec. */
    public record Result(Map<String, CodegenModel> models, List<CodegenOperation> operations) {
    }

    /** Computes the codegen model; {@code scratchDirectory} is where OpenAPI Generator believes it writes. */
    public Result run(OpenAPI openAPI, Path scratchDirectory) {
        return run(new WxpayCodegen(), openAPI, scratchDirectory);
    }

    /** As {@link #run(OpenAPI, Path)}, with a fresh, not yet used {@code codegen}. */
    public Result run(WxpayCodegen codegen, OpenAPI openAPI, Path scratchDirectory) {
        codegen.setOutputDir(scratchDirectory.toString());
        codegen.setOpenAPI(openAPI);
        Map<String, Object> properties = codegen.additionalProperties();
        properties.put(CodegenConstants.GENERATE_APIS, true);
        properties.put(CodegenConstants.GENERATE_MODELS, true);
        properties.put(CodegenConstants.GENERATE_API_TESTS, false);
        properties.put(CodegenConstants.GENERATE_MODEL_TESTS, false);
        properties.put(CodegenConstants.GENERATE_API_DOCS, false);
        properties.put(CodegenConstants.GENERATE_MODEL_DOCS, false);
        properties.put(CodegenConstants.EXCLUDE_TESTS, true);
        codegen.processOpts();
        if (codegen.getUseOpenapiNormalizer()) {
            new Normalizer(openAPI, codegen.openapiNormalizer()).run();
        }
        codegen.preprocessOpenAPI(openAPI);
        codegen.setOpenAPI(openAPI);
        codegen.processOpenAPI(openAPI);
        Map<String, CodegenModel> collected = new java.util.LinkedHashMap<>();
        LiteModels lite = complete ? null : new LiteModels(codegen, openAPI);
        List<ModelMap> allModels = models(codegen, openAPI, lite, collected);
        operations(codegen, openAPI, allModels, lite == null ? null : new LiteOperations(codegen, openAPI, lite));
        return new Result(Map.copyOf(complete ? codegen.collectedModels() : collected),
                List.copyOf(codegen.collectedOperations()));
    }

    /**
     * Every schema OpenAPI Generator would turn into a model, through {@code fromModel} and the model
     * post-processing; the same schemas are left out (used only as form parameters, internal, free-form objects,
     * aliases of maps and arrays), silently: they are no model of ours either.
     */
    private List<ModelMap> models(WxpayCodegen codegen, OpenAPI openAPI, LiteModels lite,
                                  Map<String, CodegenModel> collected) {
        Map<String, Schema> schemas = ModelUtils.getSchemas(openAPI);
        List<ModelMap> allModels = new ArrayList<>();
        if (schemas == null || schemas.isEmpty()) {
            if (complete) {
                codegen.postProcessAllModels(new TreeMap<>());
            }
            return allModels;
        }
        Set<String> formOnly = new HashSet<>(ModelUtils.getSchemasUsedOnlyInFormParam(openAPI));
        // Ordered by model name, as DefaultGenerator orders them (post-processing sees them in this order).
        Map<String, ModelsMap> processed = new TreeMap<>((a, b) -> codegen.toModelName(a)
                .compareTo(codegen.toModelName(b)));
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            String name = entry.getKey();
            Schema schema = entry.getValue();
            if (schema == null || formOnly.contains(name) || leftOut(name, schema, codegen, openAPI)) {
                continue;
            }
            CodegenModel model = lite == null ? null : lite.model(name, schema);
            if (model == null) {
                model = codegen.fromModel(name, schema);
            }
            ModelMap modelMap = new ModelMap();
            modelMap.setModel(model);
            ModelsMap modelsMap = new ModelsMap();
            modelsMap.setModels(new ArrayList<>(List.of(modelMap)));
            modelsMap.setImports(new ArrayList<>());
            modelsMap.put("classname", codegen.toModelName(name));
            processed.put(name, complete ? codegen.postProcessModels(modelsMap) : modelsMap);
        }
        Map<String, ModelsMap> all = complete ? codegen.postProcessAllModels(codegen.updateAllModels(processed))
                : processed;
        for (ModelsMap modelsMap : all.values()) {
            allModels.addAll(modelsMap.getModels());
            // As WxpayCodegen.postProcessAllModels collects them: by model name, a later one replacing an earlier.
            modelsMap.getModels().forEach(m -> collected.put(m.getModel().name, m.getModel()));
        }
        return allModels;
    }

    private static boolean leftOut(String name, Schema schema, WxpayCodegen codegen, OpenAPI openAPI) {
        if (schema.getExtensions() != null && Boolean.TRUE.equals(schema.getExtensions().get("x-internal"))) {
            return true;
        }
        if (ModelUtils.isFreeFormObject(schema, openAPI)) {
            return !ModelUtils.shouldGenerateFreeFormObjectModel(name, codegen);
        }
        if (ModelUtils.isMapSchema(schema)) {
            return !ModelUtils.shouldGenerateMapModel(schema);
        }
        return ModelUtils.isArraySchema(schema) && !ModelUtils.shouldGenerateArrayModel(schema);
    }

    /**
     * Every operation through {@code fromOperation} (with its path's parameters, as OpenAPI Generator adds them)
     * and the operation post-processing, which {@link WxpayCodegen} collects. Security and tags are not computed:
     * our model derives API classes and signing from the spec itself.
     */
    private void operations(WxpayCodegen codegen, OpenAPI openAPI, List<ModelMap> allModels, LiteOperations lite) {
        Map<String, List<CodegenOperation>> groups = new TreeMap<>();
        if (openAPI.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : openAPI.getPaths().entrySet()) {
                PathItem item = path.getValue();
                for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
                    operation(codegen, lite, path.getKey(), op.getKey().name().toLowerCase(Locale.ROOT),
                            op.getValue(), item, groups);
                }
            }
        }
        for (List<CodegenOperation> group : groups.values()) {
            if (!complete) {
                // AbstractJavaCodegen's operation post-processing only adds imports and template flags.
                codegen.collectedOperations().addAll(group);
                continue;
            }
            OperationMap operationMap = new OperationMap();
            operationMap.setOperation(group);
            OperationsMap operationsMap = new OperationsMap();
            operationsMap.setOperation(operationMap);
            operationsMap.setImports(new ArrayList<>());
            codegen.postProcessOperationsWithModels(operationsMap, allModels);
        }
    }

    private static void operation(WxpayCodegen codegen, LiteOperations lite, String path, String method,
                                  Operation operation, PathItem item, Map<String, List<CodegenOperation>> groups) {
        if (operation.getExtensions() != null && Boolean.TRUE.equals(operation.getExtensions().get("x-internal"))) {
            return;
        }
        if (item.getParameters() != null) {
            // A path-level parameter applies unless the operation declares the same (name, in) itself.
            Set<String> declared = new HashSet<>();
            if (operation.getParameters() != null) {
                for (Parameter p : operation.getParameters()) {
                    declared.add(parameterId(p));
                }
            }
            for (Parameter p : item.getParameters()) {
                if (!declared.contains(parameterId(p))) {
                    operation.addParametersItem(p);
                }
            }
        }
        CodegenOperation codegenOperation = lite == null ? null : lite.operation(path, method, operation);
        if (codegenOperation == null) {
            codegenOperation = codegen.fromOperation(path, method, operation, item.getServers());
        }
        codegenOperation.tags = new ArrayList<>();
        codegen.addOperationToGroup("all", path, operation, codegenOperation, groups);
    }

    /** A parameter's identity as OpenAPI Generator sees it: its {@code $ref}, else name and location. */
    private static String parameterId(Parameter p) {
        return p.get$ref() != null ? p.get$ref() : p.getName() + ":" + p.getIn();
    }

    /** OpenAPI Generator's default spec normaliser (its rules as DefaultGenerator applies them). */
    private static final class Normalizer extends OpenAPINormalizer {
        Normalizer(OpenAPI openAPI, Map<String, String> rules) {
            super(openAPI, rules);
        }

        void run() {
            normalize();
        }
    }
}
