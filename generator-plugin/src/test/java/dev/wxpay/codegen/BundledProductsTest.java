package dev.wxpay.codegen;

import dev.wxpay.codegen.read.BundledSpecs;
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
    @DisplayName("one product is generated from its bundled document, with includes applied")
    void oneProduct(@TempDir Path out) {
        GenerationResult result = new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                .products(BundledSpecs.load(bundle).select(List.of("pay")))
                .includes(List.of("POST /v3/pay/transactions/*"))
                .packageName("com.example.wx").outputDirectory(out).generatorVersion("test").build());
        assertThat(result.generatedOperations()).isEqualTo(2);
        Path model = out.resolve("com/example/wx/model");
        assertThat(model.resolve("JsapiPrepayRequest.java")).exists();
        assertThat(model.resolve("Amount.java")).exists();
        assertThat(model.resolve("Transaction.java")).doesNotExist();
        assertThat(out.resolve("com/example/wx/api/TransactionsApi.java")).exists();
        assertThat(Files.exists(out.resolve("com/example/wx/Wxpay.java"))).isTrue();
    }

    @Test
    @DisplayName("several products in one run are refused with what to do instead")
    void severalProducts(@TempDir Path out) {
        GenerationRequest request = GenerationRequest.builder()
                .products(BundledSpecs.load(bundle).select(List.of("pay", "refund", "pay")))
                .packageName("com.example.wx").outputDirectory(out).generatorVersion("test").build();
        assertThat(request.spec().location()).isEqualTo("wxpay/v3/pay.yaml");
        assertThatThrownBy(() -> new WxpayGenerator(GenerationLog.silent()).generate(request))
                .isInstanceOf(GenerationException.class)
                .hasMessage("This version generates one product per execution; asked for pay, refund: use one"
                        + " execution per product, each with its own packageName and outputDirectory");
    }
}
