package dev.wxpay.codegen.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenProperty;
import org.openapitools.codegen.utils.ModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The codegen models of the common schema shapes, holding only what our builders read ({@code SchemaBuilder},
 * {@code NestedClasses}): a model's name, class name, kind flags ({@code isEnum}, {@code isString}, {@code isMap},
 * ...), data type, description, extensions and properties; a property's JSON name, data type, description,
 * required flag, enum values, example and extensions. Every value is computed the way OpenAPI Generator's
 * {@code fromModel} and {@code fromProperty} compute it, with the same methods of the codegen configuration
 * ({@code unaliasSchema}, {@code getTypeDeclaration}, {@code getSchemaType}, {@code toModelName},
 * {@code escapeText}, {@code toExampleValue}).
 *
 * <p>Why: {@code fromModel} also prints every schema as JSON ({@code Json.pretty}), derives a dozen names per
 * property through regular expressions, clones property lists and computes imports, examples and validation
 * copies that nothing here reads; on the whole bundled API that was about a third of the generator's CPU.
 *
 * <p>A shape not reproduced here answers {@code null} and is left to OpenAPI Generator itself: a model that is
 * composed ({@code allOf}/{@code oneOf}/{@code anyOf}), an array, a map, untyped, a reference, or has a null
 * property; a property that is composed, refers to another schema's property, or is neither a primitive, a
 * reference nor an array of those. One instance per codegen run; not thread-safe (it uses the run's
 * configuration).
 */
final class LiteModels {
    private static final Set<String> PRIMITIVE_TYPES = Set.of("string", "integer", "number", "boolean");

    private final WxpayCodegen codegen;
    private final OpenAPI openAPI;

    LiteModels(WxpayCodegen codegen, OpenAPI openAPI) {
        this.codegen = codegen;
        this.openAPI = openAPI;
    }

    /** The model of component {@code name}, or null when its shape is left to {@code fromModel}. */
    CodegenModel model(String name, Schema<?> raw) {
        Schema<?> schema = liteShape(raw);
        if (schema == null) {
            return null;
        }
        boolean object = ModelUtils.isTypeObjectSchema(schema);
        CodegenModel m = new CodegenModel();
        m.name = codegen.reservedWords().contains(name) ? codegen.escapeReservedWord(name) : name;
        m.schemaName = name;
        m.description = codegen.escapeText(schema.getDescription());
        m.unescapedDescription = schema.getDescription();
        m.classname = codegen.toModelName(name);
        if (schema.getExtensions() != null && !schema.getExtensions().isEmpty()) {
            m.getVendorExtensions().putAll(schema.getExtensions());
        }
        if (!object && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            m.isEnum = true;
            m.allowableValues = new HashMap<>();
            m.allowableValues.put("values", schema.getEnum());
        }
        m.dataType = codegen.getSchemaType(schema);
        m.setTypeProperties(schema, openAPI);
        if (ModelUtils.isIntegerSchema(schema) || ModelUtils.isNumberSchema(schema)) {
            m.isNumeric = true;
        } else if (ModelUtils.isStringSchema(schema) && (ModelUtils.isDateTimeSchema(schema)
                || ModelUtils.isDateSchema(schema) || ModelUtils.isUUIDSchema(schema)
                || ModelUtils.isURISchema(schema))) {
            m.setIsString(false); // as fromModel: a date, date-time, uuid or uri is not "a string"
        }
        List<CodegenProperty> vars = object ? properties(schema) : new ArrayList<>();
        if (vars == null) {
            return null;
        }
        m.vars = vars;
        m.allVars = vars;
        m.hasVars = !vars.isEmpty();
        return m;
    }

