package dev.wxpay.codegen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.naming.ShortNames;
import dev.wxpay.codegen.openapi.CodegenModelStep;
import dev.wxpay.codegen.openapi.WxpayCodegen;
import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecReader;
import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.codegen.render.TemplateSource;
import dev.wxpay.codegen.select.OperationFilter;
import dev.wxpay.codegen.write.GenerationState;
import dev.wxpay.codegen.write.InputHasher;
import dev.wxpay.codegen.write.OutputWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator as a plain class (no Maven): read the spec, check it, let OpenAPI Generator compute the codegen
 * model, build our intermediate model, render it and write the files. Skips everything when the inputs are
 * unchanged since the last successful run; a run that generates starts one short-lived helper thread for the
 * work that does not depend on the spec ({@link StartUp}). Stateless and thread-safe (runs on different output
 * directories may proceed in parallel).
 */
public final class WxpayGenerator {
    private final GenerationLog log;

    public WxpayGenerator(GenerationLog log) {
        this.log = log;
    }

    /** Runs one generation; throws {@link GenerationException} when the input is wrong. */
    public GenerationResult generate(GenerationRequest request) {
        long start = System.nanoTime();
        TemplateSource templates = new TemplateSource(request.templateDirectory());
        List<SpecSource> specs = request.specs();
        // Decide "up to date" from the raw texts before any parsing: a no-op run costs a hash, not a parse.
        List<String> texts = new ArrayList<>();
        for (SpecSource source : specs) {
            texts.add(SpecReader.load(source));
        }
        String hash = new InputHasher().hash(request, texts, templates);
        GenerationState state = GenerationState.load(request.outputDirectory());
        if (!request.force() && state.isUpToDate(hash, request.outputDirectory())) {
            log.info("wxpay-codegen: " + describe(request) + " is up to date (" + state.previousFiles().size()
                    + " files); set wxpay.force=true to regenerate");
            return GenerationResult.skippedUpToDate();
        }
        StartUp startUp = StartUp.begin(templates);
        RenderedFiles rendered = new RenderedFiles(startUp::renderer);
        List<String> warnings = new ArrayList<>();
        List<ClientModel> productModels = new ArrayList<>();
        List<ClientModel.Skipped> skipped = new ArrayList<>();
        int[] totalOperations = {0};
        OperationFilter filter = new OperationFilter(request.includes(), request.excludes());
        OperationFilter.Selection selection = filter.selection();
        long[] reading = {0};
        long[] modelling = {0};
        String[] pending = texts.toArray(new String[0]);
        texts.clear();
        // Products are independent: with -Dwxpay.threads=2, two are read and modelled at a time. With
        // includes/excludes one at a time, since the selection keeps count across specs in spec order.
        int threads = filter.keepsEverything() ? ProductPool.threadsFor(specs.size()) : 1;
        ProductPool.map(specs.size(), threads, i -> {
            BufferedLog productLog = new BufferedLog(log);
            List<String> productWarnings = new ArrayList<>();
            long before = System.nanoTime();
            SpecSource source = specs.get(i);
            ParsedSpec spec = new SpecReader().parse(source, pending[i]);
            pending[i] = null; // the text is parsed: let it go before the next product's model is built
            long read = System.nanoTime();
            for (String message : spec.messages()) {
                productWarnings.add(source + ": " + message);
                productLog.warn("Swagger Parser: " + source + ": " + message);
            }
            if (!filter.keepsEverything()) {
                selection.apply(spec.openAPI());
            }
            for (String pointer : ArrayItemsRepair.apply(spec.openAPI())) {
                String message = source + ": " + pointer + ": an array without items; generated as a list of"
                        + " strings (declare its items to type it)";
                productWarnings.add(message);
                productLog.warn("wxpay-codegen: " + message);
            }
            for (String message : CodegenQuirks.apply(spec.openAPI(), request.lenient())) {
                String located = CodegenQuirks.locate(spec, message);
                productWarnings.add(located);
                productLog.warn("wxpay-codegen: " + located);
            }
            for (String located : AllOfShapes.apply(spec, request.lenient())) {
                productWarnings.add(located);
                productLog.warn("wxpay-codegen: " + located);
            }
            String packageName = request.hasProducts()
                    ? request.packageName() + "." + request.products().get(i).packageSegment()
                    : request.packageName();
            // The first configuration was built on the start-up thread; each further product needs a fresh one.
            WxpayCodegen config = i == 0 ? startUp.codegen() : new WxpayCodegen();
            config.reportTo(productLog, source.fileName());
            Built built = buildModel(spec, new Target(source, packageName, request.hasProducts()), request, config);
            return new ProductResult(built, productWarnings, productLog, read - before, System.nanoTime() - read);
        }, result -> {
            result.log().replayTo(log);
            warnings.addAll(result.warnings());
            // Rendered now, so that its model can go before the next product's is built (see RenderedFiles).
            productModels.add(request.hasProducts()
                    ? rendered.product(result.built().model(), request.modelDumpFile() != null)
                    : result.built().model());
            skipped.addAll(result.built().skipped());
            totalOperations[0] += result.built().totalOperations();
            reading[0] += result.readNanos();
            modelling[0] += result.modelNanos();
        });
        if (!filter.keepsEverything()) {
            // Checked over every spec of the run: a pattern need only match in one product.
            OperationFilter.Result selected = selection.check(describe(request));
            log.info("wxpay-codegen: includes/excludes keep " + selected.operationsKept() + " of "
                    + selected.operationsBefore() + " operations (" + selected.componentsDropped()
                    + " components they do not reach left out)");
        }
        List<ClientModel> models = productModels;
        if (request.hasProducts()) {
            models = ProductChains.join(request.packageName(), models, request.products().size() + " products");
        }
        skipped.sort(java.util.Comparator.comparing(ClientModel.Skipped::where));
        if (request.modelDumpFile() != null) {
            dump(request.hasProducts() ? models : models.get(0), request);
        }
        if (request.hasProducts()) {
            for (ClientModel product : models.subList(0, models.size() - 1)) {
                rendered.chainOf(product);
            }
            rendered.whole(models.get(models.size() - 1));
        } else {
            rendered.whole(models.get(0));
        }
        List<OutputWriter.EncodedFile> files = rendered.files();
        long writing = System.nanoTime();
        OutputWriter.Outcome outcome = new OutputWriter(request.outputDirectory(), state).write(files);
        GenerationState.save(request.outputDirectory(), hash, files.stream().map(OutputWriter.EncodedFile::relativePath)
                .toList());
        int generatedOperations = rendered.operations();
        int schemas = rendered.schemas();
        for (ClientModel.Skipped s : skipped) {
            log.warn("wxpay-codegen: skipped " + s.where() + ": " + s.reason());
        }
        log.info("wxpay-codegen: " + (request.hasProducts() ? request.products().size() + " products, " : "")
                + generatedOperations + " operations, " + schemas + " models, "
                + files.size() + " files (" + outcome.written().size() + " written, " + outcome.deleted().size()
                + " stale removed) in " + request.outputDirectory() + "; took " + millis(start, System.nanoTime())
                + " ms (read " + reading[0] / 1_000_000 + ", model " + modelling[0] / 1_000_000 + ", render "
                + rendered.millis() + ", write " + millis(writing, System.nanoTime()) + ")");
        return new GenerationResult(false, totalOperations[0], generatedOperations, outcome.written(),
                outcome.unchanged(), outcome.deleted(), skipped, warnings);
    }

