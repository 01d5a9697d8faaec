package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.NotificationsModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.model.PropertyModel;
import dev.wxpay.codegen.model.SchemaModel;
import dev.wxpay.codegen.model.ValidationModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import dev.wxpay.codegen.naming.NameAllocator;
import dev.wxpay.codegen.openapi.CodegenModelStep;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 3: turns OpenAPI Generator's codegen model (plus the raw spec, for callbacks and documentation links)
 * into our {@link ClientModel}, deciding every Java name and type once. Operations the generator cannot express
 * are reported: in strict mode as a {@link GenerationException}, in lenient mode as skipped with a reason.
 * One instance per run; not thread-safe.
 */
public final class ModelBuilder {
    /** The {@code x-wxpay-notification} extension on a callback operation. */
    public static final String NOTIFICATION_EXTENSION = "x-wxpay-notification";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, String> JDK_TYPES = Map.of(
            "List", "java.util.List", "Map", "java.util.Map", "Set", "java.util.Set",
            "OffsetDateTime", "java.time.OffsetDateTime", "LocalDate", "java.time.LocalDate",
            "BigDecimal", "java.math.BigDecimal", "UUID", "java.util.UUID", "URI", "java.net.URI");
    private static final Set<String> LANG_TYPES = Set.of(
            "String", "Integer", "Long", "Boolean", "Double", "Float", "Object", "Void", "byte");
    /** Headers the runtime sets itself; declaring them in a spec needs no generated parameter. */
    private static final Set<String> RUNTIME_HEADERS = Set.of("authorization", "accept", "content-type",
            "user-agent", "wechatpay-serial", "wechatpay-timestamp", "wechatpay-nonce", "wechatpay-signature",
            "wechatpay-signature-type", "request-id");
    private static final String[] OBJECT_METHODS = {"getClass", "hashCode", "equals", "toString", "notify",
            "notifyAll", "wait", "clone", "finalize"};

    private final OpenAPI openAPI;
    private final CodegenModelStep.Result codegen;
    private final String specName;
    private final String packageName;
    private final String modelPackage;
    private final String apiPackage;
    private final boolean lenient;
    private final List<ClientModel.Skipped> skipped = new ArrayList<>();
    private final Map<String, SchemaModel> schemasByClass = new TreeMap<>();
    private final Map<String, String> classBySchemaName = new TreeMap<>();
    private final Map<String, String> aliases = new TreeMap<>();
    private final Set<String> schemaClasses = new java.util.HashSet<>();

    private final java.util.function.UnaryOperator<String> locator;

    /**
     * @param locator turns a problem that starts with a JSON pointer ({@code #/paths/...: ...}) into one that also
     *                names the file and line
     */
    public ModelBuilder(OpenAPI openAPI, CodegenModelStep.Result codegen, String specName, String packageName,
                        boolean lenient, java.util.function.UnaryOperator<String> locator) {
        this.locator = locator;
        this.openAPI = openAPI;
        this.codegen = codegen;
        this.specName = specName;
        this.packageName = packageName;
        this.modelPackage = packageName + ".model";
        this.apiPackage = packageName + ".api";
        this.lenient = lenient;
    }

    /** Builds the whole client model. */
    public ClientModel build() {
        buildSchemas();
        List<OperationModel> operations = buildOperations();
        ValidationModel validation = buildValidation(operations);
        List<ApiClassModel> apis = buildApis(operations, validation);
        List<dev.wxpay.codegen.model.ChainNodeModel> chain = new ChainBuilder(packageName, apiPackage, specName)
                .build(operations, apis);
        Optional<NotificationsModel> notifications = buildNotifications();
        skipped.sort(Comparator.comparing(ClientModel.Skipped::where));
        return new ClientModel(specName, packageName, List.copyOf(schemasByClass.values()), apis, validation, chain,
                notifications, skipped);
    }

    // ---------------------------------------------------------------- schemas

