package dev.wxpay.codegen;

import dev.wxpay.runtime.SensitiveField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator side of {@code x-wxpay-sensitive: true}: the annotation on the field, and no plaintext printed. */
@DisplayName("Sensitive fields in generated models")
class SensitiveFieldTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/sensitive/model/ContactInfo.java");

    @TempDir
    static Path work;
    static Path sources;

    @BeforeAll
    static void generate() {
        sources = work.resolve("src");
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("sensitive.yaml", sources)
                .packageName("dev.wxpay.applyment").build());
    }

    @Test
    @DisplayName("the model with sensitive fields equals its golden file")
    void matchesGolden() throws IOException {
        String actual = Files.readString(sources.resolve("dev/wxpay/applyment/model/ContactInfo.java"),
                StandardCharsets.UTF_8);
        if (Boolean.getBoolean("wxpay.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a sensitive field carries @SensitiveField at run time and toString() prints *** instead of its value")
    void annotatedAndMasked() throws Exception {
        Path classes = work.resolve("classes");
        TestCompiler.Outcome outcome = TestCompiler.compile(sources, List.of(), classes);
        assertThat(outcome.ok()).as(outcome.diagnostics()).isTrue();
        assertThat(outcome.diagnostics()).as("compiler warnings").isEmpty();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SensitiveFieldTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass("dev.wxpay.applyment.model.ContactInfo");
            Object info = type.getConstructor().newInstance();
            type.getMethod("contactName", String.class).invoke(info, "张三");
            type.getMethod("mobilePhone", String.class).invoke(info, "13800138000");
            type.getMethod("contactType", String.class).invoke(info, "LEGAL");
            Field name = type.getDeclaredField("contactName");
            Field phone = type.getDeclaredField("mobilePhone");
            Field kind = type.getDeclaredField("contactType");
            assertThat(name.isAnnotationPresent(SensitiveField.class)).isTrue();
            assertThat(phone.isAnnotationPresent(SensitiveField.class)).isTrue();
            assertThat(kind.isAnnotationPresent(SensitiveField.class)).isFalse();
            assertThat(info.toString()).contains("contact_name=***", "mobile_phone=***", "contact_type=LEGAL")
                    .doesNotContain("张三", "13800138000");
        }
    }

    @Test
    @DisplayName("x-wxpay-sensitive on a property that is not a string fails the run naming the schema and property")
    void onlyStrings(@TempDir Path out) {
        assertThatThrownBy(() -> new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request(
                "sensitive-not-string.yaml", out).build()))
                .isInstanceOf(GenerationException.class)
                .satisfies(e -> assertThat(((GenerationException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("ContactInfo.mobile_phone", "x-wxpay-sensitive applies to string properties only")));
    }
}
