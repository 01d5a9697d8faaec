package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Swagger 2.0 references left in the converted document")
class SwaggerRefsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request body whose property, inside an inline allOf member, is typed by a definition (as in the corpus). */
    private static final String CORPUS = String.join("\n",
            "swagger: '2.0'",
            "info: {title: t, version: '1'}",
            "paths:",
            "  /v3/applyment4sub/applyment/:",
            "    post:",
            "      parameters:",
            "        - name: _",
            "          in: body",
            "          schema:",
            "            type: object",
            "            properties:",
            "              bank_account_info:",
            "                type: object",
            "                allOf:",
            "                  - type: object",
            "                    required: [bank_account_type]",
            "                    properties:",
            "                      bank_account_type:",
            "                        $ref: '#/definitions/BankAccountType'",
            "                  - $ref: '#/definitions/BankAccountBase'",
            "      responses:",
            "        '200': {description: OK}",
            "definitions:",
            "  BankAccountType:",
            "    type: string",
            "    enum: [BANK_ACCOUNT_TYPE_CORPORATE, BANK_ACCOUNT_TYPE_PERSONAL]",
            "  BankAccountBase:",
            "    type: object",
            "    properties:",
            "      account_bank: {type: string}",
            "");

    @Test
    @DisplayName("a $ref inside an inline allOf member's property is rewritten, its schema carried and the repair reported")
    void allOfMemberPropertyRefIsRewritten(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.yaml");
        Files.writeString(corpus, CORPUS, StandardCharsets.UTF_8);

        SpecConverter.ConvertedSpec spec = new SpecConverter().convert(corpus, null);

        ObjectNode doc = spec.documents().get("applyment4sub");
        assertThat(doc.toString()).doesNotContain("#/definitions/");
        JsonNode member = doc.at("/paths/~1v3~1applyment4sub~1applyment~1/post/requestBody/content/*~1*"
                + "/schema/properties/bank_account_info/allOf/0/properties/bank_account_type");
        assertThat(member.path("$ref").asText()).isEqualTo("#/components/schemas/BankAccountType");
        assertThat(doc.at("/components/schemas/BankAccountType/enum")).hasSize(2);
        assertThat(spec.repairs()).filteredOn(r -> r.kind().equals("swagger2-ref")).singleElement()
                .satisfies(r -> {
                    assertThat(r.method() + " " + r.path()).isEqualTo("POST /v3/applyment4sub/applyment/");
                    assertThat(r.pointer()).endsWith("/allOf/0/properties/bank_account_type/$ref");
                    assertThat(r.detail()).isEqualTo(
                            "'#/definitions/BankAccountType' -> '#/components/schemas/BankAccountType'");
                });
    }

    @Test
    @DisplayName("rewrites #/definitions, #/parameters and #/responses to their components form, leaves the rest")
    void rewritesEachSwagger2Prefix() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree("{\"paths\":{\"/x\":{\"get\":{"
                + "\"parameters\":[{\"$ref\":\"#/parameters/P\"}],"
                + "\"responses\":{\"200\":{\"$ref\":\"#/responses/R\"},"
                + "\"default\":{\"description\":\"e\",\"content\":{\"application/json\":{\"schema\":"
                + "{\"$ref\":\"#/components/schemas/S\"}}}}}}}},"
                + "\"components\":{\"schemas\":{\"S\":{\"type\":\"object\",\"properties\":{\"t\":"
                + "{\"$ref\":\"#/definitions/T\"}}},\"T\":{\"type\":\"string\"}},"
                + "\"parameters\":{\"P\":{\"name\":\"p\",\"in\":\"query\"}},"
                + "\"responses\":{\"R\":{\"description\":\"r\"}}}}");

        assertThat(SwaggerRefs.rewrite(doc)).extracting(SwaggerRefs.Rewrite::pointer, SwaggerRefs.Rewrite::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("#/paths/~1x/get/parameters/0/$ref",
                                "#/components/parameters/P"),
                        org.assertj.core.groups.Tuple.tuple("#/paths/~1x/get/responses/200/$ref",
                                "#/components/responses/R"),
                        org.assertj.core.groups.Tuple.tuple("#/components/schemas/S/properties/t/$ref",
                                "#/components/schemas/T"));
        assertThat(doc.toString()).doesNotContain("#/definitions/", "#/parameters/", "#/responses/");
    }

    @Test
    @DisplayName("a local $ref that points to nothing stops the conversion, naming its pointer and target")
    void danglingRefStops() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree("{\"components\":{\"schemas\":{\"S\":{\"type\":\"object\","
                + "\"properties\":{\"t\":{\"$ref\":\"#/definitions/Missing\"}}}}}}");

        assertThatThrownBy(() -> SwaggerRefs.rewrite(doc)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("#/components/schemas/S/properties/t/$ref")
                .hasMessageContaining("#/definitions/Missing");
    }
}