    private void buildSchemas() {
        List<CodegenModel> models = new ArrayList<>(codegen.models().values());
        models.sort(Comparator.comparing(m -> m.classname));
        for (CodegenModel model : models) {
            if (model.isEnum || model.isArray || model.isMap || model.isString || model.isNumeric
                    || model.isBoolean || model.isPrimitiveType) {
                // Not an object: references to it print the underlying type instead (see typeOf).
                String underlying = model.isArray && model.arrayModelType != null ? "List<" + model.arrayModelType + ">"
                        : model.dataType;
                if (underlying != null && !underlying.equals(model.classname)) {
                    aliases.put(model.classname, underlying);
                }
                continue;
            }
            classBySchemaName.put(model.name, model.classname);
        }
        // A schema that cannot be expressed takes the schemas using it along (lenient), so repeat until stable.
        boolean changed = true;
        while (changed) {
            changed = false;
            schemasByClass.clear();
            schemaClasses.clear();
            schemaClasses.addAll(classBySchemaName.values());
            for (CodegenModel model : models) {
                if (!classBySchemaName.containsKey(model.name)) {
                    continue;
                }
                try {
                    schemasByClass.put(model.classname, buildSchema(model));
                } catch (UnsupportedConstruct e) {
                    String where = "#/components/schemas/" + model.name;
                    if (!lenient) {
                        throw new GenerationException("The spec " + specName + " uses a construct the generator"
                                + " does not support; change the spec, or set lenient=true to skip what uses it",
                                List.of(locator.apply(where + ": " + e.getMessage())));
                    }
                    skipped.add(new ClientModel.Skipped("schema " + model.name, e.getMessage()));
                    classBySchemaName.remove(model.name);
                    changed = true;
                }
            }
        }
    }

    private SchemaModel buildSchema(CodegenModel model) {
        NameAllocator propertyNames = new NameAllocator().reserve(OBJECT_METHODS);
        List<CodegenProperty> vars = model.allVars != null && !model.allVars.isEmpty() ? model.allVars : model.vars;
        List<PropertyModel> properties = new ArrayList<>();
        Set<String> imports = new TreeSet<>(List.of("com.fasterxml.jackson.annotation.JsonAutoDetect",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.annotation.JsonPropertyOrder",
                "java.util.Objects"));
        int index = 0;
        for (CodegenProperty var : vars) {
            index++;
            String camel = JavaNames.camel(var.baseName);
            String base = propertyNames.newName(camel.isEmpty() ? "property" + index : camel, var.baseName);
            String field = JavaNames.safeIdentifier(base, "Value");
            String getter = "get" + JavaNames.capitalize(base);
            if (getter.equals("getClass")) {
                getter = "getClassValue";
            }
            String javaType = typeOf(var.dataType, model.name + "." + var.baseName);
            imports.addAll(importsOf(javaType, modelPackage));
            List<String> javadoc = new ArrayList<>(JavaText.javadocLines(var.description));
            if (javadoc.isEmpty()) {
                javadoc.add(" The <code>" + JavaText.javadocInline(var.baseName) + "</code> property.");
            }
            if (var.isEnum && var.allowableValues != null && var.allowableValues.get("values") != null) {
                javadoc.add(" <p>Known values: <code>" + JavaText.javadocInline(
                        String.valueOf(var.allowableValues.get("values"))) + "</code>.");
            }
            if (var.example != null && !var.example.isBlank() && !"null".equals(var.example)) {
                javadoc.add(" <p>Example: <code>" + JavaText.javadocInline(var.example) + "</code>.");
            }
            if (var.required) {
                javadoc.add(" <p><b>Required.</b>");
            }
            String name = JavaText.stringContent(var.baseName);
            String annotation = var.required
                    ? "@JsonProperty(value = \"" + name + "\", required = true)"
                    : "@JsonProperty(\"" + name + "\")";
            properties.add(new PropertyModel(var.baseName, JavaText.javadocInline(var.baseName), field, javaType, getter,
                    "set" + JavaNames.capitalize(base), field, annotation, var.required, javadoc));
        }
        List<String> javadoc = new ArrayList<>(JavaText.javadocLines(model.description));
        if (javadoc.isEmpty()) {
            javadoc.add(" The <code>" + JavaText.javadocInline(model.name) + "</code> schema.");
        }
        StringBuilder order = new StringBuilder();
        StringBuilder equals = new StringBuilder();
        StringBuilder hash = new StringBuilder();
        StringBuilder toString = new StringBuilder("\"" + model.classname + "{\"");
        for (int i = 0; i < properties.size(); i++) {
            PropertyModel p = properties.get(i);
            String sep = i == 0 ? "" : ", ";
            order.append(sep).append('"').append(JavaText.stringContent(p.jsonName())).append('"');
            equals.append(i == 0 ? "" : "\n                && ")
                    .append("Objects.equals(").append(p.fieldName()).append(", other.").append(p.fieldName()).append(')');
            hash.append(sep).append(p.fieldName());
            toString.append("\n                + \"").append(sep).append(JavaText.stringContent(p.jsonName()))
                    .append("=\" + ").append(p.fieldName());
        }
        toString.append("\n                + \"}\"");
        imports.removeIf(i -> i.startsWith(modelPackage + ".") && i.indexOf('.', modelPackage.length() + 1) < 0);
        return new SchemaModel(model.name, modelPackage, model.classname, List.copyOf(imports), javadoc, properties,
                order.toString(), equals.length() == 0 ? "true" : equals.toString(), hash.toString(),
                toString.toString());
    }

