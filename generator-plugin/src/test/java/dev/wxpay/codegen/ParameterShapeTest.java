package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A parameter without a name is reported with its place (OpenAPI Generator threw a bare
 * {@link NullPointerException} on it): strict mode fails, lenient mode skips its operation, one under components
 * fails in both modes. A parameter Swagger Parser cannot read (a wrong {@code in}) is dropped by it, with the
 * warning it gives.
 */
@DisplayName("A parameter without a name, or one Swagger Parser cannot read")
class ParameterShapeTest {
    @TempDir
    Path dir;

    private static final String SPEC = String.join("\n",
            "openapi: 3.0.3",
            "info:",
            "  title: shapes",
            "  version: 1.0.0",
            "paths:",
            "  /v3/a:",
            "    get:",
            "      operationId: getA",
            "      parameters:",
            "        - in: query",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '204':",
            "          description: ok",
            "  /v3/b:",
            "    get:",
            "      operationId: getB",
            "      parameters:",
            "        - name: limit",
            "          in: body",
            "          schema:",
            "            type: integer",
            "      responses:",
            "        '204':",
            "          description: ok",
            "  /v3/c:",
            "    get:",
            "      operationId: getC",
            "      responses:",
            "        '204':",
            "          description: ok",
            "");

    private GenerationRequest.Builder request(String text) throws IOException {
        Path spec = Files.writeString(dir.resolve("shapes.yaml"), text, StandardCharsets.UTF_8);
        return GenerationRequest.builder().spec(SpecSource.file(spec)).packageName("com.example.shapes")
                .outputDirectory(dir.resolve("out")).generatorVersion("test");
    }

    @Test
    @DisplayName("fails strict mode naming the file, line, pointer and what is missing")
    void strictFails() throws IOException {
        GenerationException e = catchThrowableOfType(
                () -> new WxpayGenerator(GenerationLog.silent()).generate(request(SPEC).build()),
                GenerationException.class);

        Path spec = dir.resolve("shapes.yaml");
        assertThat(e.problems()).containsExactly(
                spec + ":9: #/paths/~1v3~1a/get/parameters/0: the parameter has no name; every parameter needs a"
                        + " string name and in: path, query, header or cookie");
    }

    @Test
    @DisplayName("in lenient mode skips the operation with a nameless parameter; Swagger Parser's drop is a warning")
    void lenientSkips() throws IOException {
        WarningsLog log = new WarningsLog();
        List<String> warnings = log.warnings();

        GenerationResult result = new WxpayGenerator(log).generate(request(SPEC).lenient(true).build());

        assertThat(result.generatedOperations()).isEqualTo(2);
        assertThat(result.skipped()).extracting(s -> s.where()).containsExactly("GET /v3/a (getA)");
        assertThat(warnings).contains("Swagger Parser: " + dir.resolve("shapes.yaml")
                + ": attribute paths.'/v3/b'(get).parameters.[limit].in is not of type `[query|header|path|cookie]`");
    }

    @Test
    @DisplayName("under components fails in both modes")
    void componentFailsAlways() throws IOException {
        String text = SPEC + String.join("\n", "components:", "  parameters:", "    Offset:", "      in: query",
                "      schema:", "        type: integer", "");
        for (boolean lenient : new boolean[] {false, true}) {
            GenerationException e = catchThrowableOfType(() -> new WxpayGenerator(GenerationLog.silent())
                    .generate(request(text).lenient(lenient).build()), GenerationException.class);

            assertThat(e.problems()).as("lenient=" + lenient).contains(dir.resolve("shapes.yaml")
                    + ":35: #/components/parameters/Offset: the parameter has no name; every parameter needs a string"
                    + " name and in: path, query, header or cookie");
        }
    }
}
