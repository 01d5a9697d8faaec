package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A user template that does not compile")
class BrokenTemplateTest {

    @Test
    @DisplayName("fails the run with the template's name, the class being rendered and Mustache's reason")
    void brokenTemplateIsReportedWhereItIsUsed(@TempDir Path dir) throws IOException {
        // Templates are compiled ahead, on the start-up thread; the failure must still come from rendering.
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("model.mustache"), "{{#model}}never closed\n");
        GenerationRequest request = GenerationRequest.builder()
                .spec(SpecSource.file(Path.of("src/it/file-spec/spec/mini.yaml")))
                .packageName("com.example.mini").outputDirectory(dir.resolve("out")).templateDirectory(templates)
                .generatorVersion("test").build();

        assertThatThrownBy(() -> new WxpayGenerator(GenerationLog.silent()).generate(request))
                .isInstanceOf(GenerationException.class)
                .hasMessageStartingWith("Cannot render model.mustache for ")
                .hasMessageContaining("model");
    }
}
