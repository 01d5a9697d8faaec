package dev.wxpay.codegen;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java types the generated code may use: JDK types, object schemas that became classes, and the aliases
 * (enums, arrays, plain types) that OpenAPI Generator names but that print as their underlying type. The one
 * home of "what does this codegen data type print as, and what does it import". One instance per run; not
 * thread-safe.
 */
final class JavaTypes {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<String, String> JDK_TYPES = Map.of(
            "List", "java.util.List", "Map", "java.util.Map", "Set", "java.util.Set",
            "OffsetDateTime", "java.time.OffsetDateTime", "LocalDate", "java.time.LocalDate",
            "BigDecimal", "java.math.BigDecimal", "UUID", "java.util.UUID", "URI", "java.net.URI");
    private static final Set<String> LANG_TYPES = Set.of(
            "String", "Integer", "Long", "Boolean", "Double", "Float", "Object", "Void", "byte");

    private final Map<String, String> aliases = new TreeMap<>();
    private final Set<String> schemaClasses = new HashSet<>();

    /** Records that references to {@code name} print {@code underlying} instead. */
    void alias(String name, String underlying) {
        aliases.put(name, underlying);
    }

    /** Replaces the set of schema classes that exist (lenient mode removes some and tries again). */
    void schemaClasses(Iterable<String> classNames) {
        schemaClasses.clear();
        classNames.forEach(schemaClasses::add);
    }

    /** Whether {@code simpleName} is a generated model class. */
    boolean isSchemaClass(String simpleName) {
        return schemaClasses.contains(simpleName);
    }

    /**
     * The Java type for a codegen data type: object schemas keep their class, other named schemas (enums,
     * aliases) print their underlying type. Fails on types the runtime cannot carry, naming {@code where}.
     */
    String typeOf(String rawType, String where) {
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
            if (!LANG_TYPES.contains(name) && !JDK_TYPES.containsKey(name) && !isSchemaClass(name)) {
                throw new UnsupportedConstruct(where + ": type " + dataType + " is not supported by the generator"
                        + " (binary, file and untyped schemas have no JSON model)");
            }
        }
        return dataType;
    }

    /** The imports {@code javaType} needs: JDK types by their package, anything else from {@code modelPackage}. */
    static Set<String> importsOf(String javaType, String modelPackage) {
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

    /** {@code List<X>} gives {@code X}; anything else null. */
    static String listElement(String javaType) {
        if (javaType.startsWith("List<") && javaType.endsWith(">")) {
            return javaType.substring(5, javaType.length() - 1);
        }
        return null;
    }
}
