package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.PropertyModel;
import dev.wxpay.codegen.model.SchemaModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import dev.wxpay.codegen.naming.NameAllocator;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns OpenAPI Generator's codegen models into our model classes: which schemas become classes (objects) and
 * which are aliases printed as their underlying type (enums, arrays, plain types), and every property's Java
 * spelling. In lenient mode a schema that cannot be expressed is skipped along with the schemas using it.
 * One instance per run; not thread-safe.
 */
final class SchemaBuilder {
    /** The extension marking a string property WeChat Pay requires encrypted (敏感信息). */
    static final String SENSITIVE_EXTENSION = "x-wxpay-sensitive";
    private static final String[] OBJECT_METHODS = {"getClass", "hashCode", "equals", "toString", "notify",
            "notifyAll", "wait", "clone", "finalize"};

    /** The model classes by class name and the class of each object schema by its components name. */
    record Schemas(Map<String, SchemaModel> byClass, Map<String, String> classBySchemaName) {
    }

    private final BuildContext context;
    private final JavaTypes types;
    private final List<ClientModel.Skipped> skipped;

    /**
     * @param types   filled here with aliases and schema classes, for the builders that run after
     * @param skipped receives what lenient mode leaves out
     */
    SchemaBuilder(BuildContext context, JavaTypes types, List<ClientModel.Skipped> skipped) {
        this.context = context;
        this.types = types;
        this.skipped = skipped;
    }

    Schemas build(Map<String, CodegenModel> codegenModels) {
        Map<String, SchemaModel> schemasByClass = new TreeMap<>();
        Map<String, String> classBySchemaName = new TreeMap<>();
        List<CodegenModel> models = new ArrayList<>(codegenModels.values());
        models.sort(Comparator.comparing(m -> m.classname));
        for (CodegenModel model : models) {
            if (model.isEnum || model.isArray || model.isMap || model.isString || model.isNumeric
                    || model.isBoolean || model.isPrimitiveType) {
                // Not an object: references to it print the underlying type instead (see JavaTypes.typeOf).
                String underlying = model.isArray && model.arrayModelType != null ? "List<" + model.arrayModelType + ">"
                        : model.dataType;
                if (underlying != null && !underlying.equals(model.classname)) {
                    types.alias(model.classname, underlying);
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
            types.schemaClasses(classBySchemaName.values());
            for (CodegenModel model : models) {
                if (!classBySchemaName.containsKey(model.name)) {
                    continue;
                }
                try {
                    schemasByClass.put(model.classname, buildSchema(model));
                } catch (UnsupportedConstruct e) {
                    String where = "#/components/schemas/" + model.name;
                    if (!context.lenient()) {
                        throw new GenerationException("The spec " + context.specName() + " uses a construct the"
                                + " generator does not support; change the spec, or set lenient=true to skip what"
                                + " uses it", List.of(context.locator().apply(where + ": " + e.getMessage())));
                    }
                    skipped.add(new ClientModel.Skipped("schema " + model.name, e.getMessage()));
                    classBySchemaName.remove(model.name);
                    changed = true;
                }
            }
        }
        return new Schemas(schemasByClass, classBySchemaName);
    }

    private SchemaModel buildSchema(CodegenModel model) {
        String modelPackage = context.modelPackage();
        NameAllocator propertyNames = new NameAllocator().reserve(OBJECT_METHODS);
        List<CodegenProperty> vars = model.allVars != null && !model.allVars.isEmpty() ? model.allVars : model.vars;
        List<PropertyModel> properties = new ArrayList<>();
        Set<String> imports = new TreeSet<>(List.of("com.fasterxml.jackson.annotation.JsonAutoDetect",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.annotation.JsonPropertyOrder",
                "java.util.Objects"));
        int index = 0;
        for (CodegenProperty var : vars) {
            index++;
            PropertyModel property = property(model, var, propertyNames, index);
            imports.addAll(JavaTypes.importsOf(property.javaType(), modelPackage));
            if (property.sensitive()) {
                imports.add("dev.wxpay.runtime.SensitiveField");
            }
            properties.add(property);
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
            if (p.sensitive()) {
                // Never the value: a sensitive field holds plaintext (a phone number, a name) once decrypted.
                toString.append("\n                + \"").append(sep).append(JavaText.stringContent(p.jsonName()))
                        .append("=***\"");
            } else {
                toString.append("\n                + \"").append(sep).append(JavaText.stringContent(p.jsonName()))
                        .append("=\" + ").append(p.fieldName());
            }
        }
        toString.append("\n                + \"}\"");
        imports.removeIf(i -> i.startsWith(modelPackage + ".") && i.indexOf('.', modelPackage.length() + 1) < 0);
        return new SchemaModel(model.name, modelPackage, model.classname, List.copyOf(imports), javadoc, properties,
                order.toString(), equals.length() == 0 ? "true" : equals.toString(), hash.toString(),
                toString.toString());
    }

    /** One property: its Java names (keywords and Object's methods avoided), type, annotation and Javadoc. */
    private PropertyModel property(CodegenModel model, CodegenProperty var, NameAllocator propertyNames, int index) {
        String camel = JavaNames.camel(var.baseName);
        String base = propertyNames.newName(camel.isEmpty() ? "property" + index : camel, var.baseName);
        String field = JavaNames.safeIdentifier(base, "Value");
        String getter = "get" + JavaNames.capitalize(base);
        if (getter.equals("getClass")) {
            getter = "getClassValue";
        }
        String javaType = types.typeOf(var.dataType, model.name + "." + var.baseName);
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
        boolean sensitive = isSensitive(model, var, javaType);
        if (sensitive) {
            javadoc.add(" <p>Sensitive: the client encrypts it on the way out and decrypts it on the way in;"
                    + " {@code toString()} never prints it.");
        }
        String name = JavaText.stringContent(var.baseName);
        String annotation = var.required
                ? "@JsonProperty(value = \"" + name + "\", required = true)"
                : "@JsonProperty(\"" + name + "\")";
        if (sensitive) {
            annotation = "@SensitiveField\n    " + annotation; // one annotation a line, at field indentation
        }
        return new PropertyModel(var.baseName, JavaText.javadocInline(var.baseName), field, javaType, getter,
                "set" + JavaNames.capitalize(base), field, annotation, var.required, sensitive, javadoc);
    }

    /** Whether {@code var} is marked {@code x-wxpay-sensitive: true}; only a string can be encrypted. */
    private static boolean isSensitive(CodegenModel model, CodegenProperty var, String javaType) {
        Object flag = var.vendorExtensions == null ? null : var.vendorExtensions.get(SENSITIVE_EXTENSION);
        if (flag == null || Boolean.FALSE.equals(flag) || "false".equals(flag)) {
            return false;
        }
        if (!Boolean.TRUE.equals(flag) && !"true".equals(flag)) {
            throw new UnsupportedConstruct(model.name + "." + var.baseName + ": " + SENSITIVE_EXTENSION
                    + " must be true or false, not " + flag);
        }
        if (!"String".equals(javaType)) {
            throw new UnsupportedConstruct(model.name + "." + var.baseName + ": " + SENSITIVE_EXTENSION
                    + " applies to string properties only (WeChat Pay encrypts text), not " + javaType);
        }
        return true;
    }
}
