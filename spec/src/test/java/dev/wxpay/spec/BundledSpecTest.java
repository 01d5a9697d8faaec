package dev.wxpay.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wxpay.spec.convert.ConvertMain;
import dev.wxpay.spec.convert.SpecFiles;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

@DisplayName("The bundled whole-API spec (wxpay/v3)")
class BundledSpecTest {
    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final Path FOLDER = RESOURCES.resolve(SpecFiles.FOLDER);
    private static final Path CORPUS = Path.of("..", "it-tests", "src", "test", "corpus", "wechatpay-v3-swagger2.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
    private static final Pattern INDEX_ENTRY = Pattern.compile(
            "  - name: ([a-z0-9][a-z0-9_.-]*)\n    file: \\1\\.yaml\n    operations: ([1-9][0-9]*)\n");

    private static ObjectMapper yaml;
    private static Map<String, String> committed;
    private static Map<String, JsonNode> documents;

    @BeforeAll
    static void load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        committed = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.sorted().toList()) {
                committed.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : committed.entrySet()) {
            if (file.getKey().endsWith(".yaml") && !file.getKey().equals("index.yaml") && isGenerated(file.getValue())) {
                documents.put(file.getKey(), yaml.readTree(file.getValue()));
            }
        }
    }

    private static boolean isGenerated(String text) {
        return text.startsWith(SpecFiles.GENERATED_MARK);
    }

    @Test
    @DisplayName("is byte for byte what the converter writes from the corpus today")
    void isWhatTheConverterWrites() throws Exception {
        SortedMap<String, String> fresh = ConvertMain.convert(CORPUS, RESOURCES);
        Path target = Path.of("target", "reconverted", SpecFiles.FOLDER);
        SpecFiles.write(fresh, target);
        Map<String, String> generated = committed.entrySet().stream().filter(e -> isGenerated(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String hint = "the committed " + SpecFiles.FOLDER + " differs from a fresh conversion in " + target
                + "; regenerate with: " + SpecFiles.COMMAND;
        assertThat(new TreeSet<>(generated.keySet())).as(hint).isEqualTo(new TreeSet<>(fresh.keySet()));
        List<String> different = new ArrayList<>();
        fresh.forEach((name, text) -> {
            if (!text.equals(generated.get(name))) {
                different.add(name);
            }
        });
        assertThat(different).as(hint).isEmpty();
    }

    @Test
    @DisplayName("indexes every product document, sorted by name, with its operation count, in the agreed format")
    void indexListsEveryProduct() throws IOException {
        String index = committed.get("index.yaml");
        assertThat(index).startsWith("#").contains("\nproducts:\n");
        String body = index.substring(index.indexOf("\nproducts:\n") + "\nproducts:\n".length());
        Matcher m = INDEX_ENTRY.matcher(body);
        List<String> names = new ArrayList<>();
        int end = 0;
        int total = 0;
        while (m.find() && m.start() == end) {
            names.add(m.group(1));
            JsonNode doc = documents.get(m.group(1) + ".yaml");
            assertThat(doc).as(m.group(1) + ".yaml").isNotNull();
            assertThat(operations(doc)).as(m.group(1) + " operations").isEqualTo(Integer.parseInt(m.group(2)));
            total += Integer.parseInt(m.group(2));
            end = m.end();
        }
        assertThat(end).as("index entries parse to the end").isEqualTo(body.length());
        assertThat(names).isSorted().hasSize(documents.size()).hasSize(81);
        assertThat(total).as("every corpus operation is in the bundle").isEqualTo(993);
        JsonNode parsed = yaml.readTree(index);
        assertThat(parsed.path("products")).hasSize(81);
    }

    @Test
    @DisplayName("parses with Swagger Parser as OpenAPI 3.0.3, product by product, without errors")
    void parsesWithoutErrors() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        int previous = Integer.getInteger("maxYamlCodePoints", -1);
        System.setProperty("maxYamlCodePoints", String.valueOf(64 * 1024 * 1024));
        try {
            documents.keySet().forEach(name -> {
                SwaggerParseResult result = new OpenAPIV3Parser().readContents(committed.get(name), null, options);
                assertThat(result.getOpenAPI()).as(name).isNotNull();
                assertThat(result.getOpenAPI().getOpenapi()).as(name).isEqualTo("3.0.3");
                if (result.getMessages() != null && !result.getMessages().isEmpty()) {
                    problems.put(name, result.getMessages());
                }
            });
        } finally {
            if (previous < 0) {
                System.clearProperty("maxYamlCodePoints");
            } else {
                System.setProperty("maxYamlCodePoints", String.valueOf(previous));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("has no $ref that points to nothing: every reference is local and resolves in its own document")
    void everyRefResolves() {
        List<String> dangling = new ArrayList<>();
        documents.forEach((name, doc) -> refs(doc, "#", (pointer, ref) -> {
            if (!ref.startsWith("#/") || doc.at(ref.substring(1)).isMissingNode()) {
                dangling.add(name + " " + pointer + " -> " + ref);
            }
        }));
        assertThat(dangling).isEmpty();
    }

    /** Calls {@code found} with the pointer and value of every {@code $ref} under {@code node}. */
    private static void refs(JsonNode node, String pointer, java.util.function.BiConsumer<String, String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String at = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                if (f.getKey().equals("$ref") && f.getValue().isTextual()) {
                    found.accept(at, f.getValue().asText());
                } else {
                    refs(f.getValue(), at, found);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    @Test
    @DisplayName("reads the same with a YAML 1.1 reader, which takes unquoted dates and 10:30 for non-strings")
    void readsTheSameInYaml11() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<String> different = new ArrayList<>();
        documents.forEach((name, tree) -> {
            Object loaded = new org.yaml.snakeyaml.Yaml(options).load(committed.get(name));
            JsonNode yaml11 = yaml.valueToTree(loaded);
            if (!tree.equals(SAME_NUMBER, yaml11)) {
                different.add(name);
            }
        });
        assertThat(different).isEmpty();
    }

    private static final java.util.Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @Test
    @DisplayName("gives every operation a unique lowerCamel ASCII operationId, one ASCII tag of at most 40 characters and declared path parameters")
    void operationsAreNamedAndDeclared() {
        Map<String, String> ids = new HashMap<>();
        List<String> problems = new ArrayList<>();
        forEachOperation((doc, method, path, op) -> {
            String where = method.toUpperCase() + " " + path + " (" + doc + ")";
            String id = op.path("operationId").asText("");
            if (!id.matches("[a-z][A-Za-z0-9]*")) {
                problems.add(where + ": operationId '" + id + "'");
            }
            String other = ids.put(id, where);
            if (other != null) {
                problems.add(where + ": operationId " + id + " also on " + other);
            }
            if (op.path("tags").size() != 1 || !op.path("tags").path(0).asText().matches("[A-Z][A-Za-z0-9]{0,39}")) {
                problems.add(where + ": tags " + op.path("tags"));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode parameter = resolve(documents.get(doc), p);
                if ("path".equals(parameter.path("in").asText())) {
                    declared.add(parameter.path("name").asText());
                    if (!parameter.path("required").asBoolean()) {
                        problems.add(where + ": path parameter " + parameter.path("name") + " not required");
                    }
                }
            }
            Set<String> placeholders = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(path);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            if (!declared.equals(placeholders)) {
                problems.add(where + ": path parameters " + declared + " for placeholders " + placeholders);
            }
        });
        assertThat(problems).isEmpty();
        assertThat(ids).hasSize(993);
        assertThat(ids).containsEntry("reversePayTransactionByOutTradeNo",
                "POST /v3/pay/transactions/out-trade-no/{out_trade_no}/reverse (pay.yaml)");
    }

    @Test
    @DisplayName("uses only valid JSON Schema types, and every array says what its items are")
    void typesAreValid() {
        List<String> problems = new ArrayList<>();
        documents.forEach((name, doc) -> checkTypes(doc, name + "#", problems));
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("takes the curated operations (PayScore's 14, the payments file's) from their files, unchanged")
    void curatedOperationsAreVerbatim() throws IOException {
        int curatedOperations = 0;
        for (String name : List.of("wxpay/payscore.yaml", "wxpay/v3/payments.yaml")) {
            Path file = RESOURCES.resolve(name);
            if (!Files.exists(file)) {
                continue;   // payments.yaml is another engineer's; the converter takes it when it exists
            }
            JsonNode curated = yaml.readTree(file.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = curated.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                String product = p.getKey().split("/")[2];
                JsonNode doc = documents.get(product + ".yaml");
                assertThat(doc.path("paths").get(p.getKey())).as(name + " " + p.getKey()).isEqualTo(p.getValue());
                curatedOperations += operations(wrap(p.getValue()));
                for (Iterator<Map.Entry<String, JsonNode>> s = curated.path("components").path("schemas").fields(); s.hasNext(); ) {
                    Map.Entry<String, JsonNode> schema = s.next();
                    JsonNode copied = doc.path("components").path("schemas").get(schema.getKey());
                    if (copied != null) {
                        assertThat(copied).as(name + " schema " + schema.getKey() + " in " + product).isEqualTo(schema.getValue());
                    }
                }
            }
        }
        assertThat(curatedOperations).isGreaterThanOrEqualTo(14);
    }

    private static JsonNode wrap(JsonNode pathItem) {
        return yaml.createObjectNode().set("paths", yaml.createObjectNode().set("/x", pathItem));
    }

    @Test
    @DisplayName("marks encrypted fields x-wxpay-sensitive, e.g. the contact's name in an applyment")
    void marksSensitiveFields() {
        JsonNode contact = documents.get("applyment4sub.yaml").path("paths").path("/v3/applyment4sub/applyment/")
                .path("post").path("requestBody").path("content").path("application/json").path("schema")
                .path("properties").path("contact_info").path("properties");
        assertThat(contact.path("contact_name").path("x-wxpay-sensitive").asBoolean()).isTrue();
        assertThat(contact.path("contact_type").path("x-wxpay-sensitive").isMissingNode()).isTrue();
        assertThat(committed.get("REPAIRS.md")).contains("x-wxpay-sensitive: true");
        assertThat(committed.get("LICENSE-corpus")).contains("MIT").contains("TheNorthMemory");
    }

    private interface OperationVisitor {
        void visit(String doc, String method, String path, JsonNode op);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        documents.forEach((name, doc) -> doc.path("paths").fields().forEachRemaining(item ->
                item.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        visitor.visit(name, op.getKey(), item.getKey(), op.getValue());
                    }
                })));
    }

    private static int operations(JsonNode doc) {
        int[] n = {0};
        doc.path("paths").forEach(item -> item.fieldNames().forEachRemaining(k -> n[0] += METHODS.contains(k) ? 1 : 0));
        return n[0];
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        return doc.at(ref.substring(1));
    }

    /** Walks schema-bearing nodes; values of example, examples, enum and default are data, not schemas. */
    private static void checkTypes(JsonNode node, String pointer, List<String> problems) {
        if (node.isObject() && pointer.endsWith("/properties")) {
            // a map from property names to schemas: a property may be called "type"
            node.fields().forEachRemaining(p -> checkTypes(p.getValue(), pointer + "/" + p.getKey(), problems));
        } else if (node.isObject()) {
            JsonNode type = node.get("type");
            boolean securityScheme = pointer.contains("/securitySchemes/");
            if (type != null && !securityScheme && (!type.isTextual() || !TYPES.contains(type.asText()))) {
                problems.add(pointer + ": type " + type);
            }
            if (type != null && "array".equals(type.asText()) && !node.has("items")) {
                problems.add(pointer + ": array without items");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!Set.of("example", "examples", "enum", "default").contains(field.getKey())) {
                    checkTypes(field.getValue(), pointer + "/" + field.getKey(), problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTypes(node.get(i), pointer + "/" + i, problems);
            }
        }
    }
}
