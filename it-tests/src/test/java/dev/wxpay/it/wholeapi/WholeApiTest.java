package dev.wxpay.it.wholeapi;

import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.GenerationResult;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.it.ConsumerCompiler.Compilation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Generates every product of the bundled whole-API spec (the wxpay-spec jar's {@code wxpay/v3/index.yaml}) in one
 * run, as the plugin's {@code products} does, and compiles it with {@code --release 11 -Werror} against the
 * runtime. Prints one line {@code WHOLE-API products=<p> operations=<n> generated=<g> compiled=<c> skipped=<s>
 * longest_simple_name=<k> longest_path=<m>}; the report is target/whole-api-report.txt. The generation and compilation
 * are {@link WholeApiBuild}'s, shared with {@link RoundTripTest}.
 */
@DisplayName("The whole bundled API")
class WholeApiTest {

    @Test
    @DisplayName("generates every product in one run and compiles with --release 11 -Werror, names and paths short")
    void wholeApiGeneratesAndCompiles() throws IOException {
        assumeTrue(WholeApiBuild.available(),
                "the wxpay-spec jar does not bundle the whole API yet (" + BundledSpecs.INDEX + ")");
        WholeApiBuild build = WholeApiBuild.get();
        List<GenerationRequest.Product> products = build.products();
        GenerationResult result = build.result();
        List<String> warnings = build.warnings();
        long generationMillis = build.generationMillis();
        List<Path> files = build.files();
        Path target = WholeApiBuild.TARGET;
        Path sources = WholeApiBuild.sources();
        int longestName = files.stream().mapToInt(f -> f.getFileName().toString().length() - ".java".length())
                .max().orElse(0);
        int longestPath = files.stream().mapToInt(f -> sources.relativize(f).toString().length()).max().orElse(0);
        Compilation compilation = build.compilation();

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

    @Test
    @DisplayName("reaches every generated operation, file downloads included, from the chain root Wxpay")
    void chainReachesEveryOperation() throws IOException {
        assumeTrue(WholeApiBuild.available(),
                "the wxpay-spec jar does not bundle the whole API yet (" + BundledSpecs.INDEX + ")");
        WholeApiBuild build = WholeApiBuild.get();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile(
                "public ApiResponse<[^(]*> (get|post|put|patch|delete)\\(");
        java.util.regex.Pattern download = java.util.regex.Pattern.compile(
                "public dev\\.wxpay\\.runtime\\.Download get\\([^)]*java\\.io\\.OutputStream out\\)");
        int calls = 0;
        int downloads = 0;
        for (Path file : build.files()) {
            if (!file.getParent().getFileName().toString().equals("chain")) {
                continue;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            calls += (int) call.matcher(text).results().count();
            downloads += (int) download.matcher(text).results().count();
        }

        assertThat(downloads).as("download leaves (the bundled spec has five file downloads)").isEqualTo(5);
        assertThat(calls + downloads).as("chain leaves = generated operations")
                .isEqualTo(build.result().generatedOperations());
    }
}
