package dev.wxpay.codegen.naming;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hands out unique identifiers within one scope (a class's members, a package's classes), deterministically:
 * the first caller of a name gets it, later ones get a suffix that says why ({@code "Value"}, then a counter).
 * Callers must therefore ask in a stable (sorted or declared) order. Not thread-safe: one per scope and run.
 */
public final class NameAllocator {
    private final Set<String> taken = new HashSet<>();
    private final Map<Object, String> byTag = new LinkedHashMap<>();

    /** Reserves names nobody may receive (e.g. {@code getClass}, {@code hashCode}). */
    public NameAllocator reserve(String... names) {
        for (String name : names) {
            taken.add(name);
        }
        return this;
    }

    /** Whether {@code name} has been handed out or reserved. */
    public boolean isTaken(String name) {
        return taken.contains(name);
    }

    /**
     * The name for {@code tag}: the suggestion if free, otherwise {@code suggestion + "Value"}, then
     * {@code suggestion + "2"}, {@code "3"}, and so on. Asking again with the same tag returns the same name.
     */
    public String newName(String suggestion, Object tag) {
        String existing = byTag.get(tag);
        if (existing != null) {
            return existing;
        }
        String name = suggestion;
        if (taken.contains(name)) {
            name = suggestion + "Value";
            int counter = 2;
            while (taken.contains(name)) {
                name = suggestion + counter++;
            }
        }
        taken.add(name);
        byTag.put(tag, name);
        return name;
    }

    /** The name handed out for {@code tag}, or an exception naming the tag. */
    public String get(Object tag) {
        String name = byTag.get(tag);
        if (name == null) {
            throw new IllegalArgumentException("no name allocated for " + tag);
        }
        return name;
    }
}
