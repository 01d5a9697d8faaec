package dev.wxpay.codegen.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.SpecPreparer;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Generate only what you use": keeps the operations an {@code includes} pattern names (all when there is none)
 * and no {@code excludes} pattern names, then drops the components (schemas, request bodies, responses,
 * parameters, headers) the kept operations no longer reach, in place. A pattern that matches no operation fails
 * the run, naming it and the closest existing names. Immutable and thread-safe (it mutates only the spec given).
 */
public final class OperationFilter {
    /** The component kinds that are dropped when unreachable; other kinds are small and left alone. */
    private static final List<String> PRUNED = List.of("schemas", "requestBodies", "responses", "parameters",
            "headers");
    private static final Pattern LOCAL_REF = Pattern.compile("\"#/components/([A-Za-z]+)/([^\"]+)\"");

    private final List<OperationPattern> includes;
    private final List<OperationPattern> excludes;

    /** Patterns as the user wrote them; throws {@link IllegalArgumentException} naming a malformed one. */
    public OperationFilter(List<String> includes, List<String> excludes) {
        this.includes = parse("includes", includes);
        this.excludes = parse("excludes", excludes);
    }

    /** Whether this filter keeps every operation (no patterns at all). */
    public boolean keepsEverything() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /**
     * Removes from {@code api} the operations not selected and the components they alone reached; {@code spec}
     * names the spec in messages. Checks every pattern first: on failure nothing is removed. Does nothing
     * without patterns.
     */
    public Result apply(OpenAPI api, String spec) {
        if (keepsEverything()) {
            int all = SpecPreparer.countOperations(api);
            return new Result(all, all, 0);
        }
        Selection selection = selection();
        selection.record(api);
        selection.check(spec);
        selection.remove(api);
        return selection.result();
    }

    /** A selection over the several specs of one run, where a pattern need only match in one of them. */
    public Selection selection() {
        return new Selection();
    }

    /**
     * Applies the filter spec by spec and remembers which patterns matched, for {@link #check} once every spec
     * was seen. Not thread-safe: one per run.
     */
    public final class Selection {
        private final List<Candidate> seen = new ArrayList<>();
        private int before;
        private int kept;
        private int dropped;

        private Selection() {
        }

        /** Removes from {@code api} what the filter does not keep, remembering its operations for the check. */
        public void apply(OpenAPI api) {
            record(api);
            remove(api);
        }

        /**
         * Fails when a pattern matched no operation of the specs applied so far, naming it and the closest
         * names; {@code specs} names them in the message. Returns the counts over every spec.
         */
        public Result check(String specs) {
            List<String> problems = new ArrayList<>();
            problems.addAll(unmatched("includes", includes, seen));
            problems.addAll(unmatched("excludes", excludes, seen));
            if (!problems.isEmpty()) {
                throw new GenerationException("The operation patterns do not all match an operation of " + specs
                        + " (a pattern is METHOD /path with * and /** globs, or an operationId):", problems);
            }
            return result();
        }

        private void record(OpenAPI api) {
            seen.addAll(operations(api));
        }

        private void remove(OpenAPI api) {
            for (Candidate op : operations(api)) {
                before++;
                if (keeps(op)) {
                    kept++;
                    continue;
                }
                PathItem item = api.getPaths().get(op.path());
                item.operation(PathItem.HttpMethod.valueOf(op.method()), null);
                if (item.readOperations().isEmpty()) {
                    api.getPaths().remove(op.path());
                }
            }
            dropped += pruneComponents(api);
        }

        private Result result() {
            return new Result(before, kept, dropped);
        }
    }

