package dev.wxpay.codegen;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Incremental generation")
class IncrementalGenerationTest {
    private final List<String> infos = new ArrayList<>();
    private final GenerationLog log = new GenerationLog() {
        @Override
        public void info(String message) {
            infos.add(message);
        }

        @Override
        public void warn(String message) {
        }
    };

    private Path copySpec(Path dir, String text) throws IOException {
        Path spec = dir.resolve("api.yaml");
        Files.writeString(spec, text, StandardCharsets.UTF_8);
        return spec;
    }

    private static String mini() throws IOException {
        return Files.readString(Path.of("src/it/file-spec/spec/mini.yaml"), StandardCharsets.UTF_8);
    }

    private GenerationRequest.Builder request(Path spec, Path out) {
        return GenerationRequest.builder().spec(dev.wxpay.codegen.read.SpecSource.file(spec))
                .packageName("com.example.mini").outputDirectory(out).generatorVersion("test");
    }

    @Test
    @DisplayName("a second run with unchanged inputs writes nothing and says it is up to date")
    void unchangedIsUpToDate(@TempDir Path dir) throws IOException {
        Path spec = copySpec(dir, mini());
        Path out = dir.resolve("out");
        GenerationResult first = new WxpayGenerator(log).generate(request(spec, out).build());
        assertThat(first.upToDate()).isFalse();
        assertThat(first.written()).isNotEmpty();
        GenerationResult second = new WxpayGenerator(log).generate(request(spec, out).build());
        assertThat(second.upToDate()).isTrue();
        assertThat(infos).last().asString().contains("api.yaml is up to date");
    }

    @Test
    @DisplayName("force regenerates, and leaves files with unchanged content untouched")
    void forceRegenerates(@TempDir Path dir) throws IOException {
        Path spec = copySpec(dir, mini());
        Path out = dir.resolve("out");
        GenerationResult first = new WxpayGenerator(log).generate(request(spec, out).build());
        GenerationResult forced = new WxpayGenerator(log).generate(request(spec, out).force(true).build());
        assertThat(forced.upToDate()).isFalse();
        assertThat(forced.written()).isEmpty();
        assertThat(forced.unchanged()).containsExactlyElementsOf(first.written());
    }

    @Test
    @DisplayName("a changed spec, package or template directory regenerates")
    void changedInputsRegenerate(@TempDir Path dir) throws IOException {
        Path spec = copySpec(dir, mini());
        Path out = dir.resolve("out");
        new WxpayGenerator(log).generate(request(spec, out).build());
        copySpec(dir, mini().replace("计划名称", "计划的名称"));
        assertThat(new WxpayGenerator(log).generate(request(spec, out).build()).written())
                .containsExactly("com/example/mini/model/CreatePlanRequest.java");
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("header.mustache"), "// Custom header for {{specName}}\n");
        GenerationResult custom = new WxpayGenerator(log).generate(request(spec, out).templateDirectory(templates).build());
        assertThat(custom.upToDate()).isFalse();
        assertThat(Files.readString(out.resolve("com/example/mini/Wxpay.java")))
                .startsWith("// Custom header for api.yaml\n");
    }

    @Test
    @DisplayName("files of operations and schemas that left the spec are removed, other files are left alone")
    void staleFilesAreRemoved(@TempDir Path dir) throws IOException {
        Path spec = copySpec(dir, mini());
        Path out = dir.resolve("out");
        new WxpayGenerator(log).generate(request(spec, out).build());
        Path mine = out.resolve("com/example/mini/Handwritten.java");
        Files.writeString(mine, "class Handwritten {}");
        String withoutStop = mini().replaceAll("(?s)  /v3/mini/plans/plan-no/\\{plan_no}/stop:.*?'204':\\s+description: stopped\\n", "");
        assertThat(withoutStop).doesNotContain("stopPlan");
        copySpec(dir, withoutStop);
        GenerationResult result = new WxpayGenerator(log).generate(request(spec, out).build());
        assertThat(result.deleted()).containsExactly("com/example/mini/chain/V3MiniPlansPlanNoStop.java");
        assertThat(mine).exists();
        assertThat(Files.readString(out.resolve("com/example/mini/api/PlansApi.java"))).doesNotContain("stopPlan");
    }
}
