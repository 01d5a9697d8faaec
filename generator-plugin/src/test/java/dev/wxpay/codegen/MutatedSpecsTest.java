package dev.wxpay.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wxpay.codegen.read.SpecSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken specs never crash the generator: bundled product documents, each with one node removed or replaced by a
 * value of another shape (a string, a number, an object, a list, a {@code $ref} to nothing), in strict or lenient
 * mode, either generate or fail with a {@link GenerationException}; any other throwable (OpenAPI Generator's bare
 * {@code NullPointerException}s were such) fails the test naming the seed, the node and the change. A run is
 * replayed with {@code -Dwxpay.mutations.seed=<seed> -Dwxpay.mutations.rounds=1}. Prints
 * {@code MUTATED specs=<n> generated=<g> refused=<r>}.
 */
@DisplayName("Mutated specs")
class MutatedSpecsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Small products of the bundled API with parameters, bodies, answers, downloads and callbacks between them. */
    private static final String[] SPECS = {"refund.yaml", "billdownload.yaml", "certificates.yaml", "transfer.yaml"};

    private static final java.util.Set<String> STRUCTURAL = java.util.Set.of("name", "in", "required", "schema",
            "type", "format", "items", "properties", "$ref", "allOf", "content", "requestBody", "responses",
            "parameters", "enum", "additionalProperties", "callbacks", "operationId", "paths", "components");

    @TempDir
    Path dir;

    @Test
    @DisplayName("generate or fail with a GenerationException, never anything else")
    void neverCrash() throws IOException {
        long first = Long.getLong("wxpay.mutations.seed", 1);
        int rounds = Integer.getInteger("wxpay.mutations.rounds", 200);
        int generated = 0;
        int refused = 0;
        List<String> crashes = new ArrayList<>();
        for (long seed = first; seed < first + rounds; seed++) {
            Random random = new Random(seed);
            String name = SPECS[random.nextInt(SPECS.length)];
            JsonNode root = read(name);
            List<Slot> slots = new ArrayList<>();
            collect(root, "", slots);
            // Half the time one of the keys the generator reads for structure, rather than any node (mostly text).
            List<Slot> structural = slots.stream().filter(s -> s.field() != null && STRUCTURAL.contains(s.field())).toList();
            Slot slot = random.nextBoolean() && !structural.isEmpty()
                    ? structural.get(random.nextInt(structural.size())) : slots.get(random.nextInt(slots.size()));
            String change = slot.mutate(random);
            Path spec = Files.writeString(dir.resolve(seed + ".yaml"), YAML.writeValueAsString(root));
            boolean lenient = random.nextBoolean();
            try {
                new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder()
                        .spec(SpecSource.file(spec)).packageName("com.example.mutated")
                        .outputDirectory(dir.resolve("out-" + seed)).generatorVersion("test").lenient(lenient).build());
                generated++;
            } catch (GenerationException e) {
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add("seed " + seed + ": " + name + " " + slot.pointer + " " + change + (lenient ? " (lenient)"
                        : " (strict)") + ": " + e + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""));
            }
        }
        System.out.println("MUTATED specs=" + rounds + " generated=" + generated + " refused=" + refused);

        assertThat(crashes).as("mutated specs that crashed the generator instead of being reported").isEmpty();
        assertThat(refused).as("some mutations must be refused, or the mutations do not reach the checks")
                .isPositive();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = MutatedSpecsTest.class.getClassLoader().getResourceAsStream("wxpay/v3/" + name)) {
            assertThat(in).as("bundled spec " + name).isNotNull();
            return YAML.readTree(in);
        }
    }

    private static void collect(JsonNode node, String pointer, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                slots.add(new Slot(object, name, -1, at));
                collect(object.get(name), at, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, pointer + "/" + i));
                collect(array.get(i), pointer + "/" + i, slots);
            }
        }
    }

    /** A place in the document: a field of an object or an element of a list. */
    private record Slot(ContainerNode<?> parent, String field, int index, String pointer) {
        /** Removes the node or replaces it with one of another shape; says which. */
        String mutate(Random random) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            int kind = random.nextInt(6);
            if (kind == 0) {
                if (field != null) {
                    ((ObjectNode) parent).remove(field);
                } else {
                    ((ArrayNode) parent).remove(index);
                }
                return "removed";
            }
            JsonNode value = switch (kind) {
                case 1 -> TextNode.valueOf("x");
                case 2 -> IntNode.valueOf(7);
                case 3 -> nodes.objectNode();
                case 4 -> nodes.arrayNode().add("a");
                default -> nodes.objectNode().put("$ref", "#/components/schemas/Nope");
            };
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
            return "set to " + value;
        }
    }
}
