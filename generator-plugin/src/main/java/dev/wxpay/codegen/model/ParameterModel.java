package dev.wxpay.codegen.model;

/**
 * One Java parameter of an operation method. Immutable.
 *
 * @param location    {@code path}, {@code query}, {@code header}, {@code body} or {@code form} (a multipart part)
 * @param wireName    the spec's name ({@code merchant_plan_no}); {@code body} for the request body
 * @param javaName    the Java parameter name ({@code merchantPlanNo}, {@code request})
 * @param javaType    the declared type
 * @param required    whether a value is required
 * @param description escaped one-line description for {@code @param}
 */
public record ParameterModel(String location, String wireName, String javaName, String javaType, boolean required,
                             String description) {
}
