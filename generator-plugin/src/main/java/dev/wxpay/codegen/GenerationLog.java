package dev.wxpay.codegen;

/**
 * Where the generator reports progress and warnings (Maven's log in the plugin, a list in tests). Everything the
 * generator and the libraries it drives have to say goes through here. Implementations must be thread-safe.
 */
public interface GenerationLog {
    void info(String message);

    void warn(String message);

    /** Detail only worth seeing when debugging a build (Maven's {@code -X}); dropped by default. */
    default void debug(String message) {
    }

    /**
     * Whether {@link #debug} lines are kept; when not, the generator does not build them (OpenAPI Generator's debug
     * lines print whole schemas, which cost more to format than the model they describe). True unless an
     * implementation knows better, so a log that keeps debug lines never loses one.
     */
    default boolean isDebugEnabled() {
        return true;
    }

    /** A log that drops everything. */
    static GenerationLog silent() {
        return new GenerationLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public boolean isDebugEnabled() {
                return false;
            }
        };
    }
}