    /**
     * The Java type for a codegen data type: object schemas keep their class, other named schemas (enums,
     * aliases) were inlined by OpenAPI Generator already. Fails on types the runtime cannot carry.
     */
    private String typeOf(String rawType, String where) {
        if (rawType == null) {
            throw new UnsupportedConstruct(where + ": no type could be determined");
        }
        String dataType = rawType;
        for (int depth = 0; depth < 8 && !aliases.isEmpty(); depth++) {
            String replaced = IDENTIFIER.matcher(dataType).replaceAll(r -> Matcher.quoteReplacement(
                    aliases.getOrDefault(r.group(), r.group())));
            if (replaced.equals(dataType)) {
                break;
            }
            dataType = replaced;
        }
        Matcher m = IDENTIFIER.matcher(dataType);
        while (m.find()) {
            String name = m.group();
            if (!LANG_TYPES.contains(name) && !JDK_TYPES.containsKey(name) && !schemaClassExists(name)) {
                throw new UnsupportedConstruct(where + ": type " + dataType + " is not supported by the generator"
                        + " (binary, file and untyped schemas have no JSON model)");
            }
        }
        return dataType;
    }

    private boolean schemaClassExists(String simpleName) {
        return schemaClasses.contains(simpleName);
    }

    private static Set<String> importsOf(String javaType, String modelPackage) {
        Set<String> imports = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(javaType);
        while (m.find()) {
            String name = m.group();
            if (JDK_TYPES.containsKey(name)) {
                imports.add(JDK_TYPES.get(name));
            } else if (!LANG_TYPES.contains(name) && modelPackage != null) {
                imports.add(modelPackage + "." + name);
            }
        }
        return imports;
    }

    // ---------------------------------------------------------------- operations

