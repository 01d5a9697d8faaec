package dev.wxpay.codegen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: one expected source per template and representative schema or operation, under
 * {@code src/test/resources/golden/}. A mismatch fails with both texts (IDEs show a diff). After an intended
 * template change, rerun with {@code -Dwxpay.golden.update=true} and review the diff of the golden files.
 */
@DisplayName("Generated sources match the golden files")
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    static Path output;

    @BeforeAll
    static void generate() {
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("payscore.yaml", output).build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "model/CreatePartnerUserSignPlanRequest.java",   // list of models, required and optional fields
            "model/CreatePartnerUserSignPlanResponse.java",  // the keyword property package
            "model/PartnerUserSignPlan.java",                // int32, int64, date-time and "" time strings
            "api/PartnerUserSignPlansApi.java",              // body POST, GET with path and query, POST with path and body
            "api/PayscorePlansApi.java",                     // a POST without a body
            "api/RequestValidation.java",                    // nested and list-item required-field checks
            "Wxpay.java",                                    // the root of the chain
            "chain/V3SignPlanPartnerUserSignPlansMerchantSignPlanNo.java", // parameter segment, GET with query; name shortened to 50
            "chain/V3PayscorePlanPayscorePlansMerchantPlanNoStop.java",            // body-less POST leaf
            "notification/PayscoreNotifications.java",       // event types and typed parse methods
    })
    @DisplayName("the generated file equals its golden file")
    void matchesGolden(String relative) throws IOException {
        String actual = Files.readString(output.resolve("dev/wxpay/payscore/" + relative), StandardCharsets.UTF_8);
        Path golden = GOLDEN.resolve(relative);
        if (Boolean.getBoolean("wxpay.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the client index resource lists the API classes and the chain root, format 1, equal to its golden file")
    void clientIndexMatchesGolden() throws IOException {
        String actual = Files.readString(output.resolve("META-INF/wxpay/clients/dev.wxpay.payscore.properties"),
                StandardCharsets.UTF_8);
        Path golden = GOLDEN.resolve("index/dev.wxpay.payscore.properties");
        if (Boolean.getBoolean("wxpay.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        java.util.Properties index = new java.util.Properties();
        index.load(new java.io.StringReader(actual));
        assertThat(index.getProperty("format")).isEqualTo("1");
        assertThat(index.getProperty("dev.wxpay.payscore.Wxpay")).isEqualTo("chain-root");
        assertThat(index.stringPropertyNames().stream().filter(k -> "api".equals(index.getProperty(k))))
                .hasSize(6).allMatch(k -> Files.isRegularFile(output.resolve(k.replace('.', '/') + ".java")));
    }

    @Test
    @DisplayName("a second run over the same spec produces byte-identical files")
    void rerunIsByteIdentical(@TempDir Path second) throws IOException {
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("payscore.yaml", second).build());
        try (var files = Files.walk(output)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties"))
                    .sorted().toList()) {
                Path other = second.resolve(output.relativize(file));
                assertThat(Files.mismatch(file, other)).as(output.relativize(file).toString()).isEqualTo(-1L);
            }
        }
    }
}
