package dev.wxpay.codegen;

import dev.wxpay.codegen.model.SchemaModel;
import org.openapitools.codegen.CodegenModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places the schemas {@link InlineSchemaNamer} marked as nested: computes the qualified name each class is
 * referred to by ({@code JsapiPrepayRequest.Amount}, {@code Owner.Nested.Deeper}) and hangs every nested class
 * model under its owner, so that one file holds a top-level class and all it nests. Stateless.
 */
final class NestedClasses {
    private NestedClasses() {
    }

    /**
     * The qualified class name of every object schema of {@code classBySchemaName} (components name to codegen
     * class name). A nested schema whose owner is not generated (lenient mode skipped it) stays top-level, named
     * from its path as before nesting.
     */
    static Map<String, String> qualify(Map<String, String> classBySchemaName, Map<String, CodegenModel> models) {
        Map<String, String> qualified = new TreeMap<>();
        for (String schemaName : classBySchemaName.keySet()) {
            String name = qualifiedName(schemaName, classBySchemaName, models, 0);
            // Its owner is skipped (lenient mode) but other schemas may use the shape: it becomes a top-level
            // class under its path name rather than taking those users along.
            qualified.put(schemaName, name != null ? name : classBySchemaName.get(schemaName));
        }
        return qualified;
    }

    private static String qualifiedName(String schemaName, Map<String, String> classBySchemaName,
                                        Map<String, CodegenModel> models, int depth) {
        String classname = classBySchemaName.get(schemaName);
        CodegenModel model = models.get(schemaName);
        if (classname == null || model == null) {
            return null;
        }
        String owner = extension(model, InlineSchemaNamer.NESTED_IN);
        if (owner == null) {
            return classname;
        }
        if (depth > classBySchemaName.size()) {
            throw new IllegalStateException("nested classes form a cycle at " + schemaName);
        }
        String ownerName = qualifiedName(owner, classBySchemaName, models, depth + 1);
        return ownerName == null ? null : ownerName + "." + extension(model, InlineSchemaNamer.NESTED_NAME);
    }

    private static String extension(CodegenModel model, String name) {
        Object value = model == null || model.vendorExtensions == null ? null : model.vendorExtensions.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * The top-level classes of {@code byQualifiedName}, sorted, each holding its nested classes (recursively, in
     * the order of their qualified names) and the imports of all of them.
     */
    static List<SchemaModel> assemble(Map<String, SchemaModel> byQualifiedName, String modelPackage) {
        Map<String, List<SchemaModel>> children = new TreeMap<>();
        List<SchemaModel> roots = new ArrayList<>();
        for (SchemaModel schema : new TreeMap<>(byQualifiedName).values()) {
            int dot = schema.qualifiedName().lastIndexOf('.');
            if (dot < 0) {
                roots.add(schema);
            } else {
                children.computeIfAbsent(schema.qualifiedName().substring(0, dot), k -> new ArrayList<>()).add(schema);
            }
        }
        List<SchemaModel> assembled = new ArrayList<>();
        for (SchemaModel root : roots) {
            Set<String> imports = new TreeSet<>();
            assembled.add(attach(root, children, imports, modelPackage));
        }
        return assembled;
    }

    private static SchemaModel attach(SchemaModel schema, Map<String, List<SchemaModel>> children,
                                      Set<String> imports, String modelPackage) {
        imports.addAll(schema.imports());
        List<SchemaModel> nested = new ArrayList<>();
        for (SchemaModel child : children.getOrDefault(schema.qualifiedName(), List.of())) {
            nested.add(attach(child, children, imports, modelPackage));
        }
        // Only a top-level class prints imports; they are complete once every nested class has been visited.
        imports.removeIf(i -> i.equals(modelPackage + "." + schema.qualifiedName()));
        return schema.withNested(nested, schema.isTopLevel() ? List.copyOf(imports) : schema.imports());
    }
}
