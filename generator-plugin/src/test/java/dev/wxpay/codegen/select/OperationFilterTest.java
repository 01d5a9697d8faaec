package dev.wxpay.codegen.select;

import dev.wxpay.codegen.GenerationException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The operation filter")
class OperationFilterTest {
    /** Four operations; Amount is reached only through the jsapi request, Orphan by nothing. */
    private static final String SPEC = String.join("\n",
            "openapi: 3.0.3",
            "info: {title: t, version: '1'}",
            "paths:",
            "  /v3/pay/transactions/jsapi:",
            "    post:",
            "      operationId: jsapiPrepay",
            "      requestBody:",
            "        content:",
            "          application/json:",
            "            schema: {$ref: '#/components/schemas/JsapiRequest'}",
            "      responses:",
            "        '200': {$ref: '#/components/responses/Prepay'}",
            "  /v3/pay/transactions/id/{transaction_id}:",
            "    get:",
            "      operationId: queryById",
            "      parameters:",
            "        - {name: transaction_id, in: path, required: true, schema: {type: string}}",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Transaction'}",
            "  /v3/refund/domestic/refunds:",
            "    post:",
            "      operationId: createRefund",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Refund'}",
            "    get:",
            "      responses:",
            "        '204': {description: none}",
            "components:",
            "  responses:",
            "    Prepay:",
            "      description: ok",
            "      content:",
            "        application/json:",
            "          schema: {$ref: '#/components/schemas/PrepayResponse'}",
            "  schemas:",
            "    JsapiRequest:",
            "      type: object",
            "      properties:",
            "        amount: {$ref: '#/components/schemas/Amount'}",
            "    Amount: {type: object, properties: {total: {type: integer}}}",
            "    PrepayResponse: {type: object, properties: {prepay_id: {type: string}}}",
            "    Transaction: {type: object, properties: {amount: {$ref: '#/components/schemas/Amount'}}}",
            "    Refund: {type: object, properties: {refund_id: {type: string}}}",
            "    Orphan: {type: object, properties: {x: {type: string}}}",
            "");

    private static OpenAPI spec() {
        return new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI();
    }

    private static List<String> operations(OpenAPI api) {
        List<String> out = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((m, op) -> out.add(m + " " + path)));
        out.sort(null);
        return out;
    }

    private static TreeSet<String> schemas(OpenAPI api) {
        return new TreeSet<>(api.getComponents().getSchemas().keySet());
    }

    @Test
    @DisplayName("without patterns keeps every operation and every schema, reached or not")
    void noPatterns() {
        OpenAPI api = spec();
        OperationFilter filter = new OperationFilter(null, List.of());
        assertThat(filter.keepsEverything()).isTrue();
        assertThat(filter.apply(api, "t.yaml")).isEqualTo(new OperationFilter.Result(4, 4, 0));
        assertThat(operations(api)).hasSize(4);
        assertThat(schemas(api)).contains("Orphan");
    }

    @Test
    @DisplayName("keeps the included operations and only the schemas they reach, through responses and properties")
    void includesPrune() {
        OpenAPI api = spec();
        OperationFilter.Result result = new OperationFilter(List.of("POST /v3/pay/transactions/*"), List.of())
                .apply(api, "t.yaml");
        assertThat(operations(api)).containsExactly("POST /v3/pay/transactions/jsapi");
        assertThat(schemas(api)).containsExactly("Amount", "JsapiRequest", "PrepayResponse");
        assertThat(api.getComponents().getResponses()).containsOnlyKeys("Prepay");
        assertThat(result).isEqualTo(new OperationFilter.Result(4, 1, 3));
        assertThat(api.getPaths()).containsOnlyKeys("/v3/pay/transactions/jsapi");
    }

    @Test
    @DisplayName("applies excludes after includes, by operationId or path, and matches derived operationIds")
    void excludesAfterIncludes() {
        OpenAPI api = spec();
        new OperationFilter(List.of("* /v3/**"), List.of("queryById", "POST /v3/refund/**")).apply(api, "t.yaml");
        assertThat(operations(api)).containsExactly("GET /v3/refund/domestic/refunds",
                "POST /v3/pay/transactions/jsapi");

        OpenAPI again = spec();
        new OperationFilter(List.of("getRefundDomesticRefunds"), List.of()).apply(again, "t.yaml");
        assertThat(operations(again)).containsExactly("GET /v3/refund/domestic/refunds");
        assertThat(again.getComponents().getSchemas()).isEmpty();
    }

    @Test
    @DisplayName("fails on every pattern that matches nothing, naming it and the closest existing names")
    void unmatchedPatterns() {
        OpenAPI api = spec();
        OperationFilter filter = new OperationFilter(List.of("POST /v3/pay/transactions/jsap", "createRefnd"),
                List.of("* /v3/refunds/**"));
        assertThatThrownBy(() -> filter.apply(api, "t.yaml"))
                .isInstanceOf(GenerationException.class)
                .satisfies(e -> assertThat(((GenerationException) e).problems()).containsExactly(
                        "includes pattern \"POST /v3/pay/transactions/jsap\" matches no operation; closest: "
                                + "POST /v3/pay/transactions/jsapi, GET /v3/pay/transactions/id/{transaction_id}, "
                                + "POST /v3/refund/domestic/refunds",
                        "includes pattern \"createRefnd\" matches no operation; closest: createRefund, "
                                + "jsapiPrepay, queryById",
                        "excludes pattern \"* /v3/refunds/**\" matches no operation; closest: "
                                + "* /v3/refund/domestic/refunds, * /v3/pay/transactions/jsapi, "
                                + "* /v3/pay/transactions/id/{transaction_id}"))
                .hasMessageContaining("do not all match an operation of t.yaml");
        assertThat(operations(api)).as("nothing removed on failure").hasSize(4);
    }

    @Test
    @DisplayName("keeps a schema reached only through a discriminator mapping")
    void discriminatorMapping() {
        String text = SPEC.replace("    Orphan: {type: object, properties: {x: {type: string}}}",
                "    Orphan: {type: object, properties: {x: {type: string}}}\n"
                        + "    Base:\n      type: object\n      discriminator:\n        propertyName: kind\n"
                        + "        mapping: {a: '#/components/schemas/Orphan'}\n      properties: {kind: {type: string}}")
                .replace("    Refund: {type: object, properties: {refund_id: {type: string}}}",
                        "    Refund: {type: object, properties: {base: {$ref: '#/components/schemas/Base'}}}");
        OpenAPI api = new OpenAPIV3Parser().readContents(text, null, null).getOpenAPI();
        new OperationFilter(List.of("createRefund"), List.of()).apply(api, "t.yaml");
        assertThat(schemas(api)).containsExactly("Base", "Orphan", "Refund");
        assertThat(Map.copyOf(api.getPaths())).hasSize(1);
    }
}
