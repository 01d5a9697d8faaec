package dev.wxpay.codegen.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import org.openapitools.codegen.ClientOptInput;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.DefaultGenerator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Step 2: runs OpenAPI Generator over the parsed spec with our {@link WxpayCodegen}, built into a
 * {@link ClientOptInput} directly (looking generators up by name would instantiate all of them), and returns
 * the codegen model it computed. Writes nothing. Stateless and thread-safe.
 */
public final class CodegenModelStep {

    /** The codegen model of one spec. */
    public record Result(Map<String, CodegenModel> models, List<CodegenOperation> operations) {
    }

    /** Computes the codegen model; {@code scratchDirectory} is where OpenAPI Generator believes it writes. */
    public Result run(OpenAPI openAPI, Path scratchDirectory) {
        return run(new WxpayCodegen(), openAPI, scratchDirectory);
    }

    /** As {@link #run(OpenAPI, Path)}, with a fresh, not yet used {@code codegen}. */
    public Result run(WxpayCodegen codegen, OpenAPI openAPI, Path scratchDirectory) {
        codegen.setOutputDir(scratchDirectory.toString());
        codegen.setOpenAPI(openAPI);
        ClientOptInput input = new ClientOptInput().openAPI(openAPI).config(codegen);
        DefaultGenerator generator = new DefaultGenerator();
        generator.setGenerateMetadata(false);
        generator.setGeneratorPropertyDefault("apiTests", "false");
        generator.setGeneratorPropertyDefault("modelTests", "false");
        generator.setGeneratorPropertyDefault("apiDocs", "false");
        generator.setGeneratorPropertyDefault("modelDocs", "false");
        generator.opts(input);
        generator.generate();
        return new Result(Map.copyOf(codegen.collectedModels()), List.copyOf(codegen.collectedOperations()));
    }
}
