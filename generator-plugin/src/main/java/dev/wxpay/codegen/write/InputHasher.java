package dev.wxpay.codegen.write;

import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.codegen.render.TemplateSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashes everything the output depends on: the spec text and, for a spec file, every file it references
 * through {@code $ref} (recursively), the effective templates, the generator version and the
 * configuration. Stateless and thread-safe.
 */
public final class InputHasher {
    private static final Pattern EXTERNAL_REF = Pattern.compile("[\"']?\\$ref[\"']?\\s*:\\s*[\"']?([^\"'#\\s,}]*)");

    /** The SHA-256 of the inputs of {@code request}, in hex. */
    public String hash(GenerationRequest request, String specText, TemplateSource templates) {
        return hash(request, List.of(specText), templates);
    }

    /**
     * The SHA-256 of the inputs of {@code request}, in hex, given the texts of {@link GenerationRequest#specs()}
     * in the same order (each product's name is hashed with its spec, so renaming a product regenerates).
     */
    public String hash(GenerationRequest request, List<String> specTexts, TemplateSource templates) {
        MessageDigest digest = sha256();
        add(digest, "generator", request.generatorVersion());
        add(digest, "generator-code", codeFingerprint());
        add(digest, "package", request.packageName());
        add(digest, "lenient", String.valueOf(request.lenient()));
        add(digest, "includes", String.join("\n", request.includes()));
        add(digest, "excludes", String.join("\n", request.excludes()));
        List<SpecSource> specs = request.specs();
        for (int i = 0; i < specs.size(); i++) {
            if (request.hasProducts()) {
                add(digest, "product", request.products().get(i).name());
            }
            String specText = specTexts.get(i);
            add(digest, "spec", specText);
            if (!specs.get(i).isResource()) {
                Path specFile = Path.of(specs.get(i).location());
                Set<Path> visited = new TreeSet<>();
                visited.add(specFile.normalize());
                addReferences(digest, specFile, specText, visited);
            }
        }
        for (String template : TemplateSource.TEMPLATES) {
            add(digest, "template:" + template, templates.getFullTemplateContents(template));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of the jar the generator runs from, so a rebuilt snapshot of the plugin regenerates even
     * though its version did not change; empty when running from class folders (tests).
     */
    private static String codeFingerprint() {
        try {
            java.security.CodeSource source = InputHasher.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !source.getLocation().getPath().endsWith(".jar")) {
                return "";
            }
            MessageDigest digest = sha256();
            digest.update(Files.readAllBytes(Path.of(source.getLocation().toURI())));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Hashes the files {@code text} references with {@code $ref: 'file.yaml#/...'}, recursively. */
    private static void addReferences(MessageDigest digest, Path from, String text, Set<Path> visited) {
        Matcher m = EXTERNAL_REF.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (target.isEmpty() || target.contains("://")) {
                continue;
            }
            Path file = from.resolveSibling(target).normalize();
            if (!visited.add(file)) {
                continue;
            }
            try {
                String content = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                add(digest, "ref:" + file.getFileName(), content);
                addReferences(digest, file, content, visited);
            } catch (IOException e) {
                throw new GenerationException("Cannot read " + file + ", referenced from " + from + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static void add(MessageDigest digest, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        digest.update((k.length + ":" + v.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(k);
        digest.update(v);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