    private boolean keeps(Candidate op) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> op.matches(p));
        return included && excludes.stream().noneMatch(p -> op.matches(p));
    }

    /** One message per pattern that matches nothing, with the closest names of the same kind. */
    private static List<String> unmatched(String parameter, List<OperationPattern> patterns,
                                          List<Candidate> operations) {
        List<String> problems = new ArrayList<>();
        for (OperationPattern pattern : patterns) {
            if (operations.stream().anyMatch(op -> op.matches(pattern))) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            String wanted;
            if (!pattern.isPathPattern()) {
                wanted = pattern.toString();
                operations.forEach(op -> names.add(op.operationId()));
            } else if (pattern.method().equals("*")) {
                wanted = pattern.toString();
                operations.forEach(op -> names.add("* " + op.path()));
            } else {
                wanted = pattern.toString();
                operations.forEach(op -> names.add(op.method() + " " + op.path()));
            }
            problems.add(parameter + " pattern \"" + pattern + "\" matches no operation; "
                    + ClosestNames.describe(wanted, names));
        }
        return problems;
    }

    /** Every operation, in path then method order; a missing operationId is derived as the generator will. */
    private static List<Candidate> operations(OpenAPI api) {
        List<Candidate> all = new ArrayList<>();
        if (api.getPaths() == null) {
            return all;
        }
        for (Map.Entry<String, PathItem> path : new java.util.TreeMap<>(api.getPaths()).entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                String method = op.getKey().name();
                String id = op.getValue().getOperationId() != null ? op.getValue().getOperationId()
                        : SpecPreparer.derivedOperationId(method, path.getKey());
                all.add(new Candidate(method, path.getKey(), id));
            }
        }
        return all;
    }

    /**
     * Drops the pruned kinds of components that no kept operation reaches, directly or through other components
     * (a {@code $ref} anywhere, discriminator mappings included); returns how many were dropped.
     */
    private static int pruneComponents(OpenAPI api) {
        Components components = api.getComponents();
        if (components == null) {
            return 0;
        }
        Map<String, Map<String, ?>> kinds = new LinkedHashMap<>();
        kinds.put("schemas", components.getSchemas());
        kinds.put("requestBodies", components.getRequestBodies());
        kinds.put("responses", components.getResponses());
        kinds.put("parameters", components.getParameters());
        kinds.put("headers", components.getHeaders());
        kinds.put("callbacks", components.getCallbacks());
        Set<String> reached = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        collectRefs(json(api.getPaths()), reached, work);
        while (!work.isEmpty()) {
            String[] ref = work.pop().split("/", 2);
            Map<String, ?> kind = kinds.get(ref[0]);
            Object target = kind == null ? null : kind.get(unescape(ref[1]));
            if (target != null) {
                collectRefs(json(target), reached, work);
            }
        }
        int dropped = 0;
        for (String kind : PRUNED) {
            Map<String, ?> map = kinds.get(kind);
            if (map == null) {
                continue;
            }
            List<String> unreached = new ArrayList<>();
            for (String name : map.keySet()) {
                if (!reached.contains(kind + "/" + name)) {
                    unreached.add(name);
                }
            }
            unreached.forEach(map::remove);
            dropped += unreached.size();
        }
        return dropped;
    }

    private static void collectRefs(String json, Set<String> reached, Deque<String> work) {
        Matcher m = LOCAL_REF.matcher(json);
        while (m.find()) {
            String key = m.group(1) + "/" + unescape(m.group(2));
            if (reached.add(key)) {
                work.push(m.group(1) + "/" + m.group(2));
            }
        }
    }

    /** JSON pointer unescaping of one reference token ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Swagger's own model did not serialise: " + e.getMessage(), e);
        }
    }

    private static List<OperationPattern> parse(String parameter, List<String> patterns) {
        List<OperationPattern> parsed = new ArrayList<>();
        for (String p : Objects.requireNonNullElse(patterns, List.<String>of())) {
            parsed.add(OperationPattern.parse(parameter, p));
        }
        return List.copyOf(parsed);
    }

    /** What {@link #apply} did: operations before and after, and how many components it dropped. */
    public record Result(int operationsBefore, int operationsKept, int componentsDropped) {
    }

    private record Candidate(String method, String path, String operationId) {
        boolean matches(OperationPattern pattern) {
            return pattern.matches(method, path, operationId);
        }
    }
}
