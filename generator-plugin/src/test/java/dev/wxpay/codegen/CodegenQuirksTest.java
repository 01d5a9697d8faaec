package dev.wxpay.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("What OpenAPI Generator would only log about")
class CodegenQuirksTest {
    private static final String SPEC = String.join("\n",
            "openapi: 3.0.3",
            "info: {title: t, version: '1'}",
            "paths:",
            "  /v3/goods/{id}:",
            "    get:",
            "      operationId: getGoods",
            "      parameters:",
            "        - {name: id, in: path, required: true, schema: {type: number, format: uint64}}",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Goods'}",
            "components:",
            "  schemas:",
            "    Goods:",
            "      type: object",
            "      properties:",
            "        price: {type: number, format: integer}",
            "        weight: {type: number, format: double}",
            "        state: {$ref: '#/definitions/Enumerations_State'}",
            "        base: {$ref: '#/definitions/Base'}",
            "    Base:",
            "      type: object",
            "      properties:",
            "        id: {type: string}",
            "");

    @Test
    @DisplayName("a number with a format that is no number format loses the format, and each is reported by pointer")
    void numberFormats() {
        OpenAPI api = new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI();
        assertThat(CodegenQuirks.apply(api, true)).containsExactly(
                "#/paths/~1v3~1goods~1{id}/get/parameters/0/schema: format 'uint64' is not a number format (float,"
                        + " double); generated as BigDecimal (use type integer for whole numbers)",
                "#/components/schemas/Goods/properties/price: format 'integer' is not a number format (float,"
                        + " double); generated as BigDecimal (use type integer for whole numbers)",
                "#/components/schemas/Goods/properties/state: $ref '#/definitions/Enumerations_State' names no"
                        + " schema of this document; generated as a String (declare the schema under"
                        + " components/schemas and refer to it there)");
        Schema<?> goods = api.getComponents().getSchemas().get("Goods");
        assertThat(((Schema<?>) goods.getProperties().get("price")).getFormat()).isNull();
        assertThat(((Schema<?>) goods.getProperties().get("weight")).getFormat()).isEqualTo("double");
        Schema<?> state = (Schema<?>) goods.getProperties().get("state");
        assertThat(state.get$ref()).isNull();
        assertThat(state.getType()).isEqualTo("string");
        assertThat(((Schema<?>) goods.getProperties().get("base")).get$ref())
                .as("a Swagger 2.0 reference to an existing schema is left to OpenAPI Generator, which resolves it")
                .isEqualTo("#/definitions/Base");
        assertThat(CodegenQuirks.apply(api, true)).as("a second pass finds nothing left").isEmpty();
    }

    @Test
    @DisplayName("in strict mode leaves a Swagger 2.0 reference to nothing for the validator, which fails the run")
    void strictLeavesDanglingReferences() {
        OpenAPI api = new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI();
        assertThat(CodegenQuirks.apply(api, false)).noneMatch(m -> m.contains("$ref"));
        Schema<?> state = (Schema<?>) api.getComponents().getSchemas().get("Goods").getProperties().get("state");
        assertThat(state.get$ref()).isEqualTo("#/definitions/Enumerations_State");
        assertThat(SpecValidator.danglingRefs(api, api.getComponents().getSchemas().keySet()))
                .extracting(SpecValidator.DanglingRef::pointer)
                .containsExactly("#/components/schemas/Goods/properties/state/$ref");
    }
}
