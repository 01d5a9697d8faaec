package dev.wxpay.codegen;

import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.model.PropertyModel;
import dev.wxpay.codegen.model.SchemaModel;
import dev.wxpay.codegen.model.ValidationModel;
import dev.wxpay.codegen.naming.JavaText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the request validation class: one check per model class reachable from a request body, testing its
 * required properties and walking into nested objects and lists of objects. Stateless and thread-safe.
 */
final class ValidationBuilder {
    private final BuildContext context;

    ValidationBuilder(BuildContext context) {
        this.context = context;
    }

    ValidationModel build(List<OperationModel> operations, Map<String, SchemaModel> schemasByClass) {
        Set<String> reachable = reachable(operations, schemasByClass);
        Set<String> imports = new TreeSet<>(List.of("java.util.List"));
        List<ValidationModel.Check> checks = new ArrayList<>();
        for (String className : reachable) {
            SchemaModel schema = schemasByClass.get(className);
            imports.add(context.modelPackage() + "." + className);
            List<ValidationModel.Required> required = new ArrayList<>();
            List<ValidationModel.Nested> nested = new ArrayList<>();
            List<ValidationModel.Nested> lists = new ArrayList<>();
            for (PropertyModel p : schema.properties()) {
                String json = JavaText.stringContent(p.jsonName());
                if (p.required()) {
                    required.add(new ValidationModel.Required(p.getterName(), json));
                }
                String element = JavaTypes.listElement(p.javaType());
                if (schemasByClass.containsKey(p.javaType())) {
                    nested.add(new ValidationModel.Nested(p.getterName(), json, "check" + p.javaType(), p.javaType()));
                } else if (element != null && schemasByClass.containsKey(element)) {
                    lists.add(new ValidationModel.Nested(p.getterName(), json, "check" + element, element));
                }
            }
            checks.add(new ValidationModel.Check("check" + className, className, required, nested, lists));
        }
        return new ValidationModel(context.apiPackage(), "RequestValidation", List.copyOf(imports), checks);
    }

    /** The model classes reachable from request bodies, sorted. */
    private static Set<String> reachable(List<OperationModel> operations, Map<String, SchemaModel> schemasByClass) {
        Set<String> reachable = new TreeSet<>();
        List<String> queue = new ArrayList<>();
        for (OperationModel op : operations) {
            for (ParameterModel p : op.parameters()) {
                if (p.location().equals("body")) {
                    queue.add(p.javaType());
                }
            }
        }
        while (!queue.isEmpty()) {
            String className = queue.remove(queue.size() - 1);
            if (!reachable.add(className)) {
                continue;
            }
            for (PropertyModel p : schemasByClass.get(className).properties()) {
                String element = JavaTypes.listElement(p.javaType());
                if (schemasByClass.containsKey(p.javaType())) {
                    queue.add(p.javaType());
                } else if (element != null && schemasByClass.containsKey(element)) {
                    queue.add(element);
                }
            }
        }
        return reachable;
    }
}