    private List<OperationModel> buildOperations() {
        Map<String, CodegenOperation> unique = new TreeMap<>();
        for (CodegenOperation op : codegen.operations()) {
            unique.putIfAbsent(op.path + " " + op.httpMethod, op);
        }
        List<OperationModel> operations = new ArrayList<>();
        for (CodegenOperation op : unique.values()) {
            String where = op.httpMethod + " " + op.path + " (" + op.operationId + ")";
            try {
                operations.add(buildOperation(op));
            } catch (UnsupportedConstruct e) {
                if (!lenient) {
                    throw new GenerationException("The spec " + specName + " uses a construct the generator does not"
                            + " support; change the spec, or set lenient=true to skip such operations",
                            List.of(where + ": " + locator.apply(e.getMessage())));
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
                + op.httpMethod.toLowerCase(java.util.Locale.ROOT);
        boolean hasForm = op.formParams != null && !op.formParams.isEmpty();
        if (hasForm && !op.isMultipart) {
            throw new UnsupportedConstruct(pointer + ": application/x-www-form-urlencoded bodies are not supported;"
                    + " WeChat Pay takes JSON, or multipart/form-data for media uploads");
        }
        NameAllocator names = new NameAllocator().reserve("violations", "client", "item", "index");
        List<ParameterModel> parameters = new ArrayList<>();
        List<OperationModel.NullCheck> nullChecks = new ArrayList<>();
        List<OperationModel.NestedCheck> nestedChecks = new ArrayList<>();
        List<String> builderCalls = new ArrayList<>();

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
            typeOf(p.dataType, pointer + "/parameters/" + placeholder);
            // Path values are text on the wire: always String, so the call chain can carry them uniformly.
            String javaType = "String";
            String javaName = names.newName(paramName(placeholder), "path:" + placeholder);
            parameters.add(new ParameterModel("path", placeholder, javaName, javaType, true,
                    describe(p.description, "the {@code " + placeholder + "} path segment")));
            nullChecks.add(new OperationModel.NullCheck(javaName,
                    "path parameter " + JavaText.stringContent(placeholder) + " is required"));
            builderCalls.add(".pathParam(\"" + JavaText.stringContent(placeholder) + "\", " + javaName + ")");
        }
        for (String declared : pathParams.keySet()) {
            if (!placeholders.contains(declared)) {
                throw new UnsupportedConstruct(pointer + ": path parameter " + declared
                        + " is declared but the path has no {" + declared + "}");
            }
        }
        for (CodegenParameter p : op.queryParams) {
            String javaType = typeOf(p.dataType, pointer + "/parameters/" + p.baseName);
            String javaName = names.newName(paramName(p.baseName), "query:" + p.baseName);
            parameters.add(new ParameterModel("query", p.baseName, javaName, javaType, p.required,
                    describe(p.description, "the {@code " + p.baseName + "} query parameter")
                            + (p.required ? " (required)" : " (optional, null to omit)")));
            if (p.required) {
                nullChecks.add(new OperationModel.NullCheck(javaName,
                        "query parameter " + JavaText.stringContent(p.baseName) + " is required"));
            }
            builderCalls.add(".queryParam(\"" + JavaText.stringContent(p.baseName) + "\", " + javaName + ")");
        }
        for (CodegenParameter p : op.headerParams) {
            if (RUNTIME_HEADERS.contains(p.baseName.toLowerCase(java.util.Locale.ROOT))) {
                continue; // the runtime sets the protocol headers (Wechatpay-Serial, Authorization, ...) itself
            }
            typeOf(p.dataType, pointer + "/parameters/" + p.baseName);
            // Header values are text on the wire, like path values: always String.
            String javaName = names.newName(paramName(p.baseName), "header:" + p.baseName);
            parameters.add(new ParameterModel("header", p.baseName, javaName, "String", p.required,
                    describe(p.description, "the {@code " + p.baseName + "} header")
                            + (p.required ? " (required)" : " (optional, null to omit)")));
            if (p.required) {
                nullChecks.add(new OperationModel.NullCheck(javaName,
                        "header parameter " + JavaText.stringContent(p.baseName) + " is required"));
            }
            builderCalls.add(".header(\"" + JavaText.stringContent(p.baseName) + "\", " + javaName + ")");
        }
        if (hasForm) {
            if (op.bodyParam != null) {
                throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload cannot also have a JSON body");
            }
            addMultipart(op, pointer, names, parameters, nullChecks, builderCalls);
        }
        if (op.bodyParam != null) {
            String javaType = typeOf(op.bodyParam.dataType, pointer + "/requestBody");
            if (!schemaClassExists(javaType)) {
                throw new UnsupportedConstruct(pointer + "/requestBody: the body must be a named object schema,"
                        + " not " + javaType);
            }
            String javaName = names.newName("request", "body");
            parameters.add(new ParameterModel("body", "body", javaName, javaType, op.bodyParam.required,
                    describe(op.bodyParam.description, "the request body")));
            if (op.bodyParam.required) {
                nullChecks.add(new OperationModel.NullCheck(javaName, "request body is required"));
            }
            nestedChecks.add(new OperationModel.NestedCheck(javaName, "check" + javaType));
            builderCalls.add(".body(" + javaName + ")");
        }
        String responseType = "Void";
        if (op.returnType != null) {
            responseType = typeOf(op.returnType, pointer + "/responses");
            if (responseType.contains("<")) {
                throw new UnsupportedConstruct(pointer + "/responses: a " + responseType + " answer is not"
                        + " supported; answer with a named object schema");
            }
        }
        String methodName = JavaNames.safeIdentifier(JavaNames.camel(op.operationId), "Operation");
        String tag = raw != null && raw.getTags() != null && !raw.getTags().isEmpty() ? raw.getTags().get(0) : "";
        List<String> javadoc = operationJavadoc(op, raw);
        StringBuilder declarations = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (ParameterModel p : parameters) {
            if (declarations.length() > 0) {
                declarations.append(", ");
                arguments.append(", ");
            }
            declarations.append(p.javaType()).append(' ').append(p.javaName());
            arguments.append(p.javaName());
        }
        boolean hasBody = !"Void".equals(responseType);
        return new OperationModel(op.operationId, methodName, op.httpMethod.toUpperCase(java.util.Locale.ROOT),
                op.path, tag, javadoc, parameters, declarations.toString(), arguments.toString(), responseType,
                hasBody ? responseType : "void", hasBody ? "return " : "", hasBody ? ".data()" : "",
                nullChecks, nestedChecks, builderCalls);
    }

    /**
     * A media upload: the {@code meta} part (any JSON-serialisable object: a model, a Map, or a JSON String; the
     * spec's Swagger 2 form parameter gives meta no schema the converter keeps), other plain fields, then the one
     * file part as file name, content type and bytes. The runtime signs the meta JSON only.
     */
    private void addMultipart(CodegenOperation op, String pointer, NameAllocator names,
            List<ParameterModel> parameters, List<OperationModel.NullCheck> nullChecks, List<String> builderCalls) {
        CodegenParameter meta = null;
        CodegenParameter file = null;
        List<CodegenParameter> fields = new ArrayList<>();
        for (CodegenParameter p : op.formParams) {
            if (p.isFile || p.isBinary) {
                if (file != null) {
                    throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload with more than one"
                            + " file part (" + file.baseName + ", " + p.baseName + ") is not supported");
                }
                file = p;
            } else if ("meta".equals(p.baseName)) {
                meta = p;
            } else {
                fields.add(p);
            }
        }
        if (meta == null || file == null) {
            throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload needs a meta part and one"
                    + " file part (WeChat Pay signs the meta JSON); declare both as form parameters");
        }
        String metaName = names.newName("meta", "form:meta");
        parameters.add(new ParameterModel("form", "meta", metaName, "Object", true,
                describe(meta.description, "the meta part") + " (required; a model, a Map or a JSON String,"
                        + " serialised as the signed {@code meta} JSON part)"));
        nullChecks.add(new OperationModel.NullCheck(metaName, "form part meta is required"));
        List<String> fieldCalls = new ArrayList<>();
        for (CodegenParameter p : fields) {
            String javaType = typeOf(p.dataType, pointer + "/requestBody/" + p.baseName);
            String javaName = names.newName(paramName(p.baseName), "form:" + p.baseName);
            parameters.add(new ParameterModel("form", p.baseName, javaName, javaType, p.required,
                    describe(p.description, "the {@code " + p.baseName + "} form field")
                            + (p.required ? " (required)" : " (optional, null to omit)")));
            if (p.required) {
                nullChecks.add(new OperationModel.NullCheck(javaName,
                        "form field " + JavaText.stringContent(p.baseName) + " is required"));
            }
            fieldCalls.add(".formField(\"" + JavaText.stringContent(p.baseName) + "\", " + javaName + ")");
        }
        String base = paramName(file.baseName);
        String fileName = names.newName(base + "Name", "form:" + file.baseName + ":name");
        String contentType = names.newName(base + "ContentType", "form:" + file.baseName + ":type");
        String bytes = names.newName(base, "form:" + file.baseName);
        String wire = JavaText.stringContent(file.baseName);
        parameters.add(new ParameterModel("form", file.baseName, fileName, "String", true,
                "the file name sent in the {@code " + file.baseName + "} part (required)"));
        parameters.add(new ParameterModel("form", file.baseName, contentType, "String", true,
                "the media type of the {@code " + file.baseName + "} part, for example {@code image/png} (required)"));
        parameters.add(new ParameterModel("form", file.baseName, bytes, "byte[]", true,
                describe(file.description, "the file") + " (required)"));
        nullChecks.add(new OperationModel.NullCheck(fileName, "file name of form part " + wire + " is required"));
        nullChecks.add(new OperationModel.NullCheck(contentType, "content type of form part " + wire + " is required"));
        nullChecks.add(new OperationModel.NullCheck(bytes, "form part " + wire + " is required"));
        builderCalls.add(".multipart(" + metaName + ", \"" + wire + "\", " + fileName + ", " + contentType + ", "
                + bytes + ")");
        builderCalls.addAll(fieldCalls);
    }

