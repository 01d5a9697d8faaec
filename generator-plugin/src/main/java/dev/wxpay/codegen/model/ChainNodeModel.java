package dev.wxpay.codegen.model;

import java.util.List;

/**
 * One class of the call chain ({@code new Wxpay(client).v3().payscore()...post(request)}): the root or a path
 * node. Immutable and thread-safe.
 *
 * @param path                 the path prefix this node stands for, e.g. {@code /v3/payscore}
 * @param fields               the values it carries: the client, then path parameter values collected so far
 * @param constructorParameters pre-joined constructor parameter declarations
 * @param children             one method per next segment
 * @param leaves               one method (plus its async twin) per HTTP method defined on this exact path
 * @param downloadLeaves       one pair of methods (into a stream, into a file) per file download on this path
 */
public record ChainNodeModel(String path, String packageName, String className, List<String> imports,
                             List<String> javadoc, List<String> constructorJavadoc, List<Field> fields,
                             String constructorParameters, List<Child> children, List<Leaf> leaves,
                             List<DownloadLeaf> downloadLeaves) {
    public ChainNodeModel {
        imports = List.copyOf(imports);
        javadoc = List.copyOf(javadoc);
        constructorJavadoc = List.copyOf(constructorJavadoc);
        fields = List.copyOf(fields);
        children = List.copyOf(children);
        leaves = List.copyOf(leaves);
        downloadLeaves = List.copyOf(downloadLeaves);
    }

    /** A final field, set in the constructor to {@code assignment} (the client is checked for null; path values
     * are checked when a call is made, so a missing one is a {@code RequestValidationException}). */
    public record Field(String type, String name, String assignment) {
    }

    /**
     * A step to the next segment: {@code methodName(parameterDeclarations)} returns
     * {@code new targetClass(constructorArguments)}.
     */
    public record Child(String methodName, String parameterDeclarations, String targetClass,
                        String constructorArguments, String javadoc, List<String> parameterDocs) {
        public Child {
            parameterDocs = List.copyOf(parameterDocs);
        }
    }

    /**
     * A call: {@code methodName(parameterDeclarations)} returns {@code ApiResponse<responseType>} by delegating to
     * {@code new apiClass(client).apiMethod(apiArguments)}; {@code asyncName} is the async twin.
     */
    public record Leaf(String methodName, String asyncName, String parameterDeclarations, String responseType,
                       String apiClass, String apiMethod, String apiAsyncMethod, String apiArguments,
                       List<String> javadoc, List<ParamDoc> parameters) {
        public Leaf {
            javadoc = List.copyOf(javadoc);
            parameters = List.copyOf(parameters);
        }
    }

    /** One {@code @param} line. */
    public record ParamDoc(String javaName, String description) {
    }

    /**
     * A file download: {@code methodName(leadingDeclarations + out)} and {@code methodName(leadingDeclarations +
     * target)} return the runtime's {@code Download} by delegating to {@code new apiClass(client).apiMethod(...)}
     * with {@code leadingArguments} and the stream or file. The leading parts are empty or end with {@code ", "}.
     */
    public record DownloadLeaf(String methodName, String leadingDeclarations, String apiClass, String apiMethod,
                               String leadingArguments, List<String> javadoc, List<ParamDoc> parameters) {
        public DownloadLeaf {
            javadoc = List.copyOf(javadoc);
            parameters = List.copyOf(parameters);
        }
    }
}
