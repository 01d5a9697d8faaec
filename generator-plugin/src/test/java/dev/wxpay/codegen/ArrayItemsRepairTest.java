package dev.wxpay.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Arrays without items")
class ArrayItemsRepairTest {
    private static final String SPEC = String.join("\n",
            "openapi: 3.0.3",
            "info: {title: t, version: '1'}",
            "paths:",
            "  /v3/mini/tags/{group}:",
            "    get:",
            "      operationId: listTags",
            "      parameters:",
            "        - {name: group, in: path, required: true, schema: {type: string}}",
            "        - {name: ids, in: query, schema: {type: array}}",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Tags'}",
            "components:",
            "  schemas:",
            "    Tags:",
            "      type: object",
            "      properties:",
            "        names: {type: array}",
            "        typed: {type: array, items: {type: integer}}",
            "");

    @Test
    @DisplayName("get string items, each reported by its JSON pointer")
    void repaired() {
        OpenAPI api = new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI();
        assertThat(ArrayItemsRepair.apply(api)).containsExactly(
                "#/paths/~1v3~1mini~1tags~1{group}/get/parameters/1/schema",
                "#/components/schemas/Tags/properties/names");
        Schema<?> names = (Schema<?>) api.getComponents().getSchemas().get("Tags").getProperties().get("names");
        assertThat(names.getItems().getType()).isEqualTo("string");
        Schema<?> typed = (Schema<?>) api.getComponents().getSchemas().get("Tags").getProperties().get("typed");
        assertThat(typed.getItems().getType()).isEqualTo("integer");
        assertThat(ArrayItemsRepair.apply(api)).as("a second pass finds nothing left").isEmpty();
    }

    @Test
    @DisplayName("are warned about by the generator with the spec and pointer, and generate List<String>")
    void reportedByTheGenerator(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("tags.yaml");
        Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
        WarningsLog log = new WarningsLog();
        List<String> warnings = log.warnings();
        Path out = dir.resolve("out");
        GenerationResult result = new WxpayGenerator(log).generate(GenerationRequest.builder().spec(dev.wxpay.codegen.read.SpecSource.file(spec))
                .packageName("com.example.tags").outputDirectory(out).generatorVersion("test").build());
        assertThat(warnings).contains("wxpay-codegen: " + spec + ": #/components/schemas/Tags/properties/names:"
                + " an array without items; generated as a list of strings (declare its items to type it)");
        assertThat(result.warnings()).filteredOn(w -> w.contains("an array without items")).hasSize(2);
        assertThat(Files.readString(out.resolve("com/example/tags/model/Tags.java"))).contains("List<String> names");
    }
}
