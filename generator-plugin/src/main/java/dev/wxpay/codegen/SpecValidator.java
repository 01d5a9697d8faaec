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
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String LEGACY = "#/definitions/";

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
        List<DanglingRef> dangling = danglingRefs(api, schemas);
        dangling.addAll(ComponentRefs.dangling(api));
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String method = entry.getKey().name().toLowerCase(Locale.ROOT);
                Operation op = entry.getValue();
                String key = entry.getKey().name() + " " + path.getKey();
                String pointer = "/paths/" + SchemaWalk.escape(path.getKey()) + "/" + method;
                if (op.getOperationId() != null) {
                    operationIds.computeIfAbsent(op.getOperationId(), k -> new ArrayList<>())
                            .add(pointer + "/operationId");
                }
                String problem = parameterShapeProblem(spec, "/paths/" + SchemaWalk.escape(path.getKey()),
                        path.getValue().getParameters());
                if (problem == null) {
                    problem = parameterShapeProblem(spec, pointer, op.getParameters());
                }
                if (problem == null) {
                    problem = pathParameterProblem(spec, path.getKey(), path.getValue(), op, pointer);
                }
                if (problem == null) {
                    problem = missingRefProblem(spec, dangling, path.getKey(), pointer);
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
        if (api.getComponents() != null && api.getComponents().getParameters() != null) {
            new TreeMap<>(api.getComponents().getParameters()).forEach((name, parameter) -> {
                String problem = parameterShapeProblem(spec, "/components/parameters/" + SchemaWalk.escape(name),
                        parameter);
                if (problem != null) {
                    global.add(problem);
                }
            });
        }
        for (DanglingRef ref : dangling) {
            if (ref.pointer().startsWith("#/components/")) {
                // A component may serve any operation: lenient mode cannot skip just one, so this always fails.
                String[] tokens = ref.pointer().split("/", 5); // #, components, kind, name, the rest
                global.add(where(spec, "/components/" + tokens[2] + "/" + tokens[3]) + ": " + ref.problem());
            }
        }
        return new Problems(global, byOperation);
    }

    /**
     * The first parameter under {@code owner} (a path item or an operation) that has no name, located at its
     * {@code parameters} key; OpenAPI Generator failed on such a parameter with a bare
     * {@link NullPointerException}. A {@code $ref} is checked where it points (components are checked too).
     */
    private static String parameterShapeProblem(ParsedSpec spec, String owner, List<Parameter> parameters) {
        if (parameters != null) {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                String problem = p == null ? "is empty" : p.get$ref() != null ? null : shapeProblem(p);
                if (problem != null) {
                    return where(spec, owner + "/parameters") + "/" + i + ": the parameter " + problem;
                }
            }
        }
        return null;
    }

    private static String parameterShapeProblem(ParsedSpec spec, String pointer, Parameter parameter) {
        String problem = parameter == null || parameter.get$ref() != null ? null : shapeProblem(parameter);
        return problem == null ? null : where(spec, pointer) + ": the parameter " + problem;
    }

    private static String shapeProblem(Parameter p) {
        // Swagger Parser drops a parameter whose "in" is missing or wrong, but keeps one without a name.
        return p.getName() == null || p.getName().isBlank()
                ? "has no name; every parameter needs a string name and in: path, query, header or cookie" : null;
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

    /**
     * The first dangling reference under the operation at {@code pointer} (its parameters, body, answers and
     * callbacks) or under the path item's shared parameters, located at the line where its target is written.
     */
    private static String missingRefProblem(ParsedSpec spec, List<DanglingRef> dangling, String path,
                                            String pointer) {
        String shared = "#/paths/" + SchemaWalk.escape(path) + "/parameters/";
        for (DanglingRef ref : dangling) {
            if (ref.pointer().startsWith("#" + pointer + "/") || ref.pointer().startsWith(shared)) {
                int line = SpecProblems.lineOfTextAfter(spec.text(), pointer, ref.target());
                return spec.source() + (line > 0 ? ":" + line : "") + ": #" + pointer + ": " + ref.problem();
            }
        }
        return null;
    }

    /**
     * A local {@code $ref} that resolves to nothing: the pointer of the {@code $ref}, its target, and the kind of
     * component it must name ({@code schemas}, {@code parameters}, {@code requestBodies}, {@code responses},
     * {@code headers}).
     */
    record DanglingRef(String pointer, String target, String kind) {
        DanglingRef(String pointer, String target) {
            this(pointer, target, "schemas");
        }

        /** What is wrong and what to do, naming the target and where the {@code $ref} is. */
        String problem() {
            String prefix = "#/components/" + kind + "/";
            String fix;
            if (target.startsWith(prefix)) {
                fix = "' points to " + (kind.equals("schemas") ? "a schema" : "an entry of components/" + kind)
                        + " that does not exist; define it under components/" + kind + " or fix the name";
            } else if (kind.equals("schemas")) {
                fix = "' points to nothing: schemas are referenced as #/components/schemas/<name>; define the schema"
                        + " there and refer to it so";
            } else {
                fix = "' points to nothing: " + kind + " are referenced as " + prefix + "<name>; define it there and"
                        + " refer to it so";
            }
            return "$ref '" + target + fix + " (the $ref at " + pointer + ")";
        }
    }

    /**
     * Every schema {@code $ref} of {@code api} that points into the document ({@code #/...}) at something that is
     * not one of its {@code schemas}, in walk order. Such a reference would otherwise lose the property it types.
     */
    static List<DanglingRef> danglingRefs(OpenAPI api, Set<String> schemas) {
        List<DanglingRef> dangling = new ArrayList<>();
        SchemaWalk.walk(api, (at, schema) -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith("#") && !resolves(ref, schemas)) {
                dangling.add(new DanglingRef(at + "/$ref", ref));
            }
        });
        return dangling;
    }

    /**
     * Whether OpenAPI Generator finds the schema {@code ref} names: one of {@code schemas}, referenced as
     * {@code #/components/schemas/X} or in Swagger 2.0's {@code #/definitions/X}, which it resolves by name.
     */
    private static boolean resolves(String ref, Set<String> schemas) {
        String prefix = ref.startsWith(SCHEMAS) ? SCHEMAS : ref.startsWith(LEGACY) ? LEGACY : null;
        return prefix != null && schemas.contains(ref.substring(prefix.length()));
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

    /** Orders a map for messages. */
    static <V> Map<String, V> sorted(Map<String, V> map) {
        return new LinkedHashMap<>(new TreeMap<>(map));
    }
}
