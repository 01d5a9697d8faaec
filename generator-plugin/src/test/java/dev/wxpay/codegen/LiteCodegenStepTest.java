package dev.wxpay.codegen;

import dev.wxpay.codegen.naming.ShortNames;
import dev.wxpay.codegen.openapi.CodegenModelStep;
import dev.wxpay.codegen.openapi.WxpayCodegen;
import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecReader;
import dev.wxpay.codegen.read.SpecSource;
import io.swagger.v3.core.util.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default codegen step (lite models and operations) against the step as OpenAPI Generator runs it
 * ({@link CodegenModelStep#complete()}), on specs with composed schemas, enums, maps, arrays, nested inline
 * objects, media uploads and file downloads, strict and lenient: every field our builders read must be the same,
 * so must what OpenAPI Generator reports and the spec as the step leaves it (the step writes into the spec).
 */
@DisplayName("The lite codegen step")
class LiteCodegenStepTest {
    private static final Path CORPUS = Path.of("../it-tests/src/test/corpus/wechatpay-v3-swagger2.yaml");

    static Stream<Arguments> specs() {
        List<Arguments> specs = new ArrayList<>();
        for (String name : List.of("payscore.yaml", "shapes.yaml", "nested.yaml", "sensitive.yaml", "untidy.yaml",
                "products/pay.yaml", "products/refund.yaml")) {
            specs.add(Arguments.of(name, TestSpecs.source(name), false));
            specs.add(Arguments.of(name + " (lenient)", TestSpecs.source(name), true));
        }
        for (String product : List.of("applyment4sub", "marketing", "merchant", "billdownload", "ecommerce",
                "payscore", "bill")) {
            specs.add(Arguments.of("bundled " + product, SpecSource.resource("wxpay/v3/" + product + ".yaml",
                    LiteCodegenStepTest.class.getClassLoader()), false));
        }
        if (Files.isRegularFile(CORPUS)) {
            specs.add(Arguments.of("the public corpus (lenient)", SpecSource.file(CORPUS), true));
        }
        return specs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    @DisplayName("gives every field the builders read as OpenAPI Generator's own step does, with the same warnings")
    void sameAsOpenApiGenerator(String name, SpecSource source, boolean lenient) throws Exception {
        Run complete = run(source, lenient, CodegenModelStep.complete());
        Run lite = run(source, lenient, new CodegenModelStep());

        assertThat(lite.models()).isEqualTo(complete.models());
        assertThat(lite.operations()).isEqualTo(complete.operations());
        assertThat(lite.warnings()).isEqualTo(complete.warnings());
        assertThat(lite.spec()).as("the spec after the step").isEqualTo(complete.spec());
    }

    private record Run(String models, String operations, List<String> warnings, String spec) {
    }

    private static Run run(SpecSource source, boolean lenient, CodegenModelStep step) throws Exception {
        ParsedSpec spec = new SpecReader().read(source);
        ArrayItemsRepair.apply(spec.openAPI());
        CodegenQuirks.apply(spec.openAPI(), lenient);
        AllOfShapes.apply(spec, lenient);
        SpecValidator.Problems problems = new SpecValidator().validate(spec);
        SpecPreparer.removeOperations(spec.openAPI(), problems.byOperation());
        SpecPreparer.prepare(spec.openAPI(), ShortNames.maxSimpleName("dev.wxpay.test.model"));
        WarningsLog log = new WarningsLog();
        List<String> warnings = log.warnings();
        WxpayCodegen codegen = new WxpayCodegen();
        codegen.reportTo(log, "spec");
        CodegenModelStep.Result result = step.run(codegen, spec.openAPI(), Files.createTempDirectory("lite-step"));
        StringBuilder models = new StringBuilder();
        new TreeMap<>(result.models()).forEach((key, model) -> model(models.append(key).append(" => "), model));
        StringBuilder operations = new StringBuilder();
        result.operations().stream().sorted(Comparator.comparing((CodegenOperation o) -> o.path)
                        .thenComparing(o -> o.httpMethod).thenComparing(o -> o.operationId))
                .forEach(op -> operation(operations, op));
        return new Run(models.toString(), operations.toString(), warnings,
                Json.mapper().writeValueAsString(spec.openAPI()));
    }

    /** What SchemaBuilder and NestedClasses read of a model. */
    private static void model(StringBuilder out, CodegenModel m) {
        out.append(m.name).append('|').append(m.classname).append("|enum=").append(m.isEnum)
                .append("|array=").append(m.isArray).append("|map=").append(m.isMap).append("|string=")
                .append(m.isString).append("|numeric=").append(m.isNumeric).append("|boolean=").append(m.isBoolean)
                .append("|primitive=").append(m.isPrimitiveType).append("|arrayType=").append(m.arrayModelType)
                .append("|dataType=").append(m.dataType).append("|description=").append(m.description)
                .append("|nestedIn=").append(m.vendorExtensions.get(InlineSchemaNamer.NESTED_IN))
                .append("|nestedName=").append(m.vendorExtensions.get(InlineSchemaNamer.NESTED_NAME)).append('\n');
        out.append("  vars\n");
        m.vars.forEach(p -> property(out, p));
        out.append("  allVars\n");
        m.allVars.forEach(p -> property(out, p));
    }

    /** What SchemaBuilder reads of a property. */
    private static void property(StringBuilder out, CodegenProperty p) {
        out.append("    ").append(p.baseName).append('|').append(p.dataType).append("|description=")
                .append(p.description).append("|required=").append(p.required).append("|enum=").append(p.isEnum)
                .append("|values=").append(p.isEnum && p.allowableValues != null ? p.allowableValues.get("values")
                        : null)
                .append("|example=").append(p.example).append("|sensitive=")
                .append(p.vendorExtensions.get(SchemaBuilder.SENSITIVE_EXTENSION)).append('\n');
    }

    /** What OperationBuilder and MultipartParameters read of an operation. */
    private static void operation(StringBuilder out, CodegenOperation op) {
        out.append(op.httpMethod).append(' ').append(op.path).append('|').append(op.operationId).append("|summary=")
                .append(op.summary).append("|notes=").append(op.notes).append("|multipart=").append(op.isMultipart)
                .append("|returnType=").append(op.returnType).append('\n');
        if (op.bodyParam != null) {
            out.append("  body|").append(op.bodyParam.dataType).append("|required=").append(op.bodyParam.required)
                    .append("|description=").append(op.bodyParam.description).append('\n');
        }
        Map<String, List<CodegenParameter>> lists = Map.of("path", op.pathParams, "query", op.queryParams,
                "header", op.headerParams, "form", op.formParams);
        new TreeMap<>(lists).forEach((in, params) -> params.forEach(p -> out.append("  ").append(in).append('|')
                .append(p.baseName).append('|').append(p.dataType).append("|description=").append(p.description)
                .append("|required=").append(p.required).append("|file=").append(p.isFile).append("|binary=")
                .append(p.isBinary).append("|sensitive=").append(p.vendorExtensions.get("x-wxpay-sensitive"))
                .append('\n')));
    }
}
