package dev.wxpay.codegen.read;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Where a JSON pointer's key is written")
class SpecProblemsTest {

    @Test
    @DisplayName("is found in plain, quoted and flow-style keys, after the keys before it")
    void findsKeysInEveryForm() {
        String text = "paths:\n  '/v3/a':\n    get: {}\n  \"/v3/b\":\n    post:\n      x: {get: 1, 'put': 2}\n";
        assertThat(SpecProblems.lineOf(text, "/paths/~1v3~1a/get")).isEqualTo(3);
        assertThat(SpecProblems.lineOf(text, "/paths/~1v3~1b/post")).isEqualTo(5);
        assertThat(SpecProblems.lineOf(text, "/paths/~1v3~1b/post/x/put")).isEqualTo(6);
        assertThat(SpecProblems.lineOf(text, "/paths/~1v3~1b/delete")).isZero();
        assertThat(SpecProblems.lineOf("aget: 1\nget: 2\n", "/get")).isEqualTo(2);
    }

    @Test
    @DisplayName("is the line the earlier three-scan search gave, for keys all over two bundled products")
    void sameAsTheThreeScanSearch() {
        for (String product : List.of("pay", "applyment4sub")) {
            String text = SpecReader.load(SpecSource.resource("wxpay/v3/" + product + ".yaml",
                    SpecProblemsTest.class.getClassLoader()));
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Integer.MAX_VALUE);
            List<String> pointers = new ArrayList<>();
            pointers(new Yaml(options).load(text), "", pointers);
            assertThat(pointers).hasSizeGreaterThan(100);
            // The earlier search is slow (that is why it went): every 7th pointer keeps this test to seconds.
            for (int i = 0; i < pointers.size(); i += 7) {
                String pointer = pointers.get(i);
                assertThat(SpecProblems.lineOf(text, pointer)).as(product + " " + pointer)
                        .isEqualTo(threeScanLineOf(text, pointer));
            }
        }
    }

    private static void pointers(Object node, String at, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String child = at + "/" + String.valueOf(entry.getKey()).replace("~", "~0").replace("/", "~1");
                out.add(child);
                pointers(entry.getValue(), child, out);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                pointers(item, at, out);
            }
        }
    }

    /** The search as it was: each of the three key forms looked for separately. */
    private static int threeScanLineOf(String text, String pointer) {
        int from = 0;
        int last = -1;
        for (String raw : pointer.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String key = raw.replace("~1", "/").replace("~0", "~");
            int best = -1;
            for (String form : new String[] {key + ":", "'" + key + "':", "\"" + key + "\":"}) {
                int at = text.indexOf(form, from);
                while (at > 0 && !Character.isWhitespace(text.charAt(at - 1)) && text.charAt(at - 1) != '{'
                        && text.charAt(at - 1) != ',') {
                    at = text.indexOf(form, at + 1);
                }
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                }
            }
            if (best < 0) {
                return 0;
            }
            from = best + key.length();
            last = best;
        }
        int line = 1;
        for (int i = 0; i < last; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return last < 0 ? 0 : line;
    }
}
