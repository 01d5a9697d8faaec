package dev.wxpay.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wxpay.codegen.read.SpecGuard;
import dev.wxpay.codegen.read.SpecSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken specs through the whole generator: each fails with a {@link GenerationException} naming the
 * file and line (or generates, where the input is legal); never a {@link StackOverflowError},
 * {@link OutOfMemoryError}, a hang (each run is bounded by a generous guard) or a network access.
 */
@DisplayName("Hostile specs")
class HostileSpecTest {
    /** A hang guard only: a run takes seconds; a hang would take forever. */
    private static final Duration GUARD = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private static final String HEAD = "openapi: 3.0.3\ninfo:\n  title: Hostile\n  version: 1.0.0\n";

    /** A legal one-operation spec whose answer schema is {@code schema} (YAML, indented by 16 spaces). */
    private static String withAnswer(String components) {
        return HEAD + "paths:\n  /v3/hostile/things:\n    get:\n      operationId: getThing\n      responses:\n"
                + "        '200':\n          description: the thing\n          content:\n            application/json:\n"
                + "              schema:\n                $ref: '#/components/schemas/Thing'\n"
                + "components:\n  schemas:\n" + components;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private GenerationRequest request(Path spec) {
        return GenerationRequest.builder().spec(SpecSource.file(spec)).packageName("com.example.hostile")
                .outputDirectory(dir.resolve("out")).generatorVersion("test").build();
    }

    /** Runs the generator and returns its {@link GenerationException}, failing on success or any other outcome. */
    private GenerationException refused(Path spec) {
        Throwable thrown = Assertions.assertTimeoutPreemptively(GUARD,
                () -> catchThrowable(() -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec))));
        assertThat(thrown).as("the generator's outcome").isInstanceOf(GenerationException.class);
        return (GenerationException) thrown;
    }

    private GenerationResult generated(Path spec) {
        return Assertions.assertTimeoutPreemptively(GUARD,
                () -> new WxpayGenerator(GenerationLog.silent()).generate(request(spec)));
    }

    @Test
    @DisplayName("a YAML list, a single value or an empty file is refused: the document must be a mapping")
    void notAMapping() throws IOException {
        assertThat(refused(write("list.yaml", "- openapi\n- 3.0.3\n")).problems())
                .containsExactly(dir.resolve("list.yaml") + ":1:1: the document is a list, not a mapping; a spec"
                        + " starts with 'openapi: 3.0.x' (or 'swagger: \"2.0\"') and 'paths:'");
        assertThat(refused(write("scalar.yaml", "# a comment\njust some text\n")).problems())
                .singleElement().asString().startsWith(dir.resolve("scalar.yaml") + ":2:1: the document is a single");
        assertThat(refused(write("empty.yaml", "")).problems())
                .singleElement().asString().startsWith(dir.resolve("empty.yaml") + ":1:1: the spec is empty");
        assertThat(refused(write("two.yaml", HEAD + "paths: {}\n---\n" + HEAD)).problems())
                .singleElement().asString().startsWith(dir.resolve("two.yaml") + ":6:1: a second YAML document");
    }

    @Test
    @DisplayName("schemas nested 10,000 levels deep are refused at the line where the limit is crossed")
    void deepNesting() throws IOException {
        StringBuilder json = new StringBuilder("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
                + "\"paths\":{},\"components\":{\"schemas\":{\"Thing\":\n");
        for (int i = 0; i < 10_000; i++) {
            json.append("{\"type\":\"object\",\"properties\":{\"a\":\n");
        }
        json.append("{\"type\":\"string\"}");
        json.append("}}".repeat(10_000)).append("}}}\n");

        GenerationException e = refused(write("deep.json", json.toString()));

        assertThat(e.problems()).singleElement().asString().startsWith(dir.resolve("deep.json") + ":")
                .contains("nested more than " + SpecGuard.MAX_DEPTH + " levels deep");
    }

    @Test
    @DisplayName("schemas nested 40 levels deep (legal) generate")
    void legalNesting() throws IOException {
        StringBuilder schema = new StringBuilder("    Thing:\n");
        String indent = "      ";
        for (int i = 0; i < 40; i++) {
            schema.append(indent).append("type: object\n").append(indent).append("properties:\n")
                    .append(indent).append("  a:\n");
            indent += "    ";
        }
        schema.append(indent).append("type: string\n");

        GenerationResult result = generated(write("nested.yaml", withAnswer(schema.toString())));

        assertThat(result.generatedOperations()).isEqualTo(1);
    }

    @Test
    @DisplayName("a recursive schema (a tree node) generates; a $ref cycle without any schema is refused")
    void refCycles() throws IOException {
        GenerationResult tree = generated(write("tree.yaml", withAnswer("    Thing:\n      type: object\n"
                + "      properties:\n        children:\n          type: array\n          items:\n"
                + "            $ref: '#/components/schemas/Thing'\n        parent:\n"
                + "          $ref: '#/components/schemas/Other'\n    Other:\n      type: object\n      properties:\n"
                + "        thing:\n          $ref: '#/components/schemas/Thing'\n")));
        assertThat(tree.generatedOperations()).isEqualTo(1);

        GenerationException cycle = refused(write("cycle.yaml", withAnswer(
                "    Thing:\n      $ref: '#/components/schemas/Other'\n"
                + "    Other:\n      $ref: '#/components/schemas/Thing'\n")));
        assertThat(cycle.problems()).singleElement().asString().startsWith(dir.resolve("cycle.yaml")
                + ":21:13: $ref cycle #/components/schemas/Thing -> #/components/schemas/Other"
                + " -> #/components/schemas/Thing: these only refer to each other");

        GenerationException allOf = refused(write("allof.yaml", withAnswer(
                "    Thing:\n      allOf:\n        - $ref: '#/components/schemas/Other'\n"
                + "    Other:\n      allOf:\n        - $ref: '#/components/schemas/Thing'\n")));
        assertThat(allOf.problems()).singleElement().asString().startsWith(dir.resolve("allof.yaml")
                + ":23:17: $ref cycle #/components/schemas/Thing -> #/components/schemas/Other"
                + " -> #/components/schemas/Thing");

        GenerationException self = refused(write("self.yaml", withAnswer(
                "    Thing:\n      $ref: '#/components/schemas/Thing'\n")));
        assertThat(self.problems()).singleElement().asString().startsWith(dir.resolve("self.yaml")
                + ":19:13: $ref cycle #/components/schemas/Thing -> #/components/schemas/Thing");
    }

    @Test
    @DisplayName("a 50 MB spec is refused by its size before it is read")
    void fiftyMegabytes() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024); // sparse: the test does not write 50 MB
        }

        GenerationException e = refused(big);

        assertThat(e.problems()).singleElement().asString().startsWith(big + ": 52428800 bytes, more than the "
                + SpecGuard.MAX_BYTES + " bytes");
    }

    @Test
    @DisplayName("duplicate keys are refused with the lines of both")
    void duplicateKeys() throws IOException {
        String spec = withAnswer("    Thing:\n      type: object\n      properties:\n        name:\n"
                + "          type: string\n        name:\n          type: integer\n");

        GenerationException e = refused(write("dup.yaml", spec));

        assertThat(e.problems()).containsExactly(dir.resolve("dup.yaml") + ":23:9: duplicate key 'name' (first on"
                + " line 21); YAML keys must be unique, and a parser would silently keep only one of them");
    }

    @Test
    @DisplayName("an unknown OpenAPI version is refused at its line")
    void unknownVersion() throws IOException {
        GenerationException e = refused(write("v4.yaml", "# future\nopenapi: 4.0.0\ninfo:\n  title: t\n"
                + "  version: '1'\npaths: {}\n"));

        assertThat(e.problems()).containsExactly(dir.resolve("v4.yaml") + ":2:10: openapi version '4.0.0' is not"
                + " supported; this plugin reads OpenAPI 3.0.x and 3.1.x, and Swagger 2.0");
    }

    @Test
    @DisplayName("a $ref to a URL is refused and never fetched: a loopback server sees no connection")
    void urlRefNeverFetched() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket ignored = server.accept()) {
                        connections.incrementAndGet();
                    } catch (SocketException closed) {
                        return;
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hostile-spec-url-server");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/thing.yaml";

            GenerationException e = refused(write("url.yaml", withAnswer("    Thing:\n      $ref: '" + url
                    + "#/Thing'\n")));
            GenerationException file = refused(write("fileurl.yaml", withAnswer(
                    "    Thing:\n      $ref: 'file:///etc/hostname#/Thing'\n")));

            assertThat(e.problems()).singleElement().asString().startsWith(dir.resolve("url.yaml") + ":19:13: $ref '"
                    + url + "#/Thing' is a URL; the build never fetches anything");
            assertThat(file.problems()).singleElement().asString().contains(":19:13: $ref 'file:///etc/hostname#/Thing'"
                    + " is a URL");
            assertThat(connections).hasValue(0);
        }
    }

    @Test
    @DisplayName("a $ref to a file outside the spec's folder (relative or absolute) is refused; one beside it is read")
    void fileRefs() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project/spec"));
        Files.writeString(dir.resolve("outside.yaml"), "Thing:\n  type: string\n");
        Files.writeString(project.resolve("common.yaml"), "Thing:\n  type: object\n  properties:\n"
                + "    name:\n      type: string\n");

        GenerationException up = refused(Files.writeString(project.resolve("up.yaml"), withAnswer(
                "    Thing:\n      $ref: '../../outside.yaml#/Thing'\n")));
        GenerationException absolute = refused(Files.writeString(project.resolve("abs.yaml"), withAnswer(
                "    Thing:\n      $ref: '" + dir.resolve("outside.yaml") + "#/Thing'\n")));
        GenerationResult beside = generated(Files.writeString(project.resolve("ok.yaml"), withAnswer(
                "    Thing:\n      $ref: 'common.yaml#/Thing'\n")));

        assertThat(up.problems()).singleElement().asString().startsWith(project.resolve("up.yaml")
                + ":19:13: $ref '../../outside.yaml#/Thing' points outside the spec's folder");
        assertThat(absolute.problems()).singleElement().asString().contains("points outside the spec's folder");
        assertThat(beside.generatedOperations()).isEqualTo(1);
    }

    @Test
    @DisplayName("a file beside the spec that itself $refs a URL is refused at its own line")
    void nestedRef() throws IOException {
        Files.writeString(dir.resolve("common.yaml"), "# shared\nThing:\n  $ref: 'https://example.com/x.yaml'\n");

        GenerationException e = refused(write("nested-ref.yaml", withAnswer(
                "    Thing:\n      $ref: 'common.yaml#/Thing'\n")));

        assertThat(e.problems()).singleElement().asString().startsWith(dir.resolve("common.yaml")
                + ":3:9: $ref 'https://example.com/x.yaml' is a URL");
    }

    @Test
    @DisplayName("invalid UTF-8 is refused with the line, column and byte")
    void invalidUtf8() throws IOException {
        byte[] head = (HEAD + "paths: {}\n# caf").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a two-byte sequence cut short
        bytes[head.length + 1] = '(';
        bytes[head.length + 2] = '\n';
        Path spec = Files.write(dir.resolve("latin1.yaml"), bytes);

        GenerationException e = refused(spec);

        assertThat(e.problems()).singleElement().asString().startsWith(spec + ":6:6: invalid UTF-8 byte 0xC3");
    }

    @Test
    @DisplayName("a YAML alias bomb (billion laughs) is refused before anything expands it")
    void aliasBomb() throws IOException {
        StringBuilder yaml = new StringBuilder(HEAD + "paths: {}\nx-lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("x-lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 40; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            yaml.append("]\n");
        }

        GenerationException e = refused(write("lol.yaml", yaml.toString()));

        assertThat(e.problems()).singleElement().asString().contains("more than " + SpecGuard.MAX_ALIASES
                + " YAML aliases");
    }
}
