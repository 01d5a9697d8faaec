package dev.wxpay.spec.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;

/**
 * Command line of the converter, run by {@code mvn -B -pl spec -Pconvert process-test-classes}: reads the corpus,
 * the curated files of the resource root, and writes {@code wxpay/v3/} below the resource root. Stateless.
 */
public final class ConvertMain {
    private ConvertMain() {
    }

    /** Arguments: the corpus file (its {@code LICENSE} beside it) and the resource root ({@code src/main/resources}). */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ConvertMain <corpus.yaml> <resource root>");
        }
        Path corpus = Path.of(args[0]).toAbsolutePath().normalize();
        Path resources = Path.of(args[1]).toAbsolutePath().normalize();
        SortedMap<String, String> files = convert(corpus, resources);
        SpecFiles.write(files, resources.resolve(SpecFiles.FOLDER));
        System.out.println("CONVERTED products=" + (files.size() - 3) + " into " + SpecFiles.FOLDER);
    }

    /** The files of one conversion (see {@link SpecFiles#render}). */
    public static SortedMap<String, String> convert(Path corpus, Path resources) throws Exception {
        String licence = Files.readString(corpus.resolveSibling("LICENSE"), StandardCharsets.UTF_8);
        SpecConverter.ConvertedSpec spec = new SpecConverter().convert(corpus, resources);
        return SpecFiles.render(spec, licence);
    }
}
