package dev.wxpay.codegen;

import java.util.function.UnaryOperator;

/**
 * What every model builder of one run shares: the spec's name (for messages), the packages, whether to skip
 * instead of failing, and how to turn a JSON pointer into a file and line. Immutable and thread-safe.
 *
 * @param specName    the spec's file name, named in messages and headers
 * @param packageName the root package of the generated code
 * @param lenient     whether unsupported constructs are skipped (true) or fail the run
 * @param locator     turns a problem that starts with a JSON pointer ({@code #/paths/...: ...}) into one that
 *                    also names the file and line
 */
record BuildContext(String specName, String packageName, boolean lenient, UnaryOperator<String> locator) {

    /** {@code <packageName>.model}. */
    String modelPackage() {
        return packageName + ".model";
    }

    /** {@code <packageName>.api}. */
    String apiPackage() {
        return packageName + ".api";
    }
}
