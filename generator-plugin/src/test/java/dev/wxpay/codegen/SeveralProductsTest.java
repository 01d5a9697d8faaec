package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Several products in one run")
class SeveralProductsTest {
    @TempDir
    static Path work;
    static Path sources;
    static GenerationResult result;
    static List<String> files;

    @BeforeAll
    static void generate() throws IOException {
        sources = work.resolve("src");
        result = new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                .product("pay", TestSpecs.source("products/pay.yaml"))
                .product("refund", TestSpecs.source("products/refund.yaml"))
                .product("payscore", TestSpecs.source("payscore.yaml"))
                .packageName("com.example.wx").outputDirectory(sources).generatorVersion("test").build());
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> sources.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    @DisplayName("each product's classes go to its own sub-package, with api, model, chain and notification below it")
    void eachProductHasItsSubPackage() {
        assertThat(files).contains("com/example/wx/pay/api/TransactionsApi.java",
                "com/example/wx/pay/api/RequestValidation.java", "com/example/wx/pay/model/JsapiPrepayRequest.java",
                "com/example/wx/pay/chain/V3Pay.java", "com/example/wx/refund/api/RefundsApi.java",
                "com/example/wx/refund/model/Refund.java", "com/example/wx/refund/chain/V3RefundDomesticRefunds.java",
                "com/example/wx/payscore/notification/PayscoreNotifications.java");
        assertThat(files).noneMatch(f -> f.startsWith("com/example/wx/model/") || f.startsWith("com/example/wx/api/"));
        assertThat(result.generatedOperations()).isEqualTo(2 + 2 + 14);
        assertThat(result.operations()).isEqualTo(result.generatedOperations());
    }

    @Test
    @DisplayName("one chain root Wxpay in the root package reaches every product, through the shared /v3 node")
    void oneChainRootReachesEveryProduct() throws IOException {
        assertThat(files).contains("com/example/wx/Wxpay.java", "com/example/wx/chain/V3.java");
        assertThat(files.stream().filter(f -> f.endsWith("/Wxpay.java"))).hasSize(1);
        String v3 = Files.readString(sources.resolve("com/example/wx/chain/V3.java"), StandardCharsets.UTF_8);
        assertThat(v3).contains("import com.example.wx.pay.chain.V3Pay;", "public V3Pay pay()",
                "import com.example.wx.refund.chain.V3Refund;", "public V3Refund refund()", "public V3Payscore payscore()");
    }

    @Test
    @DisplayName("each product's client index lists its API classes; the root package's index lists the one chain root")
    void clientIndexPerPackage() throws IOException {
        Path folder = sources.resolve("META-INF/wxpay/clients");
        try (Stream<Path> list = Files.list(folder)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "com.example.wx.pay.properties", "com.example.wx.payscore.properties",
                    "com.example.wx.properties", "com.example.wx.refund.properties");
        }
        String root = Files.readString(folder.resolve("com.example.wx.properties"), StandardCharsets.UTF_8);
        assertThat(root).contains("\ncom.example.wx.Wxpay=chain-root\n").doesNotContain("=api");
        String refund = Files.readString(folder.resolve("com.example.wx.refund.properties"), StandardCharsets.UTF_8);
        assertThat(refund).contains("package=com.example.wx.refund\n", "\ncom.example.wx.refund.api.RefundsApi=api\n")
                .doesNotContain("=chain-root");
    }

    @Test
    @DisplayName("the whole output compiles on Java 11 without warnings, and a call through the root chain type-checks")
    void compilesWithCallsThroughTheRoot() throws IOException {
        Path probe = work.resolve("probe/probe/Calls.java");
        Files.createDirectories(probe.getParent());
        Files.writeString(probe, String.join("\n",
                "package probe;",
                "",
                "import com.example.wx.Wxpay;",
                "import com.example.wx.pay.model.JsapiPrepayRequest;",
                "import com.example.wx.pay.model.JsapiPrepayResponse;",
                "import com.example.wx.refund.model.Refund;",
                "import dev.wxpay.runtime.ApiResponse;",
                "import dev.wxpay.runtime.WechatPayClient;",
                "",
                "/** Calls through the root chain. */",
                "public final class Calls {",
                "    private Calls() {",
                "    }",
                "",
                "    /** @param client the client @return the answers */",
                "    public static Object[] calls(WechatPayClient client) {",
                "        Wxpay wxpay = new Wxpay(client);",
                "        ApiResponse<JsapiPrepayResponse> prepay = wxpay.v3().pay().transactions().jsapi()",
                "                .post(new JsapiPrepayRequest());",
                "        ApiResponse<Refund> refund = wxpay.v3().refund().domestic().refunds(\"R1\").get();",
                "        return new Object[] {prepay, refund, wxpay.v3().payscore()};",
                "    }",
                "}", ""), StandardCharsets.UTF_8);
        TestCompiler.Outcome outcome = TestCompiler.compile(sources, List.of(probe), work.resolve("classes"));
        assertThat(outcome.ok()).as(outcome.diagnostics()).isTrue();
        assertThat(outcome.diagnostics()).as("compiler warnings").isEmpty();
    }

    @Test
    @DisplayName("a request takes either one spec or products, each product once, named in lower case")
    void requestChecksProducts() {
        SpecSource spec = TestSpecs.source("payscore.yaml");
        GenerationRequest.Builder base = GenerationRequest.builder().packageName("com.example.wx")
                .outputDirectory(work.resolve("unused"));
        assertThatThrownBy(() -> base.build()).hasMessageContaining("give a spec, or one or more products");
        assertThatThrownBy(() -> GenerationRequest.builder().spec(spec).product("pay", spec).packageName("a.b")
                .outputDirectory(work).build()).hasMessageContaining("not both");
        assertThatThrownBy(() -> GenerationRequest.builder().product("pay", spec).product("pay", spec)
                .packageName("a.b").outputDirectory(work).build()).hasMessageContaining("pay is given twice");
        assertThatThrownBy(() -> GenerationRequest.builder().product("Pay", spec))
                .hasMessageContaining("product name Pay");
    }

    @Test
    @DisplayName("a product name with a hyphen or a Java keyword gets a package segment Java accepts")
    void productPackageSegments() {
        SpecSource spec = TestSpecs.source("payscore.yaml");
        assertThat(new GenerationRequest.Product("new-tax-control-fapiao", spec).packageSegment())
                .isEqualTo("new_tax_control_fapiao");
        assertThat(new GenerationRequest.Product("new", spec).packageSegment()).isEqualTo("new_");
        assertThat(new GenerationRequest.Product("mch_operate", spec).packageSegment()).isEqualTo("mch_operate");
    }

    @Test
    @DisplayName("a second run with the same products is up to date")
    void upToDateAcrossProducts() {
        GenerationRequest.Builder again = GenerationRequest.builder()
                .product("pay", TestSpecs.source("products/pay.yaml"))
                .product("refund", TestSpecs.source("products/refund.yaml"))
                .product("payscore", TestSpecs.source("payscore.yaml"))
                .packageName("com.example.wx").outputDirectory(sources).generatorVersion("test");
        assertThat(new WxpayGenerator(GenerationLog.silent()).generate(again.build()).upToDate()).isTrue();
    }
}
