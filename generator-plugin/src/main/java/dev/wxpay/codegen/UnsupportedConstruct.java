package dev.wxpay.codegen;

/**
 * A spec construct the generator cannot express; the message says where and what. Thrown by the model builders
 * and turned by {@link ModelBuilder} into a failure (strict) or a skipped entry (lenient). Immutable.
 */
final class UnsupportedConstruct extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedConstruct(String message) {
        super(message);
    }
}
