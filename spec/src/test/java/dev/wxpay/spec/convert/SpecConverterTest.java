package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The converter, on a small corpus with a curated payments file")
class SpecConverterTest {
    private static final Path FIXTURE = Path.of("src", "test", "resources", "convert-fixture");
    private static final Path CORPUS = FIXTURE.resolve("corpus.yaml");
    private static final String CURATED = "wxpay/v3/payments.yaml";

    private static SpecConverter.ConvertedSpec spec;
    private static JsonNode curated;

    @BeforeAll
    static void convert() throws IOException {
        spec = new SpecConverter().convert(CORPUS, FIXTURE);
        curated = SpecYaml.read(FIXTURE.resolve(CURATED));
    }

    private static JsonNode pay() {
        return spec.documents().get("pay");
    }

    @Test
    @DisplayName("writes one document per product, including a product only a curated file describes")
    void oneDocumentPerProduct() {
        assertThat(spec.documents()).containsOnlyKeys("bill", "pay", "refund");
        assertThat(spec.curatedFiles()).extracting(CuratedFile::name).containsExactly(CURATED);
    }

    @Test
    @DisplayName("copies a curated path item verbatim instead of converting the corpus' one, and says so")
    void curatedPathItemsAreVerbatim() {
        String path = "/v3/pay/transactions/out-trade-no/{out_trade_no}";
        assertThat(pay().path("paths").get(path)).isEqualTo(curated.path("paths").get(path));
        assertThat(spec.curated()).extracting(Repair::where).containsExactly("GET " + path);
        assertThat(spec.documents().get("bill").path("paths").get("/v3/bill/tradebill"))
                .isEqualTo(curated.path("paths").get("/v3/bill/tradebill"));
    }

    @Test
    @DisplayName("brings the schemas curated paths reach, curated names winning and converted ones renamed")
    void curatedSchemaNamesWin() {
        JsonNode schemas = pay().path("components").path("schemas");
        assertThat(schemas.get("Amount")).isEqualTo(curated.at("/components/schemas/Amount"));
        assertThat(schemas.get("Transaction")).isEqualTo(curated.at("/components/schemas/Transaction"));
        assertThat(schemas.has("Unused")).as("schemas no path reaches stay out").isFalse();
        assertThat(schemas.get("Amount_2").at("/properties/total/type").asText()).isEqualTo("integer");
        assertThat(pay().at("/paths/~1v3~1pay~1transactions~1out-trade-no~1{out_trade_no}~1close/post/requestBody"
                + "/content/application~1json/schema/properties/amount/$ref").asText()).isEqualTo("#/components/schemas/Amount_2");
        assertThat(spec.repairs()).filteredOn(r -> r.kind().equals("component-renamed")).extracting(Repair::pointer)
                .containsExactly("#/components/schemas/Amount");
        assertThat(pay().path("tags").findValuesAsText("name")).containsExactly("PayTransactions", "PayUsers", "Transactions");
    }

    @Test
    @DisplayName("names converted operations by the rule, tags them in ASCII and links the official documentation")
    void namesOperations() {
        JsonNode get = spec.documents().get("refund").at("/paths/~1v3~1refund~1domestic~1refunds~1{out_refund_no}/get");
        assertThat(get.path("operationId").asText()).isEqualTo("getRefundDomesticRefund");
        assertThat(get.path("tags").toString()).isEqualTo("[\"RefundDomestic\"]");
        assertThat(get.at("/externalDocs/url").asText())
                .isEqualTo("https://pay.weixin.qq.com/docs/merchant/apis/refund/refunds/query-by-out-refund-no.html");
        assertThat(get.path("summary").asText()).isEqualTo("查询单笔退款");
        assertThat(spec.documents().get("refund").at("/tags/0/description").asText()).isEqualTo("基础支付∙退款");
        assertThat(pay().at("/paths/~1v3~1pay~1transactions~1out-trade-no~1{out_trade_no}~1close/post/operationId").asText())
                .isEqualTo("closePayTransactionByOutTradeNo");
    }

    @Test
    @DisplayName("declares forgotten path parameters, drops stray ones and repairs types, reporting each repair")
    void repairs() {
        JsonNode refund = spec.documents().get("refund").at("/paths/~1v3~1refund~1domestic~1refunds~1{out_refund_no}/get");
        assertThat(refund.path("parameters").findValuesAsText("name")).containsExactly("out_refund_no", "sub_mchid");
        JsonNode channels = refund.at("/responses/200/content/application~1json/schema/properties/channels");
        assertThat(channels.at("/items/type").asText()).isEqualTo("string");
        assertThat(channels.path("example").toString()).isEqualTo("[\"ORIGINAL\"]");
        JsonNode user = pay().at("/paths/~1v3~1pay~1users~1{openid}/get");
        assertThat(user.path("parameters").findValuesAsText("name")).containsExactly("openid");
        assertThat(user.at("/responses/200/content/application~1json/schema/properties/brand_id/type").asText()).isEqualTo("integer");
        assertThat(pay().at("/components/schemas/Amount_2/properties/currency/type").asText()).isEqualTo("string");
        assertThat(spec.repairs()).extracting(r -> r.kind() + " " + r.where()).contains(
                "path-parameter-declared GET /v3/refund/domestic/refunds/{out_refund_no}",
                "path-parameter-declared GET /v3/pay/users/{openid}",
                "path-parameter-removed GET /v3/pay/users/{openid}",
                "invalid-type GET /v3/pay/users/{openid}",
                "invalid-type #/definitions/Amount/properties/currency",
                "array-without-items GET /v3/refund/domestic/refunds/{out_refund_no}",
                "null-properties GET /v3/pay/users/{openid}",
                "tag-folded GET /v3/pay/transactions/out-trade-no/{out_trade_no}",
                "response-description GET /v3/pay/users/{openid}");
    }

