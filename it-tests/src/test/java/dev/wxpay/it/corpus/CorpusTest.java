package dev.wxpay.it.corpus;

import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.GenerationResult;
import dev.wxpay.codegen.WxpayGenerator;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.it.ConsumerCompiler;
import dev.wxpay.it.ConsumerCompiler.Compilation;
import dev.wxpay.it.WarningsLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole public WeChat Pay v3 corpus (a Swagger 2.0 assembly: no operationIds, Chinese tags, clashing inline
 * names, broken types and paths) through the plugin's generator in lenient mode, then compiled ({@code --release
 * 11}) against the runtime. Prints one line {@code CORPUS operations=<n> generated=<g> compiled=<c> skipped=<s>}
 * and writes every skipped operation with its reason to {@code target/corpus-report.txt}.
 */
@DisplayName("The public WeChat Pay v3 corpus")
class CorpusTest {
    private static final String CORPUS = "src/test/corpus/wechatpay-v3-swagger2.yaml";

    @Test
    @DisplayName("generates in lenient mode, every skip has a reason, the counts add up and everything generated compiles")
    void corpusGeneratesAndCompiles() throws IOException {
        Path corpus = locateCorpus();
        Path target = Path.of("target", "corpus").toAbsolutePath();
        Path sources = target.resolve("src");
        WarningsLog log = new WarningsLog();
        List<String> warnings = log.warnings();
        long start = System.nanoTime();
        GenerationResult result = new WxpayGenerator(log).generate(GenerationRequest.builder()
                .spec(SpecSource.file(corpus)).packageName("dev.wxpay.corpus")
                .outputDirectory(sources).lenient(true).force(true).generatorVersion("corpus-test").build());
        long generationMillis = (System.nanoTime() - start) / 1_000_000;

        List<ClientModel.Skipped> skippedOperations = result.skipped().stream()
                .filter(s -> !s.where().startsWith("schema ")).toList();
        List<ClientModel.Skipped> skippedSchemas = result.skipped().stream()
                .filter(s -> s.where().startsWith("schema ")).toList();
        Compilation compilation = ConsumerCompiler.compile(javaFiles(sources), target.resolve("classes"), false);

        int n = result.operations();
        int g = result.generatedOperations();
        int c = g - compilation.operationsInFailedFiles();
        int s = skippedOperations.size();
        System.out.println("CORPUS operations=" + n + " generated=" + g + " compiled=" + c + " skipped=" + s);

        StringBuilder report = new StringBuilder();
        report.append("# wxpay-codegen corpus report\n");
        report.append("spec: ").append(corpus.getFileName()).append('\n');
        report.append("operations=").append(n).append(" generated=").append(g).append(" compiled=").append(c)
                .append(" skipped=").append(s).append('\n');
        report.append("generation took ").append(generationMillis).append(" ms; compilation took ")
                .append(compilation.millis()).append(" ms\n\n## skipped operations (").append(s).append(")\n");
        for (ClientModel.Skipped skip : skippedOperations) {
            report.append(skip.where()).append("\n    ").append(skip.reason()).append('\n');
        }
        report.append("\n## skipped schemas (").append(skippedSchemas.size()).append(")\n");
        for (ClientModel.Skipped skip : skippedSchemas) {
            report.append(skip.where()).append("\n    ").append(skip.reason()).append('\n');
        }
        report.append("\n## compilation errors (").append(compilation.errors().size()).append(")\n");
        compilation.errors().forEach(e -> report.append(e).append('\n'));
        Files.createDirectories(target);
        Files.writeString(Path.of("target", "corpus-report.txt"), report, StandardCharsets.UTF_8);

        assertThat(skippedOperations).allSatisfy(skip -> assertThat(skip.reason()).as(skip.where()).isNotBlank());
        assertThat(g + s).as("generated + skipped = operations").isEqualTo(n);
        assertThat(compilation.errors()).as("compilation errors (see target/corpus-report.txt)").isEmpty();
        assertThat(c).as("compiled = generated").isEqualTo(g);
    }

    /** The corpus is committed with the tests (MIT, licence beside it), so a clean clone runs this test. */
    private static Path locateCorpus() {
        Path corpus = Path.of(CORPUS).toAbsolutePath();
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalStateException("The corpus " + CORPUS + " is missing under " + Path.of("").toAbsolutePath()
                    + "; run this test from the it-tests module");
        }
        return corpus;
    }

    private static List<Path> javaFiles(Path sources) throws IOException {
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
