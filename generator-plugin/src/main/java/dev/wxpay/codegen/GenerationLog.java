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

    /** A log that drops everything. */
    static GenerationLog silent() {
        return new GenerationLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
