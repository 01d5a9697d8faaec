package dev.wxpay.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What one runtime class logs through {@code System.Logger} while a test runs, one line per record:
 * {@code <java.util.logging level> <formatted message>[ [<thrown>]]}. Without a logging back end of its own, the
 * JDK routes {@code System.Logger} to {@code java.util.logging}, so a handler on the logger of the same name sees
 * every record (DEBUG arrives as FINE) and no service file has to replace the JVM-wide logger finder. Close it to
 * detach the handler and restore the level. Thread-safe: records may arrive from the refresh thread.
 */
final class CapturedLog implements AutoCloseable {
    private final Logger logger; // a strong reference: java.util.logging keeps its loggers only weakly
    private final Level previousLevel;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            String thrown = record.getThrown() == null ? "" : " [" + record.getThrown() + "]";
            lines.add(record.getLevel() + " " + formatter.formatMessage(record) + thrown);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** The lines logged so far, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
