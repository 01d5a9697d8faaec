package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the Swagger 2.0 corpus into one OpenAPI 3.0.3 document per product: repairs it
 * ({@link CorpusRepairs}), converts it with Swagger Parser's v2 converter, names every operation
 * ({@link OperationNames}), marks sensitive fields ({@link SensitiveFields}), takes curated paths from the curated
 * files ({@link CuratedFiles}) and assembles each product ({@link ProductAssembler}). Deterministic: the same
 * corpus and curated files give the same result. Not thread-safe (one conversion per instance).
 */
public final class SpecConverter {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern DOC_LINK = Pattern.compile("\\[官方文档]\\((https?://[^)\\s]+)\\)");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<Repair> repairs = new ArrayList<>();
    private final List<Repair> sensitive = new ArrayList<>();
    private final List<Repair> curatedTaken = new ArrayList<>();

    /**
     * Converts {@code corpus}, taking the paths of the curated files under {@code resourceRoot} (may be null: no
     * curated files).
     */
    public ConvertedSpec convert(Path corpus, Path resourceRoot) throws IOException {
        ObjectNode swagger = SpecYaml.read(corpus);
        repairs.addAll(new CorpusRepairs().apply(swagger));
        ObjectNode openapi = toOpenApi3(swagger);
        SchemaKeyOrder.apply(openapi);
        for (SwaggerRefs.Rewrite r : SwaggerRefs.rewrite(openapi)) {
            repairs.add(repairAt(r.pointer(), "swagger2-ref", "'" + r.from() + "' -> '" + r.to() + "'"));
        }
        List<CuratedFile> curated = resourceRoot == null ? List.of() : CuratedFiles.find(resourceRoot);
        Map<String, CuratedFile> curatedByPath = CuratedFiles.byPathTemplate(curated);

        Map<String, String> tagDescriptions = new HashMap<>();
        Map<String, ProductAssembler> products = new TreeMap<>();
        Set<String> curatedPlaced = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = openapi.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pathItem = it.next();
            String path = pathItem.getKey();
            ProductAssembler product = products.computeIfAbsent(OperationNames.product(path), ProductAssembler::new);
            CuratedFile owner = curatedByPath.get(CuratedFiles.template(path));
            if (owner != null) {
                placeCurated(product, owner, path, pathItem.getValue(), curatedPlaced);
                it.remove();   // not converted: neither named nor marked nor reported as such
                continue;
            }
            ObjectNode item = (ObjectNode) pathItem.getValue();
            item.fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    name(op.getKey(), path, (ObjectNode) op.getValue(), tagDescriptions);
                }
            });
            product.add(new ProductAssembler.Entry(path, item, null));
        }
        for (CuratedFile file : curated) {
            file.document().path("paths").fields().forEachRemaining(p -> {
                String key = file.name() + " " + p.getKey();
                if (!curatedPlaced.contains(key)) {
                    ProductAssembler product = products.computeIfAbsent(OperationNames.product(p.getKey()), ProductAssembler::new);
                    product.add(new ProductAssembler.Entry(p.getKey(), (ObjectNode) p.getValue().deepCopy(), file));
                    curatedPlaced.add(key);
                }
            });
        }
        for (String pointer : SensitiveFields.mark(openapi.path("paths"), "#/paths")) {
            sensitive.add(repairAt(pointer, "sensitive", SensitiveFields.EXTENSION + ": true"));
        }
        for (String pointer : SensitiveFields.mark(openapi.path("components"), "#/components")) {
            sensitive.add(repairAt(pointer, "sensitive", SensitiveFields.EXTENSION + ": true"));
        }

        String version = swagger.path("info").path("version").asText();
        Map<String, ObjectNode> documents = new TreeMap<>();
        for (Map.Entry<String, ProductAssembler> product : products.entrySet()) {
            documents.put(product.getKey(), product.getValue().assemble(header(product.getKey(), version),
                    openapi.path("components"), defaultSecuritySchemes(), tagDescriptions, repairs));
        }
        OperationIdCheck.requireUnique(documents);
        return new ConvertedSpec(documents, repairs, sensitive, curatedTaken, curated);
    }

    private void placeCurated(ProductAssembler product, CuratedFile owner, String corpusPath, JsonNode corpusItem,
                              Set<String> placed) {
        String curatedPath = CuratedFiles.curatedPath(owner, corpusPath);
        corpusItem.fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                curatedTaken.add(new Repair(method.toUpperCase(Locale.ROOT), corpusPath, "", "curated",
                        "taken from " + owner.name() + (curatedPath.equals(corpusPath) ? "" : " (" + curatedPath + ")")));
            }
        });
        if (placed.add(owner.name() + " " + curatedPath)) {
            product.add(new ProductAssembler.Entry(curatedPath,
                    (ObjectNode) owner.document().path("paths").get(curatedPath).deepCopy(), owner));
        }
    }

    /** Gives a converted operation its operationId, ASCII tag and documentation link. */
    private static void name(String method, String path, ObjectNode op, Map<String, String> tagDescriptions) {
        String tag = OperationNames.tag(path);
        Set<String> groups = new LinkedHashSet<>();
        String known = tagDescriptions.get(tag);
        if (known != null && !known.isEmpty()) {
            groups.addAll(List.of(known.split("、")));
        }
        op.path("tags").forEach(t -> groups.add(t.asText()));
        tagDescriptions.put(tag, String.join("、", groups));
        ObjectNode named = JSON.objectNode();
        named.set("tags", JSON.arrayNode().add(tag));
        named.put("operationId", OperationNames.operationId(method, path));
        // Swagger Parser's converter records the Swagger 2.0 body parameter's name here; the corpus names every
        // body "_", which is not a Java identifier, and the name is the assembly's, not WeChat Pay's.
        op.remove(List.of("tags", "operationId", "x-codegen-request-body-name"));
        Matcher link = DOC_LINK.matcher(op.path("description").asText(""));
        if (link.find() && !op.has("externalDocs")) {
            op.putObject("externalDocs").put("description", "官方文档").put("url", link.group(1));
        }
        // tags and operationId first: a reader of the YAML sees the name before the details (a shallow move).
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        op.fields().forEachRemaining(f -> rest.put(f.getKey(), f.getValue()));
        op.removeAll();
        op.setAll(named);
        op.setAll(rest);
    }

    private static ObjectNode toOpenApi3(ObjectNode swagger) {
        SwaggerDeserializationResult v2 = new SwaggerDeserializer().deserialize(swagger);
        if (v2.getSwagger() == null) {
            throw new IllegalStateException("The corpus did not parse as Swagger 2.0: " + v2.getMessages());
        }
        SwaggerParseResult v3 = new SwaggerConverter().convert(v2);
        if (v3.getOpenAPI() == null) {
            throw new IllegalStateException("Swagger Parser could not convert the corpus: " + v3.getMessages());
        }
        ObjectMapper mapper = Json.mapper();
        return mapper.convertValue(v3.getOpenAPI(), ObjectNode.class);
    }

    private static ObjectNode header(String product, String version) {
        ObjectNode header = JSON.objectNode();
        header.put("openapi", "3.0.3");
        ObjectNode info = header.putObject("info");
        info.put("title", "WeChat Pay APIv3: " + product);
        info.put("version", version);
        info.put("description", "The " + product + " operations of WeChat Pay APIv3 (paths /v3/" + product
                + "/...), converted from the public wechatpay-openapi description (MIT licence: see LICENSE-corpus"
                + " beside this file). Summaries and descriptions are WeChat Pay's own.");
        info.putObject("license").put("name", "MIT").put("url", "https://opensource.org/licenses/MIT");
        header.putArray("servers")
                .add(JSON.objectNode().put("url", "https://api.mch.weixin.qq.com").put("description", "主域名"))
                .add(JSON.objectNode().put("url", "https://api2.wechatpay.cn").put("description", "备用域名"));
        header.putArray("security").add(JSON.objectNode().set("wechatpaySignature", JSON.arrayNode()));
        return header;
    }

    private static ObjectNode defaultSecuritySchemes() {
        ObjectNode schemes = JSON.objectNode();
        schemes.putObject("wechatpaySignature").put("type", "apiKey").put("in", "header").put("name", "Authorization")
                .put("description", "WECHATPAY2-SHA256-RSA2048 签名认证: every request is signed with the merchant's"
                        + " API private key; answers and notifications carry WeChat Pay's signature, which the client"
                        + " verifies.");
        return schemes;
    }

    /** A repair located by a pointer into the converted document: its operation when the pointer is below one. */
    private static Repair repairAt(String pointer, String kind, String detail) {
        if (pointer.startsWith("#/paths/")) {
            String[] tokens = pointer.split("/", 5);
            String path = tokens[2].replace("~1", "/").replace("~0", "~");
            String method = tokens.length > 3 ? tokens[3].toUpperCase(Locale.ROOT) : "";
            String rest = tokens.length > 4 ? tokens[4] : "";
            return new Repair(method, path, rest, kind, detail);
        }
        return new Repair("", "", pointer, kind, detail);
    }

    /** What a conversion produced: the product documents and everything the reports list. Immutable views. */
    public record ConvertedSpec(Map<String, ObjectNode> documents, List<Repair> repairs, List<Repair> sensitive,
                                List<Repair> curated, List<CuratedFile> curatedFiles) {
        public ConvertedSpec {
            documents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(documents));
            repairs = List.copyOf(repairs);
            sensitive = List.copyOf(sensitive);
            curated = List.copyOf(curated);
            curatedFiles = List.copyOf(curatedFiles);
        }
    }
}
