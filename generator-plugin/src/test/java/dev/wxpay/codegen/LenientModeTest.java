package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.read.SpecSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Lenient mode")
class LenientModeTest {
    /** Two operations the generator cannot express, indented to sit under {@code paths:}. */
    private static final String BROKEN_OPERATIONS = String.join("\n",
            "  /v3/mini/media/upload:",
            "    post:",
            "      operationId: uploadImage",
            "      requestBody:",
            "        content:",
            "          multipart/form-data:",
            "            schema:",
            "              type: object",
            "              properties:",
            "                file:",
            "                  type: string",
            "                  format: binary",
            "      responses:",
            "        '200':",
            "          description: ok",
            "  /v3/mini/orders/{order_no}:",
            "    get:",
            "      operationId: getOrder",
            "      responses:",
            "        '200':",
            "          description: ok",
            "");

    private static Path spec(Path dir) throws IOException {
        String mini = Files.readString(Path.of("src/it/file-spec/spec/mini.yaml"), StandardCharsets.UTF_8);
        String text = mini.replace("paths:\n", "paths:\n" + BROKEN_OPERATIONS);
        Path spec = dir.resolve("broken.yaml");
        Files.writeString(spec, text, StandardCharsets.UTF_8);
        return spec;
    }

    private static GenerationRequest.Builder request(Path spec, Path out) {
        return GenerationRequest.builder().spec(SpecSource.file(spec)).packageName("com.example.mini")
                .outputDirectory(out).generatorVersion("test");
    }

    @Test
    @DisplayName("is off by default: the first broken operation fails the run")
    void strictByDefault(@TempDir Path dir) throws IOException {
        Path spec = spec(dir);
        assertThatThrownBy(() -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec, dir.resolve("out")).build()))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("path parameter {order_no} of /v3/mini/orders/{order_no} is not declared");
    }

    @Test
    @DisplayName("reports each broken operation with its reason and generates the rest")
    void skipsWithReasons(@TempDir Path dir) throws IOException {
        Path spec = spec(dir);
        GenerationResult result = new WxpayGenerator(GenerationLog.silent())
                .generate(request(spec, dir.resolve("out")).lenient(true).build());
        assertThat(result.operations()).isEqualTo(5);
        assertThat(result.generatedOperations()).isEqualTo(3);
        assertThat(result.skipped()).extracting(ClientModel.Skipped::where)
                .containsExactly("GET /v3/mini/orders/{order_no} (getOrder)", "POST /v3/mini/media/upload (uploadImage)");
        assertThat(result.skipped()).extracting(ClientModel.Skipped::reason).allMatch(r -> !r.isBlank())
                .anyMatch(r -> r.contains("multipart")).anyMatch(r -> r.contains("is not declared"));
        assertThat(dir.resolve("out/com/example/mini/api/PlansApi.java")).exists();
    }
}
