package dev.wxpay.codegen.select;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code includes}/{@code excludes} entry: either {@code METHOD /path} with a glob path ({@code *} stands for
 * the characters of one segment, {@code /**} for any number of segments, none included) and {@code *} for any
 * method, such as {@code POST /v3/pay/transactions/*} or {@code * /v3/refund/**}; or an operationId, where
 * {@code *} stands for any characters ({@code createPartner*}). Immutable and thread-safe.
 */
public final class OperationPattern {
    private final String text;
    private final String method;
    private final String pathGlob;
    private final Pattern regex;

    private OperationPattern(String text, String method, String pathGlob, Pattern regex) {
        this.text = text;
        this.method = method;
        this.pathGlob = pathGlob;
        this.regex = regex;
    }

    /**
     * Parses {@code text}; {@code parameter} ({@code includes} or {@code excludes}) only names the setting in
     * the message of an {@link IllegalArgumentException} for a malformed pattern.
     */
    public static OperationPattern parse(String parameter, String text) {
        Objects.requireNonNull(text, parameter + " pattern");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(parameter + " has an empty pattern");
        }
        String[] parts = trimmed.split("\\s+", 2);
        if (parts.length == 1) {
            if (trimmed.contains("/")) {
                throw new IllegalArgumentException(parameter + " pattern \"" + trimmed
                        + "\" has a path but no method: write \"* " + trimmed + "\" for every method");
            }
            return new OperationPattern(trimmed, null, null, Pattern.compile(operationIdRegex(trimmed)));
        }
        String method = parts[0].toUpperCase(Locale.ROOT);
        if (!method.equals("*") && !method.matches("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE")) {
            throw new IllegalArgumentException(parameter + " pattern \"" + trimmed + "\": " + parts[0]
                    + " is not an HTTP method or *");
        }
        if (!parts[1].startsWith("/")) {
            throw new IllegalArgumentException(parameter + " pattern \"" + trimmed
                    + "\": the path must start with /, such as POST /v3/pay/transactions/*");
        }
        return new OperationPattern(method + " " + parts[1], method, parts[1], Pattern.compile(pathRegex(parts[1])));
    }

    /** Whether the operation {@code method path} with operationId {@code operationId} matches. */
    public boolean matches(String method, String path, String operationId) {
        if (pathGlob == null) {
            return operationId != null && regex.matcher(operationId).matches();
        }
        return (this.method.equals("*") || this.method.equalsIgnoreCase(method)) && regex.matcher(path).matches();
    }

    /** Whether this pattern names operations by method and path (else by operationId). */
    public boolean isPathPattern() {
        return pathGlob != null;
    }

    /** The method part, {@code *} for any; null for an operationId pattern. */
    public String method() {
        return method;
    }

    /** The path glob; null for an operationId pattern. */
    public String pathGlob() {
        return pathGlob;
    }

    /** The pattern as written, with the method upper-cased. */
    @Override
    public String toString() {
        return text;
    }

    private static String pathRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("/**", i)) {
                out.append("(/.*)?");   // zero or more whole segments: /v3/refund/** also matches /v3/refund
                i += 3;
            } else if (glob.startsWith("**", i)) {
                out.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                out.append("[^/]*");
                i++;
            } else {
                int next = nextStar(glob, i);
                out.append(Pattern.quote(glob.substring(i, next)));
                i = next;
            }
        }
        return out.toString();
    }

    private static String operationIdRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.charAt(i) == '*') {
                out.append(".*");
                i++;
            } else {
                int next = nextStar(glob, i);
                out.append(Pattern.quote(glob.substring(i, next)));
                i = next;
            }
        }
        return out.toString();
    }

    private static int nextStar(String glob, int from) {
        int star = glob.indexOf('*', from);
        // "/**" starts at the slash: stop before it so the segment rule sees it.
        int slashStars = glob.indexOf("/**", from);
        int next = star < 0 ? glob.length() : star;
        if (slashStars >= 0 && slashStars < next) {
            next = slashStars;
        }
        return next == from ? from + 1 : next;
    }
}
