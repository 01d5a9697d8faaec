package dev.wxpay.codegen.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps generated class names within limits a file system accepts everywhere (Windows' 260-character paths,
 * encrypted home folders): no simple class name longer than {@link #MAX_SIMPLE_NAME} characters and no file
 * path below the output directory longer than {@link #MAX_PATH} characters.
 *
 * <p>The rule, deterministic and applied only to names that are too long: split the PascalCase name into words
 * ({@code V3 Payscore Sign Plan ...}), keep the first word, then keep as many words from the end as fit (the end
 * of a generated name says what the class is: {@code ...AmountItem}, {@code ...Response}), dropping the words in
 * the middle. If the first and last words alone do not fit, the name is cut at the limit. For example, with a
 * limit of 30, {@code CreatePartnerUserSignPlanRequestSignPlanDetailItem} becomes
 * {@code CreateSignPlanDetailItem}. A name that then clashes with one already taken gets a number that also fits
 * ({@link #allocate}). Stateless and thread-safe.
 */
public final class ShortNames {
    /** The longest simple class name generated. */
    public static final int MAX_SIMPLE_NAME = 50;
    /** The longest generated file path below the output directory ({@code com/example/.../Name.java}). */
    public static final int MAX_PATH = 120;

    private ShortNames() {
    }

    /**
     * The longest simple name a class in {@code packageName} may have: {@link #MAX_SIMPLE_NAME}, or less when the
     * package's directories leave less room under {@link #MAX_PATH} ({@code /} and {@code .java} included).
     */
    public static int maxSimpleName(String packageName) {
        int room = MAX_PATH - packageName.length() - "/".length() - ".java".length();
        return Math.max(8, Math.min(MAX_SIMPLE_NAME, room));
    }

    /** {@code name} if it has at most {@code max} characters, otherwise shortened by the rule of this class. */
    public static String shorten(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        List<String> words = words(name);
        String first = words.get(0);
        if (words.size() == 1 || first.length() + words.get(words.size() - 1).length() > max) {
            return name.substring(0, max);
        }
        StringBuilder tail = new StringBuilder();
        for (int i = words.size() - 1; i > 0; i--) {
            if (first.length() + tail.length() + words.get(i).length() > max) {
                break;
            }
            tail.insert(0, words.get(i));
        }
        return first + tail;
    }

    /**
     * Allocates a class name for {@code tag} from {@code names}: the suggestion (shortened to {@code max}) when
     * free; otherwise the allocator's usual suffix when it still fits; otherwise the shortened suggestion cut
     * further to make room for a number ({@code 2}, {@code 3}, ...).
     */
    public static String allocate(NameAllocator names, String suggestion, Object tag, int max) {
        String base = shorten(suggestion, max);
        if (!names.isTaken(base) || (base + "Value").length() <= max) {
            return names.newName(base, tag);
        }
        for (int n = 2; ; n++) {
            String suffix = Integer.toString(n);
            String candidate = shorten(suggestion, max - suffix.length()) + suffix;
            if (!names.isTaken(candidate)) {
                return names.newName(candidate, tag);
            }
        }
    }

    /** {@code V3PayscoreSignPlan} gives {@code [V3, Payscore, Sign, Plan]}: a word starts at each upper-case letter. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i)) && !Character.isUpperCase(name.charAt(i - 1))) {
                words.add(name.substring(start, i));
                start = i;
            }
        }
        words.add(name.substring(start));
        return words;
    }
}
