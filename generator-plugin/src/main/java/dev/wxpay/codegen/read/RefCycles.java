package dev.wxpay.codegen.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code $ref} cycles that never reach a concrete type: {@code A: {$ref: B}}, {@code B: {$ref: A}}, or
 * schemas that are each other's {@code allOf}/{@code oneOf}/{@code anyOf} members. Swagger Parser and OpenAPI
 * Generator follow such chains recursively until the stack overflows. A cycle through {@code properties} or
 * {@code items} (a tree node, a linked list) is a legal recursive type and is not reported. Filled by
 * {@link SpecGuard}'s event walk of one file; not thread-safe.
 */
final class RefCycles {
    /** Structural edges: from a component's pointer to the components its own shape consists of. */
    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();
    private static final Set<String> STRUCTURAL = Set.of("allOf", "oneOf", "anyOf", "[]");

    private static final class Edge {
        final String target;
        final String location;

        Edge(String target, String location) {
            this.target = target;
            this.location = location;
        }
    }

    /**
     * Records an internal {@code $ref} found under the keys {@code names} (outermost first; {@code []} for a list
     * item), at {@code location} ({@code file:line:column}).
     */
    void ref(List<String> names, String ref, String location) {
        int componentEnd;
        if (names.size() >= 3 && "components".equals(names.get(0))) {
            componentEnd = 3;
        } else if (names.size() >= 2 && List.of("definitions", "parameters", "responses").contains(names.get(0))) {
            componentEnd = 2;
        } else {
            return;
        }
        for (String name : names.subList(componentEnd, names.size())) {
            if (!STRUCTURAL.contains(name)) {
                return; // under properties, items, …: a legal recursive type
            }
        }
        StringBuilder pointer = new StringBuilder("#");
        for (String name : names.subList(0, componentEnd)) {
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
        }
        edges.computeIfAbsent(pointer.toString(), k -> new ArrayList<>()).add(new Edge(ref, location));
    }

    /** One problem per cycle found, located at the {@code $ref} that closes it. */
    List<String> cycles() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
        for (String start : edges.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative depth-first search: a chain of thousands of components costs no stack.
            List<String> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            path.add(start);
            next.add(0);
            state.put(start, 1);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                String node = path.get(top);
                List<Edge> out = edges.getOrDefault(node, List.of());
                if (next.get(top) >= out.size()) {
                    state.put(node, 2);
                    path.remove(top);
                    next.remove(top);
                    continue;
                }
                Edge edge = out.get(next.get(top));
                next.set(top, next.get(top) + 1);
                Integer seen = state.get(edge.target);
                if (seen == null) {
                    state.put(edge.target, 1);
                    path.add(edge.target);
                    next.add(0);
                } else if (seen == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(edge.target), path.size()));
                    cycle.add(edge.target);
                    problems.add(edge.location + ": $ref cycle " + String.join(" -> ", cycle) + ": these only refer"
                            + " to each other (directly or through allOf/oneOf/anyOf) and never define a type; make"
                            + " one of them a real schema");
                }
            }
        }
        return problems;
    }
}
