package dev.wxpay.codegen.render;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Indenting a nested class")
class NestedIndentTest {

    /** The indentation as it was first written (split into lines), which the generated files were made with. */
    private static String bySplitting(String text) {
        StringBuilder indented = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            indented.append(indented.length() == 0 ? "" : "\n").append(line.isEmpty() ? "" : "    " + line);
        }
        return indented.toString();
    }

    @Test
    @DisplayName("indents non-empty lines by four spaces, keeps empty lines empty, drops leading empty lines")
    void examples() {
        assertThat(Renderer.indented("class A {\n\n    int a;\n}")).isEqualTo("    class A {\n\n        int a;\n    }");
        assertThat(Renderer.indented("\n\nclass A {}")).isEqualTo("    class A {}");
        assertThat(Renderer.indented("")).isEmpty();
        assertThat(Renderer.indented("a\n")).isEqualTo("    a\n");
    }

    @Test
    @DisplayName("gives what splitting into lines gave, for any text of line breaks, spaces and letters")
    void sameAsSplitting() {
        long seed = 20261202L;
        Random random = new Random(seed);
        String alphabet = "\n\n a\u4e2d{";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            assertThat(Renderer.indented(input)).as("seed %d, case %d, input %s", seed, i,
                    input.replace("\n", "\\n")).isEqualTo(bySplitting(input));
        }
    }
}