    @Test
    @DisplayName("marks the encrypted string fields x-wxpay-sensitive and lists them")
    void marksSensitiveFields() {
        JsonNode properties = pay().at("/paths/~1v3~1pay~1users~1{openid}/get/responses/200/content/application~1json/schema/properties");
        assertThat(properties.at("/name/x-wxpay-sensitive").asBoolean()).isTrue();
        assertThat(properties.at("/phone/x-wxpay-sensitive").asBoolean()).isTrue();
        assertThat(properties.path("brand_id").has("x-wxpay-sensitive")).isFalse();
        assertThat(spec.sensitive()).extracting(Repair::where).containsExactly("GET /v3/pay/users/{openid}", "GET /v3/pay/users/{openid}");
    }

    @Test
    @DisplayName("renders the same bytes every time, an index in the agreed format, and the licence")
    void rendersDeterministically() throws IOException {
        SortedMap<String, String> first = SpecFiles.render(spec, "MIT licence text");
        SortedMap<String, String> second = SpecFiles.render(new SpecConverter().convert(CORPUS, FIXTURE), "MIT licence text");
        assertThat(second).isEqualTo(first);
        assertThat(first).containsOnlyKeys("bill.yaml", "pay.yaml", "refund.yaml", "index.yaml", "REPAIRS.md", "LICENSE-corpus");
        String index = first.get("index.yaml");
        assertThat(index.substring(index.indexOf("products:"))).isEqualTo("products:\n"
                + "  - name: bill\n    file: bill.yaml\n    operations: 1\n"
                + "  - name: pay\n    file: pay.yaml\n    operations: 3\n"
                + "  - name: refund\n    file: refund.yaml\n    operations: 1\n");
        assertThat(first.get("LICENSE-corpus")).contains("MIT licence text").contains(CURATED);
        assertThat(first.get("REPAIRS.md")).contains("`GET /v3/pay/users/{openid}`").contains("type 'int' -> 'integer'");
    }

    @Test
    @DisplayName("treats its own earlier output as output, not as curated files, and replaces it")
    void ignoresAndReplacesItsOwnOutput(@TempDir Path root) throws IOException {
        Path folder = root.resolve("wxpay/v3");
        Files.createDirectories(folder);
        Files.copy(FIXTURE.resolve(CURATED), folder.resolve("payments.yaml"));
        Files.writeString(folder.resolve("gone.yaml"), SpecFiles.GENERATED_MARK + ": stale\nopenapi: 3.0.3\n", StandardCharsets.UTF_8);
        SpecConverter.ConvertedSpec again = new SpecConverter().convert(CORPUS, root);
        assertThat(again.curatedFiles()).extracting(CuratedFile::name).containsExactly(CURATED);
        SpecFiles.write(SpecFiles.render(again, "MIT"), folder);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "LICENSE-corpus", "REPAIRS.md", "bill.yaml", "index.yaml", "pay.yaml", "payments.yaml", "refund.yaml");
        }
        assertThat(Files.readString(folder.resolve("payments.yaml"))).isEqualTo(Files.readString(FIXTURE.resolve(CURATED)));
    }

    @Test
    @DisplayName("refuses two curated files that describe the same path, naming both")
    void refusesOverlappingCuratedFiles(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("wxpay/v3"));
        Files.copy(FIXTURE.resolve(CURATED), root.resolve("wxpay/v3/payments.yaml"));
        Files.copy(FIXTURE.resolve(CURATED), root.resolve("wxpay/other.yaml"));
        assertThatThrownBy(() -> new SpecConverter().convert(CORPUS, root))
                .hasMessageContaining("wxpay/other.yaml").hasMessageContaining("wxpay/v3/payments.yaml");
    }

    @Test
    @DisplayName("stops on a type it does not know, naming where it is")
    void stopsOnUnknownTypes(@TempDir Path root) throws IOException {
        Path corpus = root.resolve("corpus.yaml");
        Files.writeString(corpus, Files.readString(CORPUS).replace("type: int\n", "type: PROVINCE\n"));
        assertThatThrownBy(() -> new SpecConverter().convert(corpus, null))
                .hasMessageContaining("PROVINCE").hasMessageContaining("/properties/brand_id");
    }
}
