package dev.wxpay.codegen.read;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.List;

/**
 * Finds where in the spec's text a problem is: YAML syntax errors with their line and column, and the line on
 * which a JSON pointer's last key is written. Stateless and thread-safe.
 */
public final class SpecProblems {
    private SpecProblems() {
    }

    /** The YAML syntax error of {@code text}, as {@code file:line:column: problem (what to do)}, or nothing. */
    public static List<String> yamlSyntax(SpecSource source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        try {
            new Yaml(options).load(text);
            return List.of();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source.toString()
                    : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            return List.of(where + ": YAML syntax error: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
                    + "; fix the indentation or quoting there");
        } catch (RuntimeException e) {
            return List.of(source + ": YAML syntax error: " + e.getMessage());
        }
    }

    /**
     * The 1-based line where the last key of {@code pointer} (e.g. {@code /paths/~1v3~1x/get}) is written,
     * found by walking the keys in order through the text; 0 when it cannot be found.
     */
    public static int lineOf(String text, String pointer) {
        String[] tokens = pointer.split("/");
        int from = 0;
        int last = -1;
        for (String raw : tokens) {
            if (raw.isEmpty()) {
                continue;
            }
            String key = raw.replace("~1", "/").replace("~0", "~");
            int at = findKey(text, key, from);
            if (at < 0) {
                return 0;
            }
            from = at + key.length();
            last = at;
        }
        // Only the last key's line is asked for: counting lines for every key cost as much as finding them.
        return last < 0 ? 0 : lineAt(text, last);
    }

    /**
     * The 1-based line of the first {@code needle} written after the key {@code pointer} points to (e.g. the
     * {@code $ref} inside an operation); the pointer's own line when the needle is not found after it.
     */
    public static int lineOfTextAfter(String text, String pointer, String needle) {
        int line = lineOf(text, pointer);
        if (line == 0) {
            return 0;
        }
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        int at = text.indexOf(needle, Math.max(offset, 0));
        return at < 0 ? line : lineAt(text, at);
    }

    /**
     * The first place at or after {@code from} where {@code key} is written as a key ({@code key:}, {@code 'key':}
     * or {@code "key":}, after a space, a {@code {} or a {@code ,}). One pass over the occurrences of the key:
     * looking for each of the three forms separately scanned the rest of the text for the quoted forms at every
     * key of every pointer, though specs rarely quote keys.
     */
    private static int findKey(String text, String key, int from) {
        int end = key.length();
        for (int at = text.indexOf(key, from); at >= 0; at = text.indexOf(key, at + 1)) {
            int after = at + end;
            char quote = at > from ? text.charAt(at - 1) : ' ';
            if (isQuote(quote) && after + 1 < text.length() && text.charAt(after) == quote
                    && text.charAt(after + 1) == ':' && startsKey(text, at - 1)) {
                return at - 1;
            }
            if (after < text.length() && text.charAt(after) == ':' && startsKey(text, at)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    /** Whether a key may start at {@code at}: the text's start, or after a space, a {@code {} or a {@code ,}. */
    private static boolean startsKey(String text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        return Character.isWhitespace(before) || before == '{' || before == ',';
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
