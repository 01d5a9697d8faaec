package dev.wxpay.it;

import dev.wxpay.codegen.GenerationLog;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator log for tests that check what the generator warned about: warnings are kept in order, information is
 * dropped. Not thread-safe; one generator run at a time.
 */
public final class WarningsLog implements GenerationLog {
    private final List<String> warnings = new ArrayList<>();

    @Override
    public void info(String message) {
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    /** The warnings so far, oldest first (a live view). */
    public List<String> warnings() {
        return warnings;
    }
}
