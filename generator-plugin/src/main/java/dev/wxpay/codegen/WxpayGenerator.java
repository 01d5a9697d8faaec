package dev.wxpay.codegen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.openapi.CodegenModelStep;
import dev.wxpay.codegen.openapi.WxpayCodegen;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecReader;
import dev.wxpay.codegen.render.Renderer;
import dev.wxpay.codegen.render.TemplateSource;
import dev.wxpay.codegen.select.OperationFilter;
import dev.wxpay.codegen.write.GenerationState;
import dev.wxpay.codegen.write.InputHasher;
import dev.wxpay.codegen.write.OutputWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
        if (request.products().size() > 1) {
            // One root package per product and one chain root over them all need the multi-product generator.
            throw new GenerationException("This version generates one product per execution; asked for "
                    + request.products().stream().map(BundledSpecs.Product::name).collect(Collectors.joining(", "))
                    + ": use one execution per product, each with its own packageName and outputDirectory",
                    List.of());
        }
        TemplateSource templates = new TemplateSource(request.templateDirectory());
        // Decide "up to date" from the raw texts before any parsing: a no-op run costs a hash, not a parse.
        String text = SpecReader.load(request.spec());
        String hash = new InputHasher().hash(request, text, templates);
        GenerationState state = GenerationState.load(request.outputDirectory());
        if (!request.force() && state.isUpToDate(hash, request.outputDirectory())) {
            log.info("wxpay-codegen: " + request.spec().fileName() + " is up to date (" + state.previousFiles().size()
                    + " files); set wxpay.force=true to regenerate");
            return GenerationResult.skippedUpToDate();
        }
        StartUp startUp = StartUp.begin(templates);
        ParsedSpec spec = new SpecReader().parse(request.spec(), text);
        long read = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        for (String message : spec.messages()) {
            warnings.add(request.spec() + ": " + message);
            log.warn("Swagger Parser: " + request.spec() + ": " + message);
        }

        select(spec, request);
        for (String pointer : ArrayItemsRepair.apply(spec.openAPI())) {
            String message = request.spec() + ": " + pointer + ": an array without items; generated as a list of"
                    + " strings (declare its items to type it)";
            warnings.add(message);
            log.warn("wxpay-codegen: " + message);
        }
        Built built = buildModel(spec, request, startUp.codegen());
        long modelled = System.nanoTime();
        ClientModel model = built.model();
        List<ClientModel.Skipped> skipped = built.skipped();
        int totalOperations = built.totalOperations();
        if (request.modelDumpFile() != null) {
            dump(model, request);
        }
        List<Renderer.RenderedFile> files = startUp.renderer().render(model);
        long rendered = System.nanoTime();
        OutputWriter.Outcome outcome = new OutputWriter(request.outputDirectory(), state).write(files);
        GenerationState.save(request.outputDirectory(), hash, files.stream().map(Renderer.RenderedFile::relativePath)
                .toList());
        int generatedOperations = model.apis().stream().mapToInt(a -> a.operations().size()).sum();
        for (ClientModel.Skipped s : skipped) {
            log.warn("wxpay-codegen: skipped " + s.where() + ": " + s.reason());
        }
        log.info("wxpay-codegen: " + generatedOperations + " operations, " + model.schemas().size() + " models, "
                + files.size() + " files (" + outcome.written().size() + " written, " + outcome.deleted().size()
                + " stale removed) in " + request.outputDirectory() + "; took " + millis(start, System.nanoTime())
                + " ms (read " + millis(start, read) + ", model " + millis(read, modelled) + ", render "
                + millis(modelled, rendered) + ", write " + millis(rendered, System.nanoTime()) + ")");
        return new GenerationResult(false, totalOperations, generatedOperations, outcome.written(),
                outcome.unchanged(), outcome.deleted(), skipped, warnings);
    }

    /** Keeps only the operations {@code includes}/{@code excludes} select, and what they reach. */
    private void select(ParsedSpec spec, GenerationRequest request) {
        OperationFilter filter = new OperationFilter(request.includes(), request.excludes());
        if (filter.keepsEverything()) {
            return;
        }
        OperationFilter.Result selected = filter.apply(spec.openAPI(), request.spec().toString());
        log.info("wxpay-codegen: includes/excludes keep " + selected.operationsKept() + " of "
                + selected.operationsBefore() + " operations (" + selected.componentsDropped()
                + " components they do not reach left out)");
    }

    /** The model of one spec plus what was skipped on the way, and the operation count before skipping. */
    record Built(ClientModel model, List<ClientModel.Skipped> skipped, int totalOperations) {
    }

    /** Steps 2 to 4 (validate, prepare, codegen model, intermediate model); public for tests of the model. */
    static Built buildModel(ParsedSpec spec, GenerationRequest request) {
        return buildModel(spec, request, new WxpayCodegen());
    }

    /** As {@link #buildModel(ParsedSpec, GenerationRequest)}, with a fresh, not yet used {@code config}. */
    static Built buildModel(ParsedSpec spec, GenerationRequest request, WxpayCodegen config) {
        SpecValidator.Problems problems = new SpecValidator().validate(spec);
        if (!problems.global().isEmpty() || (!request.lenient() && !problems.byOperation().isEmpty())) {
            List<String> all = new ArrayList<>(problems.global());
            all.addAll(problems.byOperation().values());
            throw new GenerationException("The spec " + request.spec() + " has " + all.size() + " problem"
                    + (all.size() == 1 ? "" : "s") + " (fix them" + (problems.global().isEmpty()
                    ? ", or set lenient=true to skip the broken operations" : "") + "):", all);
        }
        List<ClientModel.Skipped> removed = SpecPreparer.removeOperations(spec.openAPI(), problems.byOperation());
        int totalOperations = SpecPreparer.countOperations(spec.openAPI()) + removed.size();
        SpecPreparer.prepare(spec.openAPI());
        CodegenModelStep.Result codegen = new CodegenModelStep().run(config, spec.openAPI(),
                request.outputDirectory());
        ClientModel model = new ModelBuilder(spec.openAPI(), codegen, request.spec().fileName(),
                request.packageName(), request.lenient(), problem -> SpecValidator.locate(spec, problem)).build();
        List<ClientModel.Skipped> skipped = new ArrayList<>(removed);
        skipped.addAll(model.skipped());
        skipped.sort(java.util.Comparator.comparing(ClientModel.Skipped::where));
        return new Built(model, skipped, totalOperations);
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void dump(ClientModel model, GenerationRequest request) {
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
