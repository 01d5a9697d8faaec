package dev.wxpay.codegen.openapi;

import dev.wxpay.codegen.GenerationLog;
import org.slf4j.Logger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * OpenAPI Generator's log, for one codegen configuration, routed into the generator's own reporting instead of
 * straight to the build log: its warnings and errors become warnings naming the spec
 * ({@code wxpay-codegen: OpenAPI Generator: pay.yaml: ...}), everything else (options it applies, files it would
 * write) becomes debug detail. A successful build so prints no bare {@code [ERROR]} and no line in OpenAPI
 * Generator's format. The conditions we know are repaired and reported with their line and JSON pointer before
 * OpenAPI Generator sees them ({@code CodegenQuirks}, {@code ArrayItemsRepair}); this is the net for the rest.
 * Thread-safe if the {@link GenerationLog} is.
 *
 * <p>OpenAPI Generator gives each configuration object private logger fields of its own ({@code DefaultCodegen}
 * and {@code AbstractJavaCodegen}); {@link #install} replaces them on one instance. The plugin cannot choose the
 * slf4j binding (Maven's is in place), so this is the one seam; {@code CodegenLogTest} fails if an OpenAPI
 * Generator upgrade renames the fields.
 */
final class CodegenLog extends MarkerIgnoringBase {
    private static final long serialVersionUID = 1L;
    private static final String FIELD = "LOGGER";

    private final transient GenerationLog log;
    private final String prefix;
    // Asked once: OpenAPI Generator calls debug() without asking first, with whole schemas as arguments, and
    // formatting them cost a fifth of a whole-API run whose debug lines nobody keeps.
    private final boolean detail;

    private CodegenLog(GenerationLog log, String source) {
        this.log = log;
        this.name = "wxpay-codegen/OpenAPI Generator";
        this.prefix = "wxpay-codegen: OpenAPI Generator: " + source + ": ";
        this.detail = log.isDebugEnabled();
    }

    /**
     * Routes the log of {@code codegen} (each class of its hierarchy that has a private instance field
     * {@value #FIELD}) to {@code log}; returns how many loggers were replaced (0 when OpenAPI Generator changed its
     * fields: its lines then reach the build log as before).
     */
    static int install(Object codegen, GenerationLog log, String source) {
        Logger replacement = new CodegenLog(log, source);
        int replaced = 0;
        for (Class<?> type = codegen.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(FIELD);
                if (!Logger.class.isAssignableFrom(field.getType()) || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                field.set(codegen, replacement);
                replaced++;
            } catch (NoSuchFieldException e) {
                // this class of the hierarchy has no logger of its own
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left as it is: its lines reach the build log unrouted, which CodegenLogTest shows
            }
        }
        return replaced;
    }

    private void toDebug(FormattingTuple tuple) {
        toDebug(tuple.getMessage(), tuple.getThrowable());
    }

    private void toWarn(FormattingTuple tuple) {
        toWarn(tuple.getMessage(), tuple.getThrowable());
    }

    private void toDebug(String message, Throwable t) {
        log.debug(prefix + message + (t == null ? "" : " (" + t + ")"));
    }

    private void toWarn(String message, Throwable t) {
        log.warn(prefix + message + (t == null ? "" : " (" + t + ")"));
    }

    @Override
    public boolean isTraceEnabled() {
        return detail;
    }

    @Override
    public void trace(String msg) {
        if (detail) {
            toDebug(msg, null);
        }
    }

    @Override
    public void trace(String format, Object arg) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg));
        }
    }

    @Override
    public void trace(String format, Object arg1, Object arg2) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg1, arg2));
        }
    }

    @Override
    public void trace(String format, Object... arguments) {
        if (detail) {
            toDebug(MessageFormatter.arrayFormat(format, arguments));
        }
    }

    @Override
    public void trace(String msg, Throwable t) {
        if (detail) {
            toDebug(msg, t);
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return detail;
    }

    @Override
    public void debug(String msg) {
        if (detail) {
            toDebug(msg, null);
        }
    }

    @Override
    public void debug(String format, Object arg) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg));
        }
    }

    @Override
    public void debug(String format, Object arg1, Object arg2) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg1, arg2));
        }
    }

    @Override
    public void debug(String format, Object... arguments) {
        if (detail) {
            toDebug(MessageFormatter.arrayFormat(format, arguments));
        }
    }

    @Override
    public void debug(String msg, Throwable t) {
        if (detail) {
            toDebug(msg, t);
        }
    }

    @Override
    public boolean isInfoEnabled() {
        return detail;
    }

    @Override
    public void info(String msg) {
        if (detail) {
            toDebug(msg, null);
        }
    }

    @Override
    public void info(String format, Object arg) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg));
        }
    }

    @Override
    public void info(String format, Object arg1, Object arg2) {
        if (detail) {
            toDebug(MessageFormatter.format(format, arg1, arg2));
        }
    }

    @Override
    public void info(String format, Object... arguments) {
        if (detail) {
            toDebug(MessageFormatter.arrayFormat(format, arguments));
        }
    }

    @Override
    public void info(String msg, Throwable t) {
        if (detail) {
            toDebug(msg, t);
        }
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public void warn(String msg) {
        toWarn(msg, null);
    }

    @Override
    public void warn(String format, Object arg) {
        toWarn(MessageFormatter.format(format, arg));
    }

    @Override
    public void warn(String format, Object arg1, Object arg2) {
        toWarn(MessageFormatter.format(format, arg1, arg2));
    }

    @Override
    public void warn(String format, Object... arguments) {
        toWarn(MessageFormatter.arrayFormat(format, arguments));
    }

    @Override
    public void warn(String msg, Throwable t) {
        toWarn(msg, t);
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    public void error(String msg) {
        toWarn(msg, null);
    }

    @Override
    public void error(String format, Object arg) {
        toWarn(MessageFormatter.format(format, arg));
    }

    @Override
    public void error(String format, Object arg1, Object arg2) {
        toWarn(MessageFormatter.format(format, arg1, arg2));
    }

    @Override
    public void error(String format, Object... arguments) {
        toWarn(MessageFormatter.arrayFormat(format, arguments));
    }

    @Override
    public void error(String msg, Throwable t) {
        toWarn(msg, t);
    }
}
