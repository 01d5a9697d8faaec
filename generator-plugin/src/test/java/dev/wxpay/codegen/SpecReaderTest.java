package dev.wxpay.codegen;

import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecReader;
import dev.wxpay.codegen.read.SpecSource;
import io.swagger.v3.core.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Swagger Parser's size limit is raised without a lasting process-wide property, and reads run side by side. */
class SpecReaderTest {
    private static final String PROPERTY = "maxYamlCodePoints";

    @Test
    void readsASpecLargerThanSnakeYamlsDefaultLimitAndLeavesThePropertyAlone(@TempDir Path dir) throws Exception {
        assertNull(System.getProperty(PROPERTY), "precondition: nobody set the property");
        // About 3.4 million code points: above SnakeYAML's 3 MiB default, which Swagger Parser would apply.
        // A literal block of 33,000 lines (one line of millions would measure SnakeYAML's long-line scanning).
        String line = "    " + "x".repeat(99) + "\n";
        String text = "openapi: 3.0.3\ninfo:\n  title: big\n  version: '1'\n  description: |\n"
                + line.repeat(33_000) + "paths:\n  /v3/big:\n    get:\n      operationId: big\n"
                + "      responses:\n        '200':\n          description: ok\n";
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, text);

        ParsedSpec spec = new SpecReader().read(SpecSource.file(file));

        assertEquals(3_300_000, spec.openAPI().getInfo().getDescription().length());
        assertNull(System.getProperty(PROPERTY), "the process-wide property is restored");
    }

    @Test
    void readsASwagger2SpecLargerThanSnakeYamlsDefaultLimit(@TempDir Path dir) throws Exception {
        // The converter reads with Swagger Parser 1, whose limit is separate from Swagger Parser 3's.
        String line = "    " + "x".repeat(99) + "\n";
        String text = "swagger: '2.0'\ninfo:\n  title: big\n  version: '1'\n  description: |\n"
                + line.repeat(33_000) + "paths:\n  /v3/big:\n    get:\n      operationId: big\n"
                + "      responses:\n        '200':\n          description: ok\n";
        Path file = dir.resolve("big2.yaml");
        Files.writeString(file, text);

        ParsedSpec spec = new SpecReader().read(SpecSource.file(file));

        assertEquals(3_300_000, spec.openAPI().getInfo().getDescription().length());
        assertNull(System.getProperty(PROPERTY), "the process-wide property is restored");
    }

    @Test
    void aClassPathSpecOfTheUsersIsStillGuarded() {
        // Only the bundled whole-API documents skip SpecGuard; a user's class path spec is checked as a file is.
        String text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  title: again\npaths: {}\n";
        SpecSource resource = SpecSource.resource("specs/duplicate.yaml", SpecReaderTest.class.getClassLoader());

        GenerationException e = org.junit.jupiter.api.Assertions.assertThrows(GenerationException.class,
                () -> new SpecReader().parse(resource, text));

        assertEquals(List.of("classpath:specs/duplicate.yaml:5:3: duplicate key 'title' (first on line 3); YAML keys"
                + " must be unique, and a parser would silently keep only one of them"), e.problems());
    }

    @Test
    void readsOnSeveralThreadsGiveWhatOneReadGives() throws Exception {
        String alone = Json.pretty(new SpecReader().read(TestSpecs.source("payscore.yaml")).openAPI());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(pool.submit(() -> Json.pretty(
                        new SpecReader().read(TestSpecs.source("payscore.yaml")).openAPI())));
            }
            for (Future<String> read : reads) {
                assertEquals(alone, read.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
