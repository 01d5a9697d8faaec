package dev.wxpay.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} property of a generated model as a WeChat Pay sensitive field (敏感信息, the spec's
 * {@code x-wxpay-sensitive: true}): the caller sets and reads plaintext, the runtime encrypts it on the way out
 * and decrypts it on the way in, and the model never prints it.
 *
 * <p>Generated code puts this annotation on the Jackson-visible field; it carries no logic of its own.
 * <p>Thread-safety: an annotation, immutable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SensitiveField {
}
