package dev.wxpay.codegen;

import dev.wxpay.codegen.naming.ShortNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Names at scale: one class per inline shape, and names and paths a file system accepts")
class NamesAtScaleTest {

    private static List<String> generate(Path sources, String packageName) throws IOException {
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("shapes.yaml", sources)
                .packageName(packageName).build());
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> sources.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    @DisplayName("inline objects of identical shape are one class, nested where the shape is met first")
    void identicalShapesAreOneClass(@TempDir Path work) throws IOException {
        Path sources = work.resolve("src");
        List<String> files = generate(sources, "com.example.wx");
        assertThat(files).contains("com/example/wx/model/AppPrepayRequest.java",
                "com/example/wx/model/JsapiPrepayRequest.java")
                .noneMatch(f -> f.endsWith("Amount.java") || f.endsWith("Payer.java"));
        String jsapi = Files.readString(sources.resolve("com/example/wx/model/JsapiPrepayRequest.java"),
                StandardCharsets.UTF_8);
        assertThat(jsapi).contains("private AppPrepayRequest.Amount amount;",
                "private JsapiPrepayRequest.Payer payer;", "public static class Payer {")
                .doesNotContain("class Amount");
    }

    @Test
    @DisplayName("no simple class name is longer than 50 characters, and the output compiles")
    void simpleNamesFit(@TempDir Path work) throws IOException {
        Path sources = work.resolve("src");
        List<String> files = generate(sources, "com.example.wx");
        assertThat(files).allSatisfy(f -> assertThat(f.substring(f.lastIndexOf('/') + 1).length() - ".java".length())
                .as(f).isLessThanOrEqualTo(ShortNames.MAX_SIMPLE_NAME));
        assertThat(files).contains("com/example/wx/model/CreateTerminalCombinationSettlementDeliveryRequest.java");
        TestCompiler.Outcome outcome = TestCompiler.compile(sources, List.of(), work.resolve("classes"));
        assertThat(outcome.ok()).as(outcome.diagnostics()).isTrue();
        assertThat(outcome.diagnostics()).as("compiler warnings").isEmpty();
    }

    @Test
    @DisplayName("under a deep package the names shrink further, so no file path is longer than 120 characters")
    void pathsFit(@TempDir Path work) throws IOException {
        Path sources = work.resolve("src");
        List<String> files = generate(sources, "com.example.some.very.deep.company.packages.name.wx.pay");
        assertThat(files).allSatisfy(f -> assertThat(f.length()).as(f).isLessThanOrEqualTo(ShortNames.MAX_PATH));
        TestCompiler.Outcome outcome = TestCompiler.compile(sources, List.of(), work.resolve("classes"));
        assertThat(outcome.ok()).as(outcome.diagnostics()).isTrue();
    }
}
