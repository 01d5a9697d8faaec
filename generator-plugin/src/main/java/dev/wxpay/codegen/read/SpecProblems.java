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

    private static int findKey(String text, String key, int from) {
        String[] forms = {key + ":", "'" + key + "':", "\"" + key + "\":"};
        int best = -1;
        for (String form : forms) {
            int at = text.indexOf(form, from);
            while (at > 0 && !Character.isWhitespace(text.charAt(at - 1)) && text.charAt(at - 1) != '{'
                    && text.charAt(at - 1) != ',') {
                at = text.indexOf(form, at + 1);
            }
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
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
