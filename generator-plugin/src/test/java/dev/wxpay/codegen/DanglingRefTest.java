package dev.wxpay.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.read.SpecSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code $ref} that points to nothing in the spec never loses the property it types without a word: strict mode
 * fails naming the file, the line, the {@code $ref}'s pointer and its target; lenient mode warns, naming the
 * same (a Swagger 2.0 reference becomes a string, another skips its operation).
 */
@DisplayName("A $ref that resolves to nothing")
class DanglingRefTest {
    @TempDir
    Path dir;

    /** An operation whose body has, inside an inline allOf member, a property typed by a Swagger 2.0 reference. */
    private static final String SPEC = String.join("\n",
            "openapi: 3.0.3",
            "info:",
            "  title: dangling",
            "  version: 1.0.0",
            "paths:",
            "  /v3/applyments:",
            "    post:",
            "      operationId: createApplyment",
            "      requestBody:",
            "        content:",
            "          application/json:",
            "            schema:",
            "              type: object",
            "              properties:",
            "                bank_account_info:",
            "                  type: object",
            "                  allOf:",
            "                    - type: object",
            "                      properties:",
            "                        bank_account_type:",
            "                          $ref: '#/definitions/BankAccountType'",
            "                    - $ref: '#/components/schemas/BankAccountBase'",
            "      responses:",
            "        '204':",
            "          description: ok",
            "  /v3/applyments/{applyment_id}:",
            "    get:",
            "      operationId: getApplyment",
            "      parameters:",
            "        - name: applyment_id",
            "          in: path",
            "          required: true",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema:",
            "                $ref: '#/components/schemas/BankAccountBase'",
            "components:",
            "  schemas:",
            "    BankAccountBase:",
            "      type: object",
            "      properties:",
            "        account_bank:",
            "          type: string",
            "");

