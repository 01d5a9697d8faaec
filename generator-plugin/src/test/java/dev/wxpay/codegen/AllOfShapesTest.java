package dev.wxpay.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wxpay.codegen.read.SpecSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Properties composed with allOf")
class AllOfShapesTest {
    @TempDir
    Path dir;

    private static final String HEAD = String.join("\n",
            "openapi: 3.0.3",
            "info:",
            "  title: allof",
            "  version: 1.0.0",
            "paths:",
            "  /v3/things:",
            "    post:",
            "      operationId: createThing",
            "      requestBody:",
            "        content:",
            "          application/json:",
            "            schema:",
            "              $ref: '#/components/schemas/Thing'",
            "      responses:",
            "        '204':",
            "          description: ok",
            "components:",
            "  schemas:",
            "    Kind:",
            "      type: string",
            "      enum: [A, B]",
            "    AccountBase:",
            "      type: object",
            "      properties:",
            "        account_name:",
            "          type: string",
            "          x-wxpay-sensitive: true",
            "    Thing:",
            "      type: object",
            "      properties:",
            "");

    /** As the bundled spec writes bank_account_info: type object beside an allOf of an inline object and a $ref. */
    private static final String TYPED_OBJECT = String.join("\n",
            "        bank_account_info:",
            "          type: object",
            "          allOf:",
            "            - type: object",
            "              properties:",
            "                account_number:",
            "                  type: string",
            "                  x-wxpay-sensitive: true",
            "            - $ref: '#/components/schemas/AccountBase'",
            "");

    private static final String CONFLICT = String.join("\n",
            "        kind:",
            "          allOf:",
            "            - $ref: '#/components/schemas/Kind'",
            "            - type: object",
            "              properties:",
            "                extra:",
            "                  type: string",
            "");

    private final WarningsLog log = new WarningsLog();
    private final List<String> warnings = log.warnings();

    private Path write(String properties) throws IOException {
        return Files.writeString(dir.resolve("allof.yaml"), HEAD + properties, StandardCharsets.UTF_8);
    }

    private GenerationRequest.Builder request(Path spec) {
        return GenerationRequest.builder().spec(SpecSource.file(spec)).packageName("com.example.allof")
                .outputDirectory(dir.resolve("out")).generatorVersion("test");
    }

    @Test
    @DisplayName("with type object beside the allOf is one class with every member's fields and their @SensitiveField")
    void typedObjectIsMerged() throws IOException {
        new WxpayGenerator(log).generate(request(write(TYPED_OBJECT)).build());

        String thing = Files.readString(dir.resolve("out/com/example/allof/model/Thing.java"));
        assertThat(thing).contains("private Thing.BankAccountInfo bankAccountInfo;")
                .contains("@SensitiveField\n        @JsonProperty(\"account_number\")\n        private String accountNumber;")
                .contains("@SensitiveField\n        @JsonProperty(\"account_name\")\n        private String accountName;");
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("whose members have different shapes fail strict mode, naming file, line, pointer and each member")
    void conflictFailsStrictMode() throws IOException {
        Path spec = write(CONFLICT);

        GenerationException e = catchThrowableOfType(
                () -> new WxpayGenerator(log).generate(request(spec).build()), GenerationException.class);

        assertThat(e.problems()).containsExactly(spec + ":31: #/components/schemas/Thing/properties/kind: allOf"
                + " members of different shapes (allOf/0 string (#/components/schemas/Kind), allOf/1 object) cannot be"
                + " merged into one class: OpenAPI Generator types it Object or keeps only some members' fields,"
                + " losing the others and their @SensitiveField; make the members one shape");
    }

    @Test
    @DisplayName("whose members have different shapes are a located warning in lenient mode, and the rest is generated")
    void conflictWarnsInLenientMode() throws IOException {
        Path spec = write(CONFLICT + TYPED_OBJECT);

        GenerationResult result = new WxpayGenerator(log).generate(request(spec).lenient(true).build());

        assertThat(result.generatedOperations()).isEqualTo(1);
        assertThat(warnings).singleElement().asString()
                .startsWith("wxpay-codegen: " + spec + ":31: #/components/schemas/Thing/properties/kind: allOf"
                        + " members of different shapes (allOf/0 string (#/components/schemas/Kind), allOf/1 object)");
        assertThat(result.warnings()).hasSize(1);
    }

    @Test
    @DisplayName("of integer and number members, or of a member without type, are merged without a word")
    void compatibleShapesAreQuiet() throws IOException {
        Path spec = write(String.join("\n",
                "        amount:",
                "          allOf:",
                "            - type: integer",
                "            - type: number",
                "              description: the amount",
                "        note:",
                "          allOf:",
                "            - description: a note",
                "            - type: string",
                ""));

        new WxpayGenerator(log).generate(request(spec).build());

        assertThat(warnings).isEmpty();
    }
}
