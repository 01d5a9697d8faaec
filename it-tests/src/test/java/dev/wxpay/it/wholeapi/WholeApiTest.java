package dev.wxpay.it.wholeapi;

import dev.wxpay.codegen.GenerationLog;
import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.GenerationResult;
import dev.wxpay.codegen.WxpayGenerator;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.it.ConsumerCompiler;
import dev.wxpay.it.ConsumerCompiler.Compilation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Generates every product of the bundled whole-API spec (the wxpay-spec jar's {@code wxpay/v3/index.yaml}) in one
 * run, as the plugin's {@code products} does, and compiles it with {@code --release 11 -Werror} against the
 * runtime. Prints one line {@code WHOLE-API products=<p> operations=<n> generated=<g> compiled=<c> skipped=<s>
 * longest_simple_name=<k> longest_path=<m>}; the report is target/whole-api-report.txt.
 */
@DisplayName("The whole bundled API")
class WholeApiTest {

    @Test
    @DisplayName("generates every product in one run and compiles with --release 11 -Werror, names and paths short")
    void wholeApiGeneratesAndCompiles() throws IOException {
        ClassLoader loader = WholeApiTest.class.getClassLoader();
        assumeTrue(loader.getResource(BundledSpecs.INDEX) != null,
                "the wxpay-spec jar does not bundle the whole API yet (" + BundledSpecs.INDEX + ")");
        BundledSpecs bundle = BundledSpecs.load(loader);
        List<GenerationRequest.Product> products = bundle.select(bundle.names()).stream()
                .map(p -> new GenerationRequest.Product(p.name(), p.source())).toList();
        Path target = Path.of("target", "whole-api").toAbsolutePath();
        Path sources = target.resolve("src");
        List<String> warnings = new ArrayList<>();
        long start = System.nanoTime();
        GenerationResult result = new WxpayGenerator(new GenerationLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).generate(GenerationRequest.builder().products(products).packageName("dev.wxpay.whole")
                .outputDirectory(sources).force(true).generatorVersion("whole-api-test").build());
        long generationMillis = (System.nanoTime() - start) / 1_000_000;

        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        int longestName = files.stream().mapToInt(f -> f.getFileName().toString().length() - ".java".length())
                .max().orElse(0);
        int longestPath = files.stream().mapToInt(f -> sources.relativize(f).toString().length()).max().orElse(0);
        Compilation compilation = ConsumerCompiler.compile(files, target.resolve("classes"), true);

        int p = products.size();
        int n = result.operations();
        int g = result.generatedOperations();
        int c = g - compilation.operationsInFailedFiles();
        int s = (int) result.skipped().stream().filter(k -> !k.where().startsWith("schema ")).count();
        System.out.println("WHOLE-API products=" + p + " operations=" + n + " generated=" + g + " compiled=" + c
                + " skipped=" + s + " longest_simple_name=" + longestName + " longest_path=" + longestPath);

        StringBuilder report = new StringBuilder("# wxpay-codegen whole-API report\n");
        report.append("products=").append(p).append(" operations=").append(n).append(" generated=").append(g)
                .append(" compiled=").append(c).append(" skipped=").append(s).append('\n')
                .append("files=").append(files.size()).append("; generation took ").append(generationMillis)
                .append(" ms; compilation took ").append(compilation.millis()).append(" ms\n\n## skipped\n");
        result.skipped().forEach(k -> report.append(k.where()).append("\n    ").append(k.reason()).append('\n'));
        report.append("\n## warnings (").append(warnings.size()).append(")\n");
        warnings.forEach(w -> report.append(w).append('\n'));
        report.append("\n## compilation errors and warnings (").append(compilation.errors().size()).append(")\n");
        compilation.errors().forEach(e -> report.append(e).append('\n'));
        Files.writeString(target.resolve("whole-api-report.txt"), report, StandardCharsets.UTF_8);

        assertThat(compilation.errors()).as("compilation problems (see target/whole-api/whole-api-report.txt)")
                .isEmpty();
        assertThat(s).as("skipped operations").isZero();
        assertThat(g).as("generated = operations").isEqualTo(n);
        assertThat(c).as("compiled = generated").isEqualTo(g);
        assertThat(longestName).as("longest simple class name").isLessThanOrEqualTo(50);
        assertThat(longestPath).as("longest file path below the output directory").isLessThanOrEqualTo(120);
    }
}
