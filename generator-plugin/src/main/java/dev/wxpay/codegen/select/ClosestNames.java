package dev.wxpay.codegen.select;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names closest to a misspelt one by edit distance (case-insensitive), for "did you mean" messages.
 * Stateless and thread-safe.
 */
public final class ClosestNames {
    /** How many suggestions a message lists. */
    public static final int LIMIT = 3;

    private ClosestNames() {
    }

    /** Up to {@link #LIMIT} of {@code candidates}, closest to {@code wanted} first, ties in name order. */
    public static List<String> to(String wanted, Collection<String> candidates) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String key = wanted.toLowerCase(Locale.ROOT);
        return candidates.stream().distinct()
                .map(c -> new Scored(c, distance.apply(key, c.toLowerCase(Locale.ROOT))))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(LIMIT).map(Scored::name).collect(Collectors.toList());
    }

    /** {@code "closest: a, b, c"}, or a note that there is nothing to choose from. */
    public static String describe(String wanted, Collection<String> candidates) {
        List<String> closest = to(wanted, candidates);
        return closest.isEmpty() ? "there is nothing to choose from" : "closest: " + String.join(", ", closest);
    }

    private record Scored(String name, int distance) {
    }
}
