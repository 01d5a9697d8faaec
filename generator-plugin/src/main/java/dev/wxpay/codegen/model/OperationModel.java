package dev.wxpay.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * One HTTP operation as the API class and the call chain print it. Immutable and thread-safe.
 *
 * @param operationId          the spec's (or derived) operationId
 * @param methodName           the plain method, e.g. {@code createPartnerUserSignPlan}
 * @param httpMethod           upper case, e.g. {@code POST}
 * @param path                 the path template, e.g. {@code /v3/x/{merchant_plan_no}}
 * @param javadoc              Javadoc lines (summary, description, official documentation link), escaped
 * @param parameters           all Java parameters in call order: path, then query, then body
 * @param parameterDeclarations pre-joined declarations, e.g. {@code String merchantPlanNo, String subMchid}
 * @param argumentNames        pre-joined argument names in the same order
 * @param responseType         the {@code ApiResponse} type argument ({@code Void} when no body is expected)
 * @param plainReturnType      the plain method's return type ({@code void} when no body is expected)
 * @param plainReturnPrefix    {@code "return "} or {@code ""}
 * @param plainReturnSuffix    {@code ".data()"} or {@code ""}
 * @param nullChecks           arguments that must not be null, with the violation message
 * @param nestedChecks         body arguments checked with a generated schema check
 * @param builderCalls         the {@code ApiRequest.Builder} calls after {@code builder(method, path)}
 * @param download             the answer is a file ({@code FileAnswers}): the API class streams it with the runtime's
 *                             unsigned download instead of {@code execute}; its response types are {@code Download}
 * @param requestDeclarations  the private request builder's declarations: {@code parameterDeclarations}, after
 *                             {@code WechatPayClient client} when an {@code x-wxpay-sensitive} path or query value is
 *                             encrypted with the client's key
 * @param requestArguments     the arguments of a call of the request builder, in the same order
 */
public record OperationModel(String operationId, String methodName, String httpMethod, String path,
                             String tag, List<String> javadoc, List<ParameterModel> parameters,
                             String parameterDeclarations, String argumentNames, String responseType,
                             String plainReturnType, String plainReturnPrefix, String plainReturnSuffix,
                             List<NullCheck> nullChecks, List<NestedCheck> nestedChecks, List<String> builderCalls,
                             boolean download, String requestDeclarations, String requestArguments) {
    public OperationModel {
        Objects.requireNonNull(operationId, "operationId");
        javadoc = List.copyOf(javadoc);
        parameters = List.copyOf(parameters);
        nullChecks = List.copyOf(nullChecks);
        nestedChecks = List.copyOf(nestedChecks);
        builderCalls = List.copyOf(builderCalls);
    }

    /** {@code createXWithHttpInfo}. */
    public String withHttpInfoName() {
        return methodName + "WithHttpInfo";
    }

    /** The plain method's {@code @return} text, or null when it returns {@code void} (doclint refuses the tag). */
    public String plainReturnDoc() {
        return "void".equals(plainReturnType) ? null : "the answer's body";
    }

    /** The declarations followed by {@code ", "}, or empty: a download method appends its stream or file. */
    public String leadingDeclarations() {
        return parameterDeclarations.isEmpty() ? "" : parameterDeclarations + ", ";
    }

    /** {@code createXAsync}. */
    public String asyncName() {
        return methodName + "Async";
    }

    /** A check {@code if (argument == null) violations.add(message)}. */
    public record NullCheck(String argument, String message) {
    }

    /** A check {@code if (argument != null) Validation.checkMethod("", argument, violations)}. */
    public record NestedCheck(String argument, String checkMethod) {
    }
}