    private static String paramName(String wireName) {
        String camel = JavaNames.camel(wireName);
        return JavaNames.safeIdentifier(camel.isEmpty() ? "value" : camel, "Value");
    }

    private static String describe(String description, String fallback) {
        if (description == null || description.isBlank()) {
            return fallback;
        }
        return JavaText.javadocInline(description.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    private List<String> operationJavadoc(CodegenOperation op, Operation raw) {
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
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(httpMethod.toUpperCase(java.util.Locale.ROOT)));
    }

    // ---------------------------------------------------------------- validation

    private ValidationModel buildValidation(List<OperationModel> operations) {
        Set<String> reachable = new TreeSet<>();
        List<String> queue = new ArrayList<>();
        for (OperationModel op : operations) {
            for (ParameterModel p : op.parameters()) {
                if (p.location().equals("body")) {
                    queue.add(p.javaType());
                }
            }
        }
        List<ValidationModel.Check> checks = new ArrayList<>();
        while (!queue.isEmpty()) {
            String className = queue.remove(queue.size() - 1);
            if (!reachable.add(className)) {
                continue;
            }
            for (PropertyModel p : schemasByClass.get(className).properties()) {
                String element = listElement(p.javaType());
                if (schemasByClass.containsKey(p.javaType())) {
                    queue.add(p.javaType());
                } else if (element != null && schemasByClass.containsKey(element)) {
                    queue.add(element);
                }
            }
        }
        Set<String> imports = new TreeSet<>(List.of("java.util.List"));
        for (String className : reachable) {
            SchemaModel schema = schemasByClass.get(className);
            imports.add(modelPackage + "." + className);
            List<ValidationModel.Required> required = new ArrayList<>();
            List<ValidationModel.Nested> nested = new ArrayList<>();
            List<ValidationModel.Nested> lists = new ArrayList<>();
            for (PropertyModel p : schema.properties()) {
                String json = JavaText.stringContent(p.jsonName());
                if (p.required()) {
                    required.add(new ValidationModel.Required(p.getterName(), json));
                }
                String element = listElement(p.javaType());
                if (schemasByClass.containsKey(p.javaType())) {
                    nested.add(new ValidationModel.Nested(p.getterName(), json, "check" + p.javaType(), p.javaType()));
                } else if (element != null && schemasByClass.containsKey(element)) {
                    lists.add(new ValidationModel.Nested(p.getterName(), json, "check" + element, element));
                }
            }
            checks.add(new ValidationModel.Check("check" + className, className, required, nested, lists));
        }
        return new ValidationModel(apiPackage, "RequestValidation", List.copyOf(imports), checks);
    }

    private static String listElement(String javaType) {
        if (javaType.startsWith("List<") && javaType.endsWith(">")) {
            return javaType.substring(5, javaType.length() - 1);
        }
        return null;
    }

    // ---------------------------------------------------------------- APIs

    private List<ApiClassModel> buildApis(List<OperationModel> operations, ValidationModel validation) {
        Map<String, List<OperationModel>> byClass = new TreeMap<>();
        Map<String, String> tagByClass = new TreeMap<>();
        for (OperationModel op : operations) {
            String className = apiClassName(op);
            byClass.computeIfAbsent(className, k -> new ArrayList<>()).add(op);
            tagByClass.putIfAbsent(className, op.tag());
        }
        List<ApiClassModel> apis = new ArrayList<>();
        for (Map.Entry<String, List<OperationModel>> entry : byClass.entrySet()) {
            List<OperationModel> ops = entry.getValue();
            ops.sort(Comparator.comparing(OperationModel::methodName));
            Set<String> imports = new TreeSet<>(List.of("dev.wxpay.runtime.ApiRequest", "dev.wxpay.runtime.ApiResponse",
                    "dev.wxpay.runtime.RequestValidationException", "dev.wxpay.runtime.WechatPayClient",
                    "java.util.ArrayList", "java.util.List", "java.util.Objects",
                    "java.util.concurrent.CompletableFuture"));
            for (OperationModel op : ops) {
                for (ParameterModel p : op.parameters()) {
                    imports.addAll(importsOf(p.javaType(), modelPackage));
                }
                imports.addAll(importsOf(op.responseType(), modelPackage));
            }
            String tag = tagByClass.get(entry.getKey());
            List<String> javadoc = new ArrayList<>();
            String tagDescription = tagDescription(tag);
            javadoc.add(" The operations tagged <code>" + JavaText.javadocInline(tag.isEmpty() ? "(none)" : tag) + "</code>"
                    + (tagDescription == null ? "." : ": " + JavaText.javadocInline(tagDescription)));
            apis.add(new ApiClassModel(tag, apiPackage, entry.getKey(), List.copyOf(imports), javadoc,
                    validation.className(), ops));
        }
        return apis;
    }

    /** {@code PartnerUserSignPlans} gives {@code PartnerUserSignPlansApi}; a tag without ASCII words uses the path. */
    static String apiClassName(OperationModel op) {
        String fromTag = JavaNames.pascal(op.tag());
        if (!fromTag.isEmpty() && Character.isLetter(fromTag.charAt(0))) {
            return fromTag + "Api";
        }
        for (String segment : op.path().split("/")) {
            if (segment.isEmpty() || segment.contains("{") || segment.matches("v\\d+")) {
                continue;
            }
            String pascal = JavaNames.pascal(segment);
            if (!pascal.isEmpty() && Character.isLetter(pascal.charAt(0))) {
                return pascal + "Api";
            }
        }
        return "DefaultApi";
    }

    private String tagDescription(String tag) {
        if (openAPI.getTags() == null) {
            return null;
        }
        return openAPI.getTags().stream().filter(t -> tag.equals(t.getName())).map(t -> t.getDescription())
                .filter(d -> d != null && !d.isBlank()).findFirst().map(String::strip).orElse(null);
    }

    // ---------------------------------------------------------------- notifications

    private Optional<NotificationsModel> buildNotifications() {
        Map<String, NotificationsModel.Callback> callbacks = new TreeMap<>();
        Map<String, NotificationsModel.EventType> eventTypes = new TreeMap<>();
        Set<String> imports = new TreeSet<>(List.of("dev.wxpay.runtime.Notification",
                "dev.wxpay.runtime.NotificationParser", "java.util.List", "java.util.Map"));
        if (openAPI.getPaths() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, PathItem> path : new TreeMap<>(openAPI.getPaths()).entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Map<String, Callback> opCallbacks = entry.getValue().getCallbacks();
                if (opCallbacks == null) {
                    continue;
                }
                for (Map.Entry<String, Callback> callback : new TreeMap<>(opCallbacks).entrySet()) {
                    for (Map.Entry<String, PathItem> cbPath : callback.getValue().entrySet()) {
                        for (Operation cbOp : cbPath.getValue().readOperationsMap().values()) {
                            Object extension = cbOp.getExtensions() == null ? null
                                    : cbOp.getExtensions().get(NOTIFICATION_EXTENSION);
                            if (extension == null) {
                                continue;
                            }
                            String pointer = "#/paths/" + path.getKey().replace("/", "~1") + "/"
                                    + entry.getKey().name().toLowerCase(java.util.Locale.ROOT) + "/callbacks/"
                                    + callback.getKey();
                            NotificationsModel.Callback model = notificationCallback(cbOp, extension, pointer,
                                    eventTypes, imports);
                            callbacks.putIfAbsent(model.methodName(), model);
                        }
                    }
                }
            }
        }
        if (callbacks.isEmpty()) {
            return Optional.empty();
        }
        String last = packageName.substring(packageName.lastIndexOf('.') + 1);
        String className = JavaNames.pascal(last) + "Notifications";
        return Optional.of(new NotificationsModel(packageName + ".notification", className, List.copyOf(imports),
                List.copyOf(eventTypes.values()), List.copyOf(callbacks.values())));
    }

