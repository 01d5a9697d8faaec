package dev.wxpay.codegen.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * Escapes spec text for the two places generated code prints it: Javadoc comments and string literals.
 * Stateless and thread-safe.
 */
public final class JavaText {
    private JavaText() {
    }

    /**
     * Spec text as Javadoc lines, each prefixed with one space (blank lines stay empty), safe inside a comment:
     * HTML specials, {@code @} at a line start, {@code *}{@code /} and backslashes (which could start a unicode
     * escape) are escaped. A null or blank text gives no lines.
     */
    public static List<String> javadocLines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        for (String raw : text.strip().split("\r?\n", -1)) {
            String line = javadocInline(raw.stripTrailing());
            if (line.startsWith("@")) {
                line = "{@literal @}" + line.substring(1);
            }
            lines.add(line.isEmpty() ? "" : " " + line);
        }
        return lines;
    }

    /** One piece of text safe inside a Javadoc comment (no line breaks expected). */
    public static String javadocInline(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '\\': out.append("&#92;"); break;
                case '*':
                    out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
                    break;
                case '\r': case '\n': out.append(' '); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** The content of a Java string literal (without the quotes) that evaluates to {@code text}. */
    public static String stringContent(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
