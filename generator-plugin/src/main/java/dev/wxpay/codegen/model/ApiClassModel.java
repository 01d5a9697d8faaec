package dev.wxpay.codegen.model;

import java.util.List;

/**
 * One generated API class (one per tag). Immutable and thread-safe.
 *
 * @param validationClass the simple name of the package's validation class
 * @param operations      the operations answering JSON (or nothing), printed with {@code execute}
 * @param downloads       the operations answering a file, printed as streaming downloads
 */
public record ApiClassModel(String tag, String packageName, String className, List<String> imports,
                            List<String> javadoc, String validationClass, List<OperationModel> operations,
                            List<OperationModel> downloads) {
    public ApiClassModel {
        imports = List.copyOf(imports);
        javadoc = List.copyOf(javadoc);
        operations = List.copyOf(operations);
        downloads = List.copyOf(downloads);
    }
}
