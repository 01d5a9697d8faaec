package dev.wxpay.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * One generated model class (a named object schema). Immutable and thread-safe.
 *
 * @param schemaName       the key under {@code components/schemas}
 * @param packageName      the Java package
 * @param className        the simple class name
 * @param imports          sorted fully qualified imports
 * @param javadoc          class Javadoc lines, escaped
 * @param properties       properties in spec order
 * @param propertyOrder    the {@code @JsonPropertyOrder} argument, pre-joined ({@code "a", "b"})
 * @param equalsExpression the boolean expression comparing {@code this} with {@code other}
 * @param hashArguments    the arguments of {@code Objects.hash(...)}
 * @param toStringExpression the expression {@code toString()} returns
 */
public record SchemaModel(String schemaName, String packageName, String className, List<String> imports,
                          List<String> javadoc, List<PropertyModel> properties, String propertyOrder,
                          String equalsExpression, String hashArguments, String toStringExpression) {
    public SchemaModel {
        Objects.requireNonNull(className, "className");
        imports = List.copyOf(imports);
        javadoc = List.copyOf(javadoc);
        properties = List.copyOf(properties);
    }
}