    private NotificationsModel.Callback notificationCallback(Operation cbOp, Object extension, String pointer,
                                                             Map<String, NotificationsModel.EventType> eventTypes,
                                                             Set<String> imports) {
        if (!(extension instanceof Map<?, ?> map)) {
            throw new GenerationException("Bad " + NOTIFICATION_EXTENSION + " in " + specName, List.of(pointer
                    + ": expected an object with resource-schema and event-types"));
        }
        Object ref = map.get("resource-schema");
        Object types = map.get("event-types");
        if (!(ref instanceof String refText) || !(types instanceof List<?> typeList) || typeList.isEmpty()) {
            throw new GenerationException("Bad " + NOTIFICATION_EXTENSION + " in " + specName, List.of(pointer
                    + ": needs resource-schema (a '#/components/schemas/Name' reference) and a non-empty event-types list"));
        }
        String schemaName = refText.substring(refText.lastIndexOf('/') + 1);
        String resourceClass = classBySchemaName.get(schemaName);
        if (resourceClass == null) {
            throw new GenerationException("Bad " + NOTIFICATION_EXTENSION + " in " + specName, List.of(pointer
                    + ": resource-schema " + refText + " is not an object schema under components/schemas"));
        }
        imports.add(modelPackage + "." + resourceClass);
        String operationId = cbOp.getOperationId() != null ? cbOp.getOperationId() : schemaName + "Notification";
        List<String> constants = new ArrayList<>();
        for (Object type : typeList) {
            String value = String.valueOf(type);
            String constant = JavaNames.constant(value);
            eventTypes.putIfAbsent(constant, new NotificationsModel.EventType(constant, JavaText.stringContent(value)));
            constants.add(constant);
        }
        List<String> javadoc = new ArrayList<>(JavaText.javadocLines(cbOp.getSummary()));
        List<String> description = JavaText.javadocLines(cbOp.getDescription());
        if (!description.isEmpty()) {
            javadoc.add("");
            javadoc.add(" <p>" + description.get(0).substring(1));
            javadoc.addAll(description.subList(1, description.size()));
        }
        if (cbOp.getExternalDocs() != null && cbOp.getExternalDocs().getUrl() != null) {
            javadoc.add("");
            javadoc.add(" @see <a href=\"" + JavaText.javadocInline(cbOp.getExternalDocs().getUrl()) + "\">"
                    + JavaText.javadocInline(cbOp.getExternalDocs().getDescription() == null ? "Official documentation"
                    : cbOp.getExternalDocs().getDescription()) + "</a>");
        }
        return new NotificationsModel.Callback(operationId, "parse" + JavaNames.pascal(operationId), resourceClass,
                JavaNames.constant(operationId) + "_EVENT_TYPES", String.join(", ", constants), javadoc);
    }

    /** A spec construct the generator cannot express; the message says where and what. */
    static final class UnsupportedConstruct extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedConstruct(String message) {
            super(message);
        }
    }
}
