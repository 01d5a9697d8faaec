package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The specs under src/test/resources/specs, as files. */
final class TestSpecs {
    private TestSpecs() {
    }

    static Path path(String name) {
        try {
            return Path.of(TestSpecs.class.getResource("/specs/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test spec " + name, e);
        }
    }

    static SpecSource source(String name) {
        return SpecSource.file(path(name));
    }

    static GenerationRequest.Builder request(String name, Path output) {
        return GenerationRequest.builder().spec(source(name)).packageName("dev.wxpay.payscore")
                .outputDirectory(output).generatorVersion("test");
    }
}
