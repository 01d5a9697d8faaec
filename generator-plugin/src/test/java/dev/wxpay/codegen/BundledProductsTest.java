package dev.wxpay.codegen;

import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.codegen.read.SpecGuard;
import dev.wxpay.codegen.read.SpecReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs on a fixture bundle (src/test/resources/bundled) in the format of the wxpay-spec jar. */
@DisplayName("Products of the bundled spec")
class BundledProductsTest {
    private final URLClassLoader bundle = fixture();

    private static URLClassLoader fixture() {
        URL root = BundledProductsTest.class.getResource("/bundled/");
        return new URLClassLoader(new URL[] {root}, null);
    }

    @AfterEach
    void close() throws IOException {
        bundle.close();
    }

    @Test
    @DisplayName("are listed by the index, sorted, each with its document")
    void index() {
        BundledSpecs specs = BundledSpecs.load(bundle);
        assertThat(specs.names()).containsExactly("pay", "refund");
        BundledSpecs.Product refund = specs.select(List.of("refund")).get(0);
        assertThat(refund.source().location()).isEqualTo("wxpay/v3/refund.yaml");
        assertThat(refund.source().isResource()).isTrue();
        assertThat(refund.operations()).isEqualTo(2);
    }

    @Test
    @DisplayName("of the real wxpay-spec jar all pass SpecGuard, the check their reads skip")
    void shippedDocumentsPassTheGuard() {
        BundledSpecs shipped = BundledSpecs.load(BundledProductsTest.class.getClassLoader());
        assertThat(shipped.names()).hasSizeGreaterThan(50);
        for (BundledSpecs.Product product : shipped.select(shipped.names())) {
            assertThat(product.source().toString()).startsWith("classpath:wxpay/v3/");
            // Throws a GenerationException naming file, line and problem when a document fails.
            SpecGuard.check(product.source(), SpecReader.load(product.source()));
        }
    }

    @Test
    @DisplayName("an unknown name fails naming it and the closest products")
    void unknown() {
        BundledSpecs specs = BundledSpecs.load(bundle);
        assertThatThrownBy(() -> specs.select(List.of("pay", "refnud")))
                .isInstanceOf(GenerationException.class)
                .satisfies(e -> assertThat(((GenerationException) e).problems()).containsExactly(
                        "product \"refnud\" is not in the bundled spec; closest: refund, pay"))
                .hasMessageStartingWith("Unknown product (the bundled spec has 2, listed in wxpay/v3/index.yaml");
    }

    @Test
    @DisplayName("without an index in the jar the run fails saying where the index should be")
    void noIndex() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> BundledSpecs.load(empty)).isInstanceOf(GenerationException.class)
                    .hasMessageContaining("The bundled spec index wxpay/v3/index.yaml is not on the plugin's"
                            + " classpath");
        }
    }

    @Test
    @DisplayName("one product is generated from its bundled document into its sub-package, with includes applied")
    void oneProduct(@TempDir Path out) {
        GenerationResult result = new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                .products(products("pay"))
                .includes(List.of("POST /v3/pay/transactions/*"))
                .packageName("com.example.wx").outputDirectory(out).generatorVersion("test").build());
        assertThat(result.generatedOperations()).isEqualTo(2);
        Path model = out.resolve("com/example/wx/pay/model");
        assertThat(model.resolve("JsapiPrepayRequest.java")).exists();
        assertThat(model.resolve("Amount.java")).exists();
        assertThat(model.resolve("Transaction.java")).doesNotExist();
        assertThat(out.resolve("com/example/wx/pay/api/TransactionsApi.java")).exists();
        assertThat(Files.exists(out.resolve("com/example/wx/Wxpay.java"))).isTrue();
    }

    @Test
    @DisplayName("several products are generated together; a pattern need only match in one of them")
    void severalProducts(@TempDir Path out) throws IOException {
        GenerationResult result = new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                .products(products("pay", "refund", "pay"))
                .includes(List.of("POST /v3/pay/transactions/jsapi", "createRefund"))
                .packageName("com.example.wx").outputDirectory(out).generatorVersion("test").build());
        assertThat(result.operations()).isEqualTo(2);
        assertThat(result.generatedOperations()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("com/example/wx/refund/api/RefundsApi.java")))
                .contains("createRefund(").doesNotContain("queryRefund(");
        assertThat(out.resolve("com/example/wx/pay/model/AppPrepayRequest.java")).doesNotExist();
    }

    @Test
    @DisplayName("a pattern that matches in none of the products fails, with the closest names of all of them")
    void unmatchedOverSeveralProducts(@TempDir Path out) {
        assertThatThrownBy(() -> new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                .products(products("pay", "refund")).includes(List.of("createRefunds"))
                .packageName("com.example.wx").outputDirectory(out).generatorVersion("test").build()))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("do not all match an operation of 2 products (pay, refund)")
                .hasMessageContaining("includes pattern \"createRefunds\" matches no operation; closest: createRefund,");
        assertThat(out.resolve("com")).doesNotExist();
    }

    private List<GenerationRequest.Product> products(String... names) {
        return BundledSpecs.load(bundle).select(List.of(names)).stream()
                .map(p -> new GenerationRequest.Product(p.name(), p.source())).toList();
    }
}
