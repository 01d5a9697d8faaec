package dev.wxpay.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A hand-curated spec of the jar read for its tests: the text, Swagger Parser's result and the raw YAML tree, with
 * the look-ups the curated-spec tests share (operations, parameters, $ref'd components, example walks).
 * Immutable once loaded.
 */
final class CuratedSpec {

    /** Called for each operation of the spec. */
    interface OperationVisitor {
        void visit(String path, String method, Operation op);
    }

    /** Called for each object of the raw document that carries an {@code example}. */
    interface ExampleVisitor {
        void visit(String where, JsonNode owner);
    }

    private final String text;
    private final SwaggerParseResult parsed;
    private final JsonNode raw;

    private CuratedSpec(String text, SwaggerParseResult parsed, JsonNode raw) {
        this.text = text;
        this.parsed = parsed;
        this.raw = raw;
    }

    /** Reads {@code resource} from the class path (the jar's own resources) and parses it, resolving $refs. */
    static CuratedSpec load(String resource) {
        try (InputStream in = CuratedSpec.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource " + resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            return new CuratedSpec(text, new OpenAPIV3Parser().readContents(text, null, options),
                    new ObjectMapper(new YAMLFactory()).readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    String text() {
        return text;
    }

    SwaggerParseResult parsed() {
        return parsed;
    }

    OpenAPI api() {
        return parsed.getOpenAPI();
    }

    JsonNode raw() {
        return raw;
    }

    void forEachOperation(OperationVisitor visitor) {
        assertThat(api().getPaths()).isNotEmpty();
        api().getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> visitor.visit(path, method.name(), op)));
    }

    Operation operation(String path, String method) {
        PathItem item = api().getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(op).as(method + " " + path).isNotNull();
        return op;
    }

    /** The path item's parameters, then the operation's, $refs resolved. */
    List<Parameter> parameters(String path, Operation op) {
        List<Parameter> all = new ArrayList<>();
        PathItem item = api().getPaths().get(path);
        if (item.getParameters() != null) {
            item.getParameters().forEach(p -> all.add(resolve(p)));
        }
        if (op.getParameters() != null) {
            op.getParameters().forEach(p -> all.add(resolve(p)));
        }
        return all;
    }

    Parameter resolve(Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
        return Objects.requireNonNull(api().getComponents().getParameters().get(name), parameter.get$ref());
    }

    ApiResponse resolve(ApiResponse response) {
        assertThat(response).isNotNull();
        if (response.get$ref() == null) {
            return response;
        }
        String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        return Objects.requireNonNull(api().getComponents().getResponses().get(name), response.get$ref());
    }

    /** Visits every object in the raw document that carries an {@code example}, with its JSON pointer. */
    static void walk(JsonNode node, String pointer, ExampleVisitor visitor) {
        if (node.isObject()) {
            if (node.has("example")) {
                visitor.visit(pointer, node);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!"example".equals(field.getKey())) {
                    walk(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
