package dev.wxpay.codegen;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link GenerationLog} for tests that keeps the warnings, in order, and drops the rest. Thread-safe: the
 * generator may warn from its product threads.
 */
final class WarningsLog implements GenerationLog {
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    /** The warnings so far; a live view. */
    List<String> warnings() {
        return warnings;
    }
}
