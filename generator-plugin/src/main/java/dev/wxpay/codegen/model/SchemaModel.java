package dev.wxpay.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * One generated model class (a named object schema), top-level or a static nested class of another (an inline
 * object is nested in the class of the schema that holds it). Immutable and thread-safe.
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
 * @param qualifiedName    how other classes of the package name it: the simple name for a top-level class,
 *                         {@code Owner.Nested} for a nested one
 * @param declaration      the keywords before {@code class}: {@code public}, or {@code public static} when nested
 * @param nested           the static nested classes it holds, in the order of their qualified names; the
 *                         imports of a top-level class include theirs
 */
public record SchemaModel(String schemaName, String packageName, String className, List<String> imports,
                          List<String> javadoc, List<PropertyModel> properties, String propertyOrder,
                          String equalsExpression, String hashArguments, String toStringExpression,
                          String qualifiedName, String declaration, List<SchemaModel> nested) {
    public SchemaModel {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        nested = List.copyOf(nested);
        imports = List.copyOf(imports);
        javadoc = List.copyOf(javadoc);
        properties = List.copyOf(properties);
    }

    /** Whether this class is top-level (its own file), not nested in another. */
    public boolean isTopLevel() {
        return qualifiedName.indexOf('.') < 0;
    }

    /** This class holding {@code classes} as its nested classes, with {@code allImports} as its imports. */
    public SchemaModel withNested(List<SchemaModel> classes, List<String> allImports) {
        return new SchemaModel(schemaName, packageName, className, allImports, javadoc, properties, propertyOrder,
                equalsExpression, hashArguments, toStringExpression, qualifiedName, declaration, classes);
    }
}
