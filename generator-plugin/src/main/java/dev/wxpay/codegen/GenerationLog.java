package dev.wxpay.codegen;

/** Where the generator reports progress and warnings (Maven's log in the plugin, a list in tests). */
public interface GenerationLog {
    void info(String message);

    void warn(String message);

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
