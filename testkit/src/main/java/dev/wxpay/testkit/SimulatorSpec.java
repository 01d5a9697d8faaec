package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The OpenAPI 3 description a {@link WechatPaySimulator} serves: which operations exist, how their request bodies and
 * parameters are validated, and which example each answers with when the simulator keeps no state for it.
 *
 * <p>Read once with Swagger Parser and then immutable, so one instance can back many simulators (parsing costs far
 * more than starting a simulator). Thread-safe.
 *
 * <pre>{@code
 * SimulatorSpec spec = SimulatorSpec.payscore();                  // wxpay/payscore.yaml from wxpay-spec
 * SimulatorSpec mine = SimulatorSpec.fromFile(Path.of("api.yaml")); // any OpenAPI 3.0 document
 * }</pre>
 */
public final class SimulatorSpec {

    /** Classpath resource of the PayScore plan and sign-plan description shipped in {@code wxpay-spec}. */
    public static final String PAYSCORE_RESOURCE = "wxpay/payscore.yaml";
    /** Classpath resource of the payments (prepay, query, close, refunds, bills) description in {@code wxpay-spec}. */
    public static final String PAYMENTS_RESOURCE = "wxpay/v3/payments.yaml";

    private final String name;
    private final List<SpecOperation> operations;

    private SimulatorSpec(String name, List<SpecOperation> operations) {
        this.name = name;
        this.operations = operations;
    }

    /** The PayScore spec from the {@code wxpay-spec} jar on the classpath. */
    public static SimulatorSpec payscore() {
        return fromClasspath(PAYSCORE_RESOURCE, SimulatorSpec.class.getClassLoader());
    }

    /** Classpath resource listing the whole bundled API's product documents ({@code products: [{name, file}]}). */
    public static final String WHOLE_API_INDEX = "wxpay/v3/index.yaml";