    private static final String POINTER = "#/paths/~1v3~1applyments/post/requestBody/content/application~1json/schema"
            + "/properties/bank_account_info/allOf/0/properties/bank_account_type/$ref";

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("dangling.yaml"), text, StandardCharsets.UTF_8);
    }

    private GenerationRequest.Builder request(Path spec) {
        return GenerationRequest.builder().spec(SpecSource.file(spec)).packageName("com.example.dangling")
                .outputDirectory(dir.resolve("out")).generatorVersion("test");
    }

    @Test
    @DisplayName("fails generation in strict mode, naming the file and line, the $ref's pointer and the missing target")
    void strictFails() throws IOException {
        Path spec = write(SPEC);

        GenerationException e = catchThrowableOfType(
                () -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec).build()),
                GenerationException.class);

        assertThat(e.problems()).containsExactly(spec + ":21: #/paths/~1v3~1applyments/post: $ref"
                + " '#/definitions/BankAccountType' points to nothing: schemas are referenced as"
                + " #/components/schemas/<name>; define the schema there and refer to it so (the $ref at " + POINTER + ")");
    }

    @Test
    @DisplayName("in lenient mode generates the operation and warns, naming the file and line, the pointer and the target")
    void lenientWarns() throws IOException {
        Path spec = write(SPEC);
        WarningsLog log = new WarningsLog();
        List<String> warnings = log.warnings();

        GenerationResult result = new WxpayGenerator(log).generate(request(spec).lenient(true).build());

        assertThat(result.generatedOperations()).isEqualTo(2);
        assertThat(warnings).contains("wxpay-codegen: " + spec + ":20: " + POINTER.substring(0, POINTER.length() - 5)
                + ": $ref '#/definitions/BankAccountType' names no schema of this document; generated as a String"
                + " (declare the schema under components/schemas and refer to it there)");
    }

    @Test
    @DisplayName("under an operation is skipped with its operation in lenient mode when it is no Swagger 2.0 reference")
    void lenientSkipsOperation() throws IOException {
        Path spec = write(SPEC.replace("#/definitions/BankAccountType", "#/components/schemas/BankAccountType"));

        GenerationResult result = new WxpayGenerator(GenerationLog.silent())
                .generate(request(spec).lenient(true).build());

        assertThat(result.generatedOperations()).isEqualTo(1);
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.where()).isEqualTo("POST /v3/applyments (createApplyment)");
            assertThat(s.reason()).isEqualTo(spec + ":21: #/paths/~1v3~1applyments/post: $ref"
                    + " '#/components/schemas/BankAccountType' points to a schema that does not exist; define it"
                    + " under components/schemas or fix the name (the $ref at " + POINTER + ")");
        });
    }

    @Test
    @DisplayName("in a component schema fails in both modes, naming the component, the $ref's pointer and the target")
    void inComponentAlwaysFails() throws IOException {
        Path spec = write(SPEC.replace("        account_bank:\n",
                "        account_type:\n          $ref: '#/components/schemas/AccountType'\n        account_bank:\n"));

        for (boolean lenient : new boolean[] {false, true}) {
            GenerationException e = catchThrowableOfType(
                    () -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec).lenient(lenient).build()),
                    GenerationException.class);

            assertThat(e.problems()).as("lenient=" + lenient).contains(spec + ":44: #/components/schemas/BankAccountBase:"
                    + " $ref '#/components/schemas/AccountType' points to a schema that does not exist; define it under"
                    + " components/schemas or fix the name (the $ref at"
                    + " #/components/schemas/BankAccountBase/properties/account_type/$ref)");
        }
    }

    /** Three operations, each with one reference to a component that does not exist, and one sound operation. */
    private static final String COMPONENT_REFS = String.join("\n",
            "openapi: 3.0.3",
            "info:",
            "  title: dangling components",
            "  version: 1.0.0",
            "paths:",
            "  /v3/a:",
            "    get:",
            "      operationId: getA",
            "      parameters:",
            "        - $ref: '#/components/parameters/Limit'",
            "      responses:",
            "        '204':",
            "          description: ok",
            "  /v3/b:",
            "    post:",
            "      operationId: postB",
            "      requestBody:",
            "        $ref: '#/components/requestBodies/Thing'",
            "      responses:",
            "        '204':",
            "          description: ok",
            "  /v3/c:",
            "    get:",
            "      operationId: getC",
            "      responses:",
            "        '200':",
            "          $ref: '#/components/responses/Things'",
            "  /v3/d:",
            "    get:",
            "      operationId: getD",
            "      parameters:",
            "        - $ref: '#/components/parameters/Offset'",
            "      responses:",
            "        '204':",
            "          description: ok",
            "components:",
            "  parameters:",
            "    Offset:",
            "      name: offset",
            "      in: query",
            "      schema:",
            "        type: integer",
            "");

    @Test
    @DisplayName("of a parameter, request body or answer fails strict mode naming each (OpenAPI Generator threw a bare NPE)")
    void componentRefsFailStrictMode() throws IOException {
        Path spec = write(COMPONENT_REFS);

        GenerationException e = catchThrowableOfType(
                () -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec).build()),
                GenerationException.class);

        assertThat(e.problems()).containsExactly(
                spec + ":10: #/paths/~1v3~1a/get: $ref '#/components/parameters/Limit' points to an entry of"
                        + " components/parameters that does not exist; define it under components/parameters or fix"
                        + " the name (the $ref at #/paths/~1v3~1a/get/parameters/0/$ref)",
                spec + ":27: #/paths/~1v3~1c/get: $ref '#/components/responses/Things' points to an entry of"
                        + " components/responses that does not exist; define it under components/responses or fix the"
                        + " name (the $ref at #/paths/~1v3~1c/get/responses/200/$ref)",
                spec + ":18: #/paths/~1v3~1b/post: $ref '#/components/requestBodies/Thing' points to an entry of"
                        + " components/requestBodies that does not exist; define it under components/requestBodies or"
                        + " fix the name (the $ref at #/paths/~1v3~1b/post/requestBody/$ref)");
    }

    @Test
    @DisplayName("of a parameter, request body or answer skips just its operation in lenient mode")
    void componentRefsSkipTheirOperationsInLenientMode() throws IOException {
        Path spec = write(COMPONENT_REFS);

        GenerationResult result = new WxpayGenerator(GenerationLog.silent())
                .generate(request(spec).lenient(true).build());

        assertThat(result.generatedOperations()).isEqualTo(1);
        assertThat(result.skipped()).extracting(s -> s.where())
                .containsExactly("GET /v3/a (getA)", "GET /v3/c (getC)", "POST /v3/b (postB)");
    }

    @Test
    @DisplayName("inside components, or not naming a component at all, fails in both modes")
    void componentRefInComponentsAlwaysFails() throws IOException {
        Path spec = write(COMPONENT_REFS.replace("      name: offset\n      in: query\n      schema:\n"
                + "        type: integer\n", "      $ref: '#/components/parameters/Start'\n")
                + "  responses:\n    Empty:\n      description: none\n      headers:\n        X-Trace:\n"
                + "          $ref: '#/components/headers/Trace'\n");

        for (boolean lenient : new boolean[] {false, true}) {
            GenerationException e = catchThrowableOfType(
                    () -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec).lenient(lenient).build()),
                    GenerationException.class);

            assertThat(e.problems()).as("lenient=" + lenient).contains(
                    spec + ":38: #/components/parameters/Offset: $ref '#/components/parameters/Start' points to an"
                            + " entry of components/parameters that does not exist; define it under"
                            + " components/parameters or fix the name (the $ref at"
                            + " #/components/parameters/Offset/$ref)",
                    spec + ":41: #/components/responses/Empty: $ref '#/components/headers/Trace' points to an"
                            + " entry of components/headers that does not exist; define it under components/headers or"
                            + " fix the name (the $ref at #/components/responses/Empty/headers/X-Trace/$ref)");
        }
    }
}