    /**
     * What {@code model(name, raw).hasVars} answers (whether the object has properties), without computing the
     * properties; null when the shape is left to {@code fromModel}. A body parameter needs no more of its model.
     */
    Boolean hasVars(Schema<?> raw) {
        Schema<?> schema = liteShape(raw);
        if (schema == null) {
            return null;
        }
        if (!ModelUtils.isTypeObjectSchema(schema)
                || (schema.getProperties() == null && schema.getRequired() == null)) {
            return false;
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        Map<String, Schema> properties = codegen.unaliasProperties((Map) schema.getProperties());
        return properties != null && !properties.isEmpty();
    }

    /** The unaliased schema of a model this class computes (a plain object or a primitive), else null. */
    private Schema<?> liteShape(Schema<?> raw) {
        Schema<?> schema = codegen.unaliasSchema(raw);
        if (schema == null || schema.get$ref() != null || ModelUtils.isComposedSchema(schema)
                || ModelUtils.isArraySchema(schema) || ModelUtils.isAnyType(schema)) {
            return null;
        }
        boolean object = ModelUtils.isTypeObjectSchema(schema);
        if (object ? ModelUtils.isMapSchema(schema) || ModelUtils.isFreeFormObject(schema, openAPI)
                : !isPrimitive(schema)) {
            return null;
        }
        if (object && schema.getProperties() != null && schema.getProperties().containsValue(null)) {
            return null; // fromModel logs about it
        }
        return schema;
    }

    /**
     * The properties of an object schema in declared order. Like {@code fromModel}, this replaces each property
     * schema of the spec by its unaliased schema ({@code unaliasPropertySchema} writes into the spec), which later
     * steps see. A property this class cannot reproduce comes from {@code fromProperty}.
     */
    private List<CodegenProperty> properties(Schema<?> schema) {
        List<CodegenProperty> vars = new ArrayList<>();
        if (schema.getProperties() == null && schema.getRequired() == null) {
            return vars;
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        Map<String, Schema> properties = codegen.unaliasProperties((Map) schema.getProperties());
        if (properties == null) {
            return vars;
        }
        Set<String> mandatory = schema.getRequired() == null ? Set.of() : new TreeSet<>(schema.getRequired());
        for (Map.Entry<String, Schema> entry : properties.entrySet()) {
            boolean required = mandatory.contains(entry.getKey());
            CodegenProperty property = property(entry.getKey(), entry.getValue(), required);
            vars.add(property != null ? property : codegen.fromProperty(entry.getKey(), entry.getValue(), required));
        }
        return vars;
    }

    /** A property as {@code fromProperty(name, p, required)} computes the fields we read, or null. */
    CodegenProperty property(String name, Schema<?> p, boolean required) {
        if (p == null || ModelUtils.isRefToSchemaWithProperties(p.get$ref())) {
            return null;
        }
        Schema<?> original = null;
        Schema<?> own = p;
        if (ModelUtils.isAllOf(p) && p.getAllOf().size() == 1) {
            // A single allOf member (a $ref with its own description, as converted specs write it) stands for
            // the member, with the outer schema's description, example and extensions on top, as in fromProperty.
            original = p;
            own = (Schema<?>) p.getAllOf().get(0);
            if (own == null || ModelUtils.isRefToSchemaWithProperties(own.get$ref())) {
                return null;
            }
        } else if (ModelUtils.isComposedSchema(p)) {
            return null;
        } else if (p.get$ref() != null) {
            original = p;
        }
        Schema<?> q = codegen.unaliasSchema(own);
        Item item = item(q, 0);
        if (item == null) {
            return null;
        }
        String example;
        try {
            example = codegen.toExampleValue(q);
            if (original != null && original.getExample() != null) {
                example = codegen.toExampleValue(original);
            }
        } catch (RuntimeException e) {
            return null; // fromProperty logs its own message for it
        }
        CodegenProperty property = new CodegenProperty();
        property.baseName = name;
        property.name = name;
        property.required = required;
        property.dataType = codegen.getTypeDeclaration(q);
        property.description = codegen.escapeText(q.getDescription());
        property.unescapedDescription = q.getDescription();
        if (original != null && original.getDescription() != null) {
            property.description = codegen.escapeText(original.getDescription());
            property.unescapedDescription = original.getDescription();
        }
        property.example = example;
        if (q.getExtensions() != null && !q.getExtensions().isEmpty()) {
            property.getVendorExtensions().putAll(q.getExtensions());
        } else if (q.get$ref() != null) {
            Schema<?> referenced = ModelUtils.getReferencedSchema(openAPI, q);
            if (referenced == null) {
                return null;
            }
            if (referenced.getExtensions() != null && !referenced.getExtensions().isEmpty()) {
                property.getVendorExtensions().putAll(referenced.getExtensions());
            }
        }
        if (original != null && original.getExtensions() != null) {
            property.getVendorExtensions().putAll(original.getExtensions());
        }
        if (item.enumValues != null) {
            // A primitive with an enum, or an array whose innermost items are one: fromProperty marks both.
            property.isEnum = true;
            property.allowableValues = new HashMap<>();
            property.allowableValues.put("values", item.enumValues);
        }
        return property;
    }

    /** What decides {@code isEnum}: the innermost item's enum values (null for none or a reference). */
    private record Item(List<?> enumValues) {
    }

    /**
     * The innermost item of an (unaliased) property schema: a reference (never an enum, even to an enum schema:
     * OpenAPI Generator marks that {@code isEnumRef}), a primitive, or an array of those; null for any other shape.
     */
    private Item item(Schema<?> q, int depth) {
        if (q == null || depth > 8 || ModelUtils.isComposedSchema(q) || q.getProperties() != null
                || q.getAdditionalProperties() != null || q.getNot() != null
                || (q.getTypes() != null && q.getTypes().size() > 1)) {
            return null;
        }
        if (q.get$ref() != null) {
            return q.getEnum() == null || q.getEnum().isEmpty() ? new Item(null) : null;
        }
        if (q instanceof ArraySchema || "array".equals(q.getType())) {
            if (q.getItems() == null || q.getEnum() != null) {
                return null;
            }
            Schema<?> items = q.getItems();
            if (items.get$ref() != null && ModelUtils.isRefToSchemaWithProperties(items.get$ref())) {
                return null;
            }
            return item(codegen.unaliasSchema(items), depth + 1);
        }
        if (!isPrimitive(q) || q.getItems() != null) {
            return null;
        }
        return new Item(q.getEnum() == null || q.getEnum().isEmpty() ? null : q.getEnum());
    }

    private static boolean isPrimitive(Schema<?> schema) {
        return schema.getType() != null && PRIMITIVE_TYPES.contains(schema.getType())
                && (schema.getTypes() == null || schema.getTypes().size() <= 1)
                && schema.getProperties() == null && schema.getAdditionalProperties() == null;
    }
}
