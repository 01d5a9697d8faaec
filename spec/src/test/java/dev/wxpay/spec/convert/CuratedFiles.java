package dev.wxpay.spec.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the curated (hand-written) OpenAPI documents among the resources: every {@code *.yaml} below
 * {@code wxpay/} that the converter did not write (its first line is not {@link SpecFiles#GENERATED_MARK}) and is
 * not the index. Today {@code wxpay/payscore.yaml}; {@code wxpay/v3/payments.yaml} once it exists. Stateless.
 */
final class CuratedFiles {
    private CuratedFiles() {
    }

    /** The curated files below {@code resourceRoot/wxpay}, sorted by name. */
    static List<CuratedFile> find(Path resourceRoot) throws IOException {
        Path wxpay = resourceRoot.resolve("wxpay");
        if (!Files.isDirectory(wxpay)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(wxpay)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        List<CuratedFile> curated = new ArrayList<>();
        for (Path file : files) {
            String name = resourceRoot.relativize(file).toString().replace('\\', '/');
            if (name.equals(SpecFiles.INDEX) || SpecFiles.isGenerated(file)) {
                continue;
            }
            ObjectNode document = SpecYaml.read(file);
            if (!document.path("openapi").asText().startsWith("3.")) {
                throw new IllegalStateException(name + " is neither generated nor an OpenAPI 3 document");
            }
            curated.add(new CuratedFile(name, document));
        }
        return curated;
    }

    /** Curated files by path template ({@link #template}); a template two files describe is an error. */
    static Map<String, CuratedFile> byPathTemplate(List<CuratedFile> curated) {
        Map<String, CuratedFile> owners = new LinkedHashMap<>();
        for (CuratedFile file : curated) {
            file.document().path("paths").fieldNames().forEachRemaining(path -> {
                CuratedFile previous = owners.putIfAbsent(template(path), file);
                if (previous != null) {
                    throw new IllegalStateException(path + " is described by two curated files: "
                            + previous.name() + " and " + file.name());
                }
            });
        }
        return owners;
    }

    /** The path with parameter names erased and no trailing slash: equal templates describe the same URLs. */
    static String template(String path) {
        String erased = path.replaceAll("\\{[^}/]*}", "{}");
        return erased.endsWith("/") ? erased.substring(0, erased.length() - 1) : erased;
    }

    /** The key under which {@code owner} describes {@code corpusPath} (parameter names may differ). */
    static String curatedPath(CuratedFile owner, String corpusPath) {
        String wanted = template(corpusPath);
        for (var it = owner.document().path("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            if (template(path).equals(wanted)) {
                return path;
            }
        }
        throw new IllegalStateException(owner.name() + " does not describe " + corpusPath);
    }
}