    /** {@code payscore.yaml}, or {@code 3 products (pay, refund, transfer)}, for log lines. */
    private static String describe(GenerationRequest request) {
        if (!request.hasProducts()) {
            return request.spec().fileName();
        }
        return request.products().size() + " product" + (request.products().size() == 1 ? "" : "s") + " ("
                + String.join(", ", request.products().stream().map(GenerationRequest.Product::name).toList()) + ")";
    }

    /** One spec's outcome, built on a pool thread: its model, its warnings and log lines, and timings. */
    private record ProductResult(Built built, List<String> warnings, BufferedLog log, long readNanos,
                                 long modelNanos) {
    }

    /** The model of one spec plus what was skipped on the way, and the operation count before skipping. */
    record Built(ClientModel model, List<ClientModel.Skipped> skipped, int totalOperations) {
    }

    /**
     * What one spec of a run is generated into: its source (named in messages), its package, and whether its
     * call chain is left to {@link ProductChains} (several products) or built with it (one spec).
     */
    record Target(SpecSource source, String packageName, boolean product) {
    }

    /** Steps 2 to 4 (validate, prepare, codegen model, intermediate model); public for tests of the model. */
    static Built buildModel(ParsedSpec spec, GenerationRequest request) {
        return buildModel(spec, new Target(request.spec(), request.packageName(), false), request,
                new WxpayCodegen());
    }

    /** As {@link #buildModel(ParsedSpec, GenerationRequest)} for {@code target}, with a fresh, not yet used {@code config}. */
    static Built buildModel(ParsedSpec spec, Target target, GenerationRequest request, WxpayCodegen config) {
        SpecValidator.Problems problems = new SpecValidator().validate(spec);
        if (!problems.global().isEmpty() || (!request.lenient() && !problems.byOperation().isEmpty())) {
            List<String> all = new ArrayList<>(problems.global());
            all.addAll(problems.byOperation().values());
            throw new GenerationException("The spec " + target.source() + " has " + all.size() + " problem"
                    + (all.size() == 1 ? "" : "s") + " (fix them" + (problems.global().isEmpty()
                    ? ", or set lenient=true to skip the broken operations" : "") + "):", all);
        }
        List<ClientModel.Skipped> removed = SpecPreparer.removeOperations(spec.openAPI(), problems.byOperation());
        int totalOperations = SpecPreparer.countOperations(spec.openAPI()) + removed.size();
        SpecPreparer.prepare(spec.openAPI(), ShortNames.maxSimpleName(target.packageName() + ".model"));
        CodegenModelStep.Result codegen = new CodegenModelStep().run(config, spec.openAPI(),
                request.outputDirectory());
        ModelBuilder builder = new ModelBuilder(spec.openAPI(), codegen, target.source().fileName(),
                target.packageName(), request.lenient(), problem -> SpecValidator.locate(spec, problem));
        ClientModel model = target.product() ? builder.buildProduct() : builder.build();
        List<ClientModel.Skipped> skipped = new ArrayList<>(removed);
        skipped.addAll(model.skipped());
        skipped.sort(java.util.Comparator.comparing(ClientModel.Skipped::where));
        return new Built(model, skipped, totalOperations);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void dump(Object model, GenerationRequest request) {
        try {
            ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module())
                    .enable(SerializationFeature.INDENT_OUTPUT);
            Files.createDirectories(request.modelDumpFile().toAbsolutePath().getParent());
            mapper.writeValue(request.modelDumpFile().toFile(), model);
        } catch (IOException e) {
            throw new GenerationException("Cannot write the model dump " + request.modelDumpFile() + ": "
                    + e.getMessage(), e);
        }
    }
}
