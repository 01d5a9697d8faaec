package dev.wxpay.codegen;

import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecProblems;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step between reading and generating: finds spec mistakes the generator would otherwise turn into wrong code,
 * each reported with the file, line, JSON pointer and what to do. Errors that concern one operation (an
 * undeclared path parameter, a missing {@code $ref} under it) are returned per operation so lenient mode can skip
 * just that operation; duplicate operationIds always fail. Stateless and thread-safe.
 */
public final class SpecValidator {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern REF = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"");

    /** The problems found: global ones (fail always) and per operation ({@code "METHOD path"} to problem). */
    public record Problems(List<String> global, Map<String, String> byOperation) {
    }

    public Problems validate(ParsedSpec spec) {
        OpenAPI api = spec.openAPI();
        List<String> global = new ArrayList<>();
        Map<String, String> byOperation = new TreeMap<>();
        // Pointers only: locating a key in the text walks it, so only duplicates are located (below).
        Map<String, List<String>> operationIds = new TreeMap<>();
        Set<String> schemas = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Set.of() : api.getComponents().getSchemas().keySet();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String method = entry.getKey().name().toLowerCase(Locale.ROOT);
                Operation op = entry.getValue();
                String key = entry.getKey().name() + " " + path.getKey();
                String pointer = "/paths/" + escape(path.getKey()) + "/" + method;
                if (op.getOperationId() != null) {
                    operationIds.computeIfAbsent(op.getOperationId(), k -> new ArrayList<>())
                            .add(pointer + "/operationId");
                }
                String problem = pathParameterProblem(spec, path.getKey(), path.getValue(), op, pointer);
                if (problem == null) {
                    problem = missingRefProblem(spec, op, schemas, pointer);
                }
                if (problem != null) {
                    byOperation.put(key, problem);
                }
            }
        }
        for (Map.Entry<String, List<String>> entry : operationIds.entrySet()) {
            if (entry.getValue().size() > 1) {
                List<String> places = entry.getValue().stream().map(pointer -> where(spec, pointer)).toList();
                global.add("duplicate operationId " + entry.getKey() + " at " + String.join(" and ", places)
                        + ": operationIds name the generated methods and must be unique; rename all but one");
            }
        }
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            for (Map.Entry<String, io.swagger.v3.oas.models.media.Schema> schema
                    : new TreeMap<>(api.getComponents().getSchemas()).entrySet()) {
                String json = io.swagger.v3.core.util.Json.pretty(schema.getValue());
                Matcher m = REF.matcher(json);
                while (m.find()) {
                    if (!schemas.contains(m.group(1))) {
                        String pointer = "/components/schemas/" + escape(schema.getKey());
                        global.add(where(spec, pointer) + ": $ref '#/components/schemas/" + m.group(1)
                                + "' points to a schema that does not exist; define it under components/schemas"
                                + " or fix the name");
                    }
                }
            }
        }
        return new Problems(global, byOperation);
    }

    private static String pathParameterProblem(ParsedSpec spec, String path, PathItem item, Operation op,
                                               String pointer) {
        Set<String> declared = new TreeSet<>();
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            parameters.addAll(op.getParameters());
        }
        for (Parameter p : parameters) {
            if ("path".equals(p.getIn()) && p.getName() != null) {
                declared.add(p.getName());
            }
        }
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            if (!declared.contains(m.group(1))) {
                return where(spec, pointer) + ": path parameter {" + m.group(1) + "} of " + path
                        + " is not declared; add it under parameters with in: path and required: true";
            }
        }
        return null;
    }

    private static String missingRefProblem(ParsedSpec spec, Operation op, Set<String> schemas, String pointer) {
        String json = io.swagger.v3.core.util.Json.pretty(withoutCallbacks(op));
        Matcher m = REF.matcher(json);
        while (m.find()) {
            if (!schemas.contains(m.group(1))) {
                int line = SpecProblems.lineOfTextAfter(spec.text(), pointer, "#/components/schemas/" + m.group(1));
                return spec.source() + (line > 0 ? ":" + line : "") + ": #" + pointer
                        + ": $ref '#/components/schemas/" + m.group(1)
                        + "' points to a schema that does not exist; define it under components/schemas or fix"
                        + " the name";
            }
        }
        return null;
    }

    private static Operation withoutCallbacks(Operation op) {
        Operation copy = new Operation();
        copy.setParameters(op.getParameters());
        copy.setRequestBody(op.getRequestBody());
        copy.setResponses(op.getResponses());
        return copy;
    }

    /**
     * {@code "#/paths/~1x/get: problem"} becomes {@code "file:line: #/paths/~1x/get: problem"}; other text is
     * returned as it is.
     */
    static String locate(ParsedSpec spec, String problem) {
        int colon = problem.indexOf(": ");
        if (!problem.startsWith("#/") || colon < 0) {
            return problem;
        }
        String pointer = problem.substring(1, colon);
        int slashes = pointer.indexOf("/requestBody");
        String known = slashes > 0 ? pointer.substring(0, slashes) : pointer;
        int line = SpecProblems.lineOf(spec.text(), known);
        return spec.source() + (line > 0 ? ":" + line : "") + ": " + problem;
    }

    /** {@code file:line: #/json/pointer} (no line when the text does not show the key). */
    static String where(ParsedSpec spec, String pointer) {
        int line = SpecProblems.lineOf(spec.text(), pointer);
        return spec.source() + (line > 0 ? ":" + line : "") + ": #" + pointer;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Orders a map for messages. */
    static <V> Map<String, V> sorted(Map<String, V> map) {
        return new LinkedHashMap<>(new TreeMap<>(map));
    }
}
