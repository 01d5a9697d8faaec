package dev.wxpay.codegen.model;

import java.util.List;
import java.util.Objects;

/**
 * One property of a generated model class, with every Java spelling decided.
 * Immutable and thread-safe.
 *
 * @param jsonName     the JSON (spec) name, e.g. {@code package}
 * @param docName      the JSON name escaped for Javadoc
 * @param fieldName    the private field, e.g. {@code packageValue} (keywords get a safe name)
 * @param javaType     the declared Java type, e.g. {@code List<SignPlanDetail>}
 * @param getterName   e.g. {@code getPackage}
 * @param setterName   e.g. {@code setPackage}
 * @param fluentName   the fluent setter, e.g. {@code serviceId} (or {@code packageValue} for a keyword)
 * @param annotation   the Jackson annotation as printed, e.g. {@code @JsonProperty(value = "x", required = true)}
 * @param required     whether the spec lists the property as required
 * @param sensitive    whether the spec marks it {@code x-wxpay-sensitive: true}: the field carries
 *                     {@code @SensitiveField} (in {@code annotation}) and {@code toString()} prints {@code ***}
 * @param javadoc      Javadoc lines, already escaped for a comment
 */
public record PropertyModel(String jsonName, String docName, String fieldName, String javaType, String getterName, String setterName,
                            String fluentName, String annotation, boolean required, boolean sensitive,
                            List<String> javadoc) {
    public PropertyModel {
        Objects.requireNonNull(jsonName, "jsonName");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(javaType, "javaType");
        javadoc = List.copyOf(javadoc);
    }
}
