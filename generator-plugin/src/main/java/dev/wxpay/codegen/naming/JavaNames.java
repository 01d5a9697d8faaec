package dev.wxpay.codegen.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns spec spellings ({@code sub_mchid}, {@code sign-plan}, {@code PAYSCORE.USER_SIGN_PLAN}) into Java spellings.
 * Every casing decision of the generator goes through here, so templates never change a name.
 * Stateless and thread-safe.
 */
public final class JavaNames {

    /** Java keywords and literals that can never be identifiers. */
    public static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");

    private JavaNames() {
    }

    /**
     * Splits a spelling into lower-case words at non-alphanumeric characters and at lower-to-upper case changes:
     * {@code "sub_mchid"} gives [sub, mchid], {@code "signPlan"} gives [sign, plan], {@code "V3"} gives [v3].
     * Characters outside ASCII letters and digits separate words (so a Chinese spelling gives no words).
     */
    public static List<String> words(String spelling) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < spelling.length(); i++) {
            char c = spelling.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum) {
                flush(words, current);
            } else {
                boolean upper = c >= 'A' && c <= 'Z';
                boolean previousLower = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
                boolean nextLower = i + 1 < spelling.length()
                        && spelling.charAt(i + 1) >= 'a' && spelling.charAt(i + 1) <= 'z';
                boolean previousUpper = previous >= 'A' && previous <= 'Z';
                // "signPlan" -> sign|Plan; "HTTPServer" -> HTTP|Server
                if (upper && current.length() > 0 && (previousLower || (previousUpper && nextLower))) {
                    flush(words, current);
                }
                current.append(Character.toLowerCase(c));
            }
            previous = alnum ? c : 0;
        }
        flush(words, current);
        return words;
    }

    private static void flush(List<String> words, StringBuilder current) {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
        }
    }

    /** {@code "user-sign-plans"} to {@code "UserSignPlans"}; empty when the spelling has no ASCII words. */
    public static String pascal(String spelling) {
        StringBuilder out = new StringBuilder();
        for (String word : words(spelling)) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return out.toString();
    }

    /** {@code "sign-plan"} to {@code "signPlan"}; empty when the spelling has no ASCII words. */
    public static String camel(String spelling) {
        String pascal = pascal(spelling);
        return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    /** {@code "PAYSCORE.USER_SIGN_PLAN"} to {@code "PAYSCORE_USER_SIGN_PLAN"}. */
    public static String constant(String spelling) {
        return String.join("_", words(spelling)).toUpperCase(Locale.ROOT);
    }

    /** Upper-cases the first character: {@code "serviceId"} to {@code "ServiceId"}. */
    public static String capitalize(String identifier) {
        return identifier.isEmpty() ? identifier : Character.toUpperCase(identifier.charAt(0)) + identifier.substring(1);
    }

    /**
     * A usable identifier for {@code candidate}: a leading digit gets a prefix ({@code "3ds"} to {@code "_3ds"}),
     * a keyword gets {@code keywordSuffix} ({@code "package"} to {@code "packageValue"}).
     */
    public static String safeIdentifier(String candidate, String keywordSuffix) {
        if (candidate.isEmpty()) {
            throw new IllegalArgumentException("candidate must not be empty");
        }
        String id = Character.isDigit(candidate.charAt(0)) ? "_" + candidate : candidate;
        return RESERVED.contains(id) ? id + keywordSuffix : id;
    }
}
