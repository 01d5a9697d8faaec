package dev.wxpay.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A log that keeps what one product's work reports and hands it on later, in the order reported: products built
 * on several threads still report in product order, so the build log does not depend on scheduling. Keeps debug
 * lines only when the log it will hand them to wants them. Thread-safe.
 */
final class BufferedLog implements GenerationLog {
    private enum Level { INFO, WARN, DEBUG }

    private record Line(Level level, String message) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final boolean debugEnabled;

    /** A buffer for lines bound for {@code target} (only asked whether it keeps debug lines). */
    BufferedLog(GenerationLog target) {
        this.debugEnabled = target.isDebugEnabled();
    }

    @Override
    public synchronized void info(String message) {
        lines.add(new Line(Level.INFO, message));
    }

    @Override
    public synchronized void warn(String message) {
        lines.add(new Line(Level.WARN, message));
    }

    @Override
    public synchronized void debug(String message) {
        if (debugEnabled) {
            lines.add(new Line(Level.DEBUG, message));
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return debugEnabled;
    }

    /** Reports everything kept to {@code log}, in order, and forgets it. */
    synchronized void replayTo(GenerationLog log) {
        for (Line line : lines) {
            switch (line.level()) {
                case INFO -> log.info(line.message());
                case WARN -> log.warn(line.message());
                default -> log.debug(line.message());
            }
        }
        lines.clear();
    }
}