    /**
     * The whole bundled WeChat Pay APIv3 from the {@code wxpay-spec} jar: every product document its index lists,
     * combined into one spec (993 operations). Parsing takes seconds: read it once and share it.
     *
     * @throws IllegalArgumentException when the index or a product document is missing or unreadable
     */
    public static SimulatorSpec wholeApi() {
        ClassLoader loader = SimulatorSpec.class.getClassLoader();
        JsonNode index;
        try (InputStream in = loader.getResourceAsStream(WHOLE_API_INDEX)) {
            if (in == null) {
                throw new IllegalArgumentException("classpath resource " + WHOLE_API_INDEX
                        + " not found (is dev.wxpay:wxpay-spec on the classpath?)");
            }
            index = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + WHOLE_API_INDEX, e);
        }
        JsonNode products = index == null ? null : index.get("products");
        if (products == null || !products.isArray() || products.isEmpty()) {
            throw new IllegalArgumentException(WHOLE_API_INDEX + " lists no products");
        }
        String folder = WHOLE_API_INDEX.substring(0, WHOLE_API_INDEX.lastIndexOf('/') + 1);
        List<SimulatorSpec> specs = new ArrayList<>();
        for (JsonNode product : products) {
            JsonNode file = product.get("file");
            if (file == null || !file.isTextual()) {
                throw new IllegalArgumentException(WHOLE_API_INDEX + ": product " + product + " names no file");
            }
            specs.add(fromClasspath(folder + file.asText(), loader));
        }
        SimulatorSpec all = combine(specs.toArray(new SimulatorSpec[0]));
        return new SimulatorSpec("classpath:" + WHOLE_API_INDEX, all.operations);
    }

    /** The payments spec from the {@code wxpay-spec} jar on the classpath. */
    public static SimulatorSpec payments() {
        return fromClasspath(PAYMENTS_RESOURCE, SimulatorSpec.class.getClassLoader());
    }

    /**
     * One spec serving the operations of all of {@code specs}, so one simulator can serve several products (PayScore
     * and payments, say).
     *
     * @throws IllegalArgumentException when two specs have the same operationId, or the same method and path
     */
    public static SimulatorSpec combine(SimulatorSpec... specs) {
        if (specs.length == 0) {
            throw new IllegalArgumentException("combine needs at least one spec");
        }
        List<SpecOperation> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> routes = new HashSet<>();
        StringBuilder name = new StringBuilder();
        for (SimulatorSpec spec : specs) {
            for (SpecOperation op : spec.operations) {
                if (!ids.add(op.operationId())) {
                    throw new IllegalArgumentException("operationId " + op.operationId() + " is in two specs; "
                            + spec.name + " is one");
                }
                if (!routes.add(op.method() + " " + op.pathTemplate())) {
                    throw new IllegalArgumentException(op.method() + " " + op.pathTemplate() + " is in two specs; "
                            + spec.name + " is one");
                }
                all.add(op);
            }
            name.append(name.length() == 0 ? "" : " + ").append(spec.name);
        }
        all.sort(Comparator.comparing(SpecOperation::pathTemplate).thenComparing(SpecOperation::method));
        return new SimulatorSpec(name.toString(), Collections.unmodifiableList(all));
    }

    /** A spec read from a classpath resource. */
    public static SimulatorSpec fromClasspath(String resource, ClassLoader loader) {
        Objects.requireNonNull(resource, "resource");
        ClassLoader cl = loader != null ? loader : SimulatorSpec.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("classpath resource " + resource + " not found"
                        + (PAYSCORE_RESOURCE.equals(resource) ? " (is dev.wxpay:wxpay-spec on the classpath?)" : ""));
            }
            return fromString(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }

    /** A spec read from a YAML or JSON file. */
    public static SimulatorSpec fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return fromString(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file, e);
        }
    }

    /**
     * A spec from YAML or JSON text; {@code name} appears in error messages.
     *
     * @throws IllegalArgumentException when Swagger Parser cannot produce a document; its messages are included
     */
    public static SimulatorSpec fromString(String content, String name) {
        Objects.requireNonNull(content, "content");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(content, null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            throw new IllegalArgumentException("spec " + name + " could not be read: " + result.getMessages());
        }
        List<SpecOperation> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(toOperation(name, path, method, item, operation))));
        // Literal segments win over parameter segments, then declaration order is irrelevant: sort for determinism.
        operations.sort(Comparator.comparing(SpecOperation::pathTemplate).thenComparing(SpecOperation::method));
        return new SimulatorSpec(name, Collections.unmodifiableList(operations));
    }

    /** Where the spec came from (a file path or {@code classpath:resource}). */
    public String name() {
        return name;
    }

    /** The operationIds of every operation, sorted. */
    public SortedSet<String> operationIds() {
        SortedSet<String> ids = new TreeSet<>();
        for (SpecOperation op : operations) {
            ids.add(op.operationId());
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * A request to {@code operationId} that this spec's simulator accepts (the spec's example, or a schema-valid
     * instance with every required field).
     *
     * @throws IllegalArgumentException when the spec has no such operation
     */
    public RequestExample requestExample(String operationId) {
        for (SpecOperation op : operations) {
            if (op.operationId().equals(operationId)) {
                return RequestExample.of(op, op.bodyExample());
            }
        }
        throw new IllegalArgumentException("spec " + name + " has no operation " + operationId);
    }

    List<SpecOperation> operations() {
        return operations;
    }

    /** The operation serving {@code method} and a raw (percent-encoded) path, or null. */
    SpecOperation match(String method, String rawPath, List<String> paramValuesOut) {
        String[] segments = rawPath.split("/", -1);
        SpecOperation best = null;
        List<String> bestValues = null;
        int bestLiterals = -1;
        for (SpecOperation op : operations) {
            if (!op.method().equals(method)) {
                continue;
            }
            List<String> values = op.matchSegments(segments);
            if (values != null && op.literalSegments() > bestLiterals) {
                best = op;
                bestValues = values;
                bestLiterals = op.literalSegments();
            }
        }
        if (best != null) {
            paramValuesOut.addAll(bestValues);
        }
        return best;
    }

    /** True when some operation has this raw path, whatever its method (for 405 versus 404). */
    boolean knowsPath(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (SpecOperation op : operations) {
            if (op.matchSegments(segments) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "SimulatorSpec[" + name + ", " + operations.size() + " operations]";
    }

    private static SpecOperation toOperation(String specName, String path, PathItem.HttpMethod method, PathItem item,
                                             Operation operation) {
        String id = operation.getOperationId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("spec " + specName + ": " + method + " " + path + " has no operationId");
        }
        List<SpecOperation.Param> params = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        for (Parameter p : all) {
            params.add(new SpecOperation.Param(p.getName(), p.getIn(), Boolean.TRUE.equals(p.getRequired())
                    || "path".equals(p.getIn()), p.getSchema()));
        }
        Schema<?> bodySchema = null;
        JsonNode bodyExample = null;
        boolean bodyRequired = false;
        boolean hasBody = false;
        boolean multipart = false;
        if (operation.getRequestBody() != null) {
            hasBody = true;
            bodyRequired = Boolean.TRUE.equals(operation.getRequestBody().getRequired());
            io.swagger.v3.oas.models.media.Content content = operation.getRequestBody().getContent();
            multipart = content != null && content.keySet().stream().anyMatch(k -> k.startsWith("multipart/"));
            MediaType media = json(content);
            bodySchema = media == null ? null : media.getSchema();
            bodyExample = media == null || multipart ? null : givenExample(media);
        }
        int status = 200;
        JsonNode example = null;
        Schema<?> responseSchema = null;
        String fileType = null;
        if (operation.getResponses() != null) {
            String successCode = operation.getResponses().keySet().stream()
                    .filter(code -> code.startsWith("2")).sorted().findFirst().orElse(null);
            if (successCode != null) {
                status = "2XX".equalsIgnoreCase(successCode) ? 200 : Integer.parseInt(successCode);
                ApiResponse response = operation.getResponses().get(successCode);
                fileType = response == null ? null : SpecFiles.fileType(response.getContent());
                MediaType media = response == null || fileType != null ? null : json(response.getContent());
                if (media != null) {
                    // The spec's example where it fits its schema, repaired where not: the client must map it.
                    responseSchema = media.getSchema();
                    JsonNode given = givenExample(media);
                    example = responseSchema == null ? given : given == null
                            ? SchemaInstances.fullInstance(responseSchema) : SchemaInstances.repair(given, responseSchema);
                }
            }
        }
        return new SpecOperation(method.name(), path, id, List.copyOf(params), hasBody, bodyRequired, multipart,
                bodySchema, bodyExample, status, example, responseSchema, fileType);
    }

    private static MediaType json(io.swagger.v3.oas.models.media.Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            if (e.getKey().toLowerCase().contains("json")) {
                return e.getValue();
            }
        }
        return content.values().iterator().next();
    }

    /** The media type's own example (or its first named one, in key order), else null. */
    private static JsonNode givenExample(MediaType media) {
        if (media.getExample() != null) {
            return toNode(media.getExample());
        }
        if (media.getExamples() != null && !media.getExamples().isEmpty()) {
            // The first example in key order, so the answer does not depend on map iteration order.
            String first = new TreeSet<>(media.getExamples().keySet()).first();
            Example example = media.getExamples().get(first);
            if (example != null && example.getValue() != null) {
                return toNode(example.getValue());
            }
        }
        return null;
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof JsonNode) {
            return ((JsonNode) value).deepCopy();
        }
        return new ObjectMapper().valueToTree(value);
    }
}
