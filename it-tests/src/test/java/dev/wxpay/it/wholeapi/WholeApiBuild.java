package dev.wxpay.it.wholeapi;

import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.GenerationResult;
import dev.wxpay.codegen.WxpayGenerator;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.it.ConsumerCompiler;
import dev.wxpay.it.ConsumerCompiler.Compilation;
import dev.wxpay.it.WarningsLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole bundled API generated in one run (every product of the wxpay-spec jar's {@code wxpay/v3/index.yaml},
 * package {@code dev.wxpay.whole}) and compiled with {@code --release 11 -Werror}, once per test JVM: generation and
 * javac cost tens of seconds, and both {@link WholeApiTest} and {@link RoundTripTest} need the same output. The
 * generator's model of every operation is dumped beside the sources ({@link #modelDump()}), so a test knows which
 * class and method serve an operationId without guessing from names.
 *
 * <p>Immutable once built; {@link #get()} builds it on first use (class initialisation makes that thread-safe).
 */
final class WholeApiBuild {

    /** Where the generated sources, classes, model dump and reports go. */
    static final Path TARGET = Path.of("target", "whole-api").toAbsolutePath();

    private final List<GenerationRequest.Product> products;
    private final GenerationResult result;
    private final List<String> warnings;
    private final long generationMillis;
    private final List<Path> files;
    private final Compilation compilation;

    private WholeApiBuild(List<GenerationRequest.Product> products, GenerationResult result, List<String> warnings,
                          long generationMillis, List<Path> files, Compilation compilation) {
        this.products = List.copyOf(products);
        this.result = result;
        this.warnings = List.copyOf(warnings);
        this.generationMillis = generationMillis;
        this.files = List.copyOf(files);
        this.compilation = compilation;
    }

    /** True when the wxpay-spec jar on the class path bundles the whole API. */
    static boolean available() {
        return WholeApiBuild.class.getClassLoader().getResource(BundledSpecs.INDEX) != null;
    }

    /** The build, made on first call. */
    static WholeApiBuild get() {
        return Holder.BUILD;
    }

    private static final class Holder {
        static final WholeApiBuild BUILD = build();
    }

    private static WholeApiBuild build() {
        try {
            BundledSpecs bundle = BundledSpecs.load(WholeApiBuild.class.getClassLoader());
            List<GenerationRequest.Product> products = bundle.select(bundle.names()).stream()
                    .map(p -> new GenerationRequest.Product(p.name(), p.source())).toList();
            Path sources = TARGET.resolve("src");
            WarningsLog log = new WarningsLog();
            List<String> warnings = log.warnings();
            long start = System.nanoTime();
            GenerationResult result = new WxpayGenerator(log).generate(GenerationRequest.builder().products(products)
                    .packageName("dev.wxpay.whole")
                    .outputDirectory(sources).force(true).generatorVersion("whole-api-test")
                    .modelDumpFile(TARGET.resolve("model.json")).build());
            long generationMillis = (System.nanoTime() - start) / 1_000_000;
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            Compilation compilation = ConsumerCompiler.compile(files, classes(), true);
            return new WholeApiBuild(products, result, warnings, generationMillis, files, compilation);
        } catch (IOException e) {
            throw new UncheckedIOException("the whole-API build failed", e);
        }
    }

    List<GenerationRequest.Product> products() {
        return products;
    }

    GenerationResult result() {
        return result;
    }

    List<String> warnings() {
        return warnings;
    }

    long generationMillis() {
        return generationMillis;
    }

    /** The generated {@code .java} files, sorted. */
    List<Path> files() {
        return files;
    }

    Compilation compilation() {
        return compilation;
    }

    static Path sources() {
        return TARGET.resolve("src");
    }

    static Path classes() {
        return TARGET.resolve("classes");
    }

    /** The generator's intermediate model of every product, as JSON (a list of client models). */
    static Path modelDump() {
        return TARGET.resolve("model.json");
    }
}
