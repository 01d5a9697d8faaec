package dev.wxpay.codegen;

import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import dev.wxpay.codegen.naming.NameAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the parameter rules of one operation collect, in call order: the Java parameters, the null checks, the
 * nested body checks and the request builder calls, with one name allocator so no two parameters clash.
 * One instance per operation; not thread-safe.
 */
final class OperationParts {
    final NameAllocator names;
    final List<ParameterModel> parameters = new ArrayList<>();
    final List<OperationModel.NullCheck> nullChecks = new ArrayList<>();
    final List<OperationModel.NestedCheck> nestedChecks = new ArrayList<>();
    final List<String> builderCalls = new ArrayList<>();
    /** A path or query value is {@code x-wxpay-sensitive}: the request builder takes the client to encrypt it. */
    boolean sensitive;

    /**
     * @param download the operation answers a file: its methods also take {@code out} or {@code target}, so no
     *                 parameter may take those names
     */
    OperationParts(boolean download) {
        names = new NameAllocator().reserve("violations", "client", "item", "index");
        if (download) {
            names.reserve("out", "target");
        }
    }

    /** Whether a spec parameter is marked {@code x-wxpay-sensitive: true}. */
    static boolean isSensitive(org.openapitools.codegen.CodegenParameter p) {
        return p.vendorExtensions != null && Boolean.TRUE.equals(p.vendorExtensions.get("x-wxpay-sensitive"));
    }

    /** The Java name of a parameter called {@code wireName} on the wire, before allocation. */
    static String paramName(String wireName) {
        String camel = JavaNames.camel(wireName);
        return JavaNames.safeIdentifier(camel.isEmpty() ? "value" : camel, "Value");
    }

    /** A spec description as one escaped Javadoc line, or {@code fallback} when there is none. */
    static String describe(String description, String fallback) {
        if (description == null || description.isBlank()) {
            return fallback;
        }
        return JavaText.javadocInline(description.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
