package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes the YAML the converter handles, the same way every time. Thread-safe (Jackson mappers are).
 * Reading allows documents above SnakeYAML's default 3 MB limit (the corpus is 4.7 MB); writing uses block style,
 * quotes only what YAML would otherwise read as another type, never folds lines, and writes multi-line strings as
 * literal blocks.
 */
final class SpecYaml {
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
    private static final ObjectMapper READER;
    private static final ObjectMapper WRITER;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        READER = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
        WRITER = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .stringQuotingChecker(new Yaml11SafeQuoting())
                .build());
    }

    /** Equal values: numbers by value (an int read back from a long is the same number), the rest by equals. */
    private static final java.util.Comparator<JsonNode> SAME_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    private SpecYaml() {
    }

    /**
     * Jackson's minimal quoting, plus quotes for every string (value or key) that starts like a number, a date or
     * another non-string scalar: YAML 1.1 readers (SnakeYAML's default resolver, PyYAML) read an unquoted
     * {@code 2018-06-08T10:34:56+08:00} as a timestamp, {@code 10:30} as the sexagesimal 630 and {@code 200} as an
     * int key, where the document means strings.
     */
    private static final class Yaml11SafeQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final String RISKY_FIRST = "0123456789+-.~=<";

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || risky(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || risky(value);
        }

        private static boolean risky(String text) {
            return !text.isEmpty() && RISKY_FIRST.indexOf(text.charAt(0)) >= 0;
        }
    }

    /** The YAML (or JSON) document in {@code file}, whose root must be a mapping. */
    static ObjectNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = READER.readTree(in);
            if (!(node instanceof ObjectNode)) {
                throw new IOException(file + " is not a YAML mapping");
            }
            return (ObjectNode) node;
        }
    }

    /** {@code text} parsed as YAML. */
    static JsonNode parse(String text) throws IOException {
        return READER.readTree(text);
    }

    /** {@code node} as YAML text, checked to read back as the same tree (so no value changes type on the way). */
    static String write(JsonNode node) throws IOException {
        String text = WRITER.writeValueAsString(node);
        String difference = firstDifference(node, parse(text), "#");
        if (difference != null) {
            throw new IllegalStateException("The YAML written does not read back as the same document at " + difference);
        }
        return text;
    }

    /** The pointer of the first node where {@code a} and {@code b} differ, with both values, or null when equal. */
    static String firstDifference(JsonNode a, JsonNode b, String pointer) {
        if (a.equals(SAME_VALUE, b)) {
            return null;
        }
        if (a.isContainerNode() && b.isContainerNode() && a.getNodeType() == b.getNodeType() && a.size() == b.size()) {
            if (a.isObject()) {
                for (var it = a.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!b.has(name)) {
                        break;
                    }
                    String d = firstDifference(a.get(name), b.get(name), JsonPointers.child(pointer, name));
                    if (d != null) {
                        return d;
                    }
                }
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String d = firstDifference(a.get(i), b.get(i), pointer + "/" + i);
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        return pointer + " (" + abbreviate(a) + " [" + a.getNodeType() + "] vs " + abbreviate(b) + " [" + b.getNodeType() + "])";
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
