package dev.wxpay.codegen.write;

import dev.wxpay.codegen.GenerationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 6: writes rendered files under the output directory, touching only files whose content changed (so
 * incremental compilers see real changes only), and deletes files a previous run generated that this run did
 * not (their operation or schema left the spec). Files nobody generated are never touched. Not thread-safe
 * for the same directory.
 */
public final class OutputWriter {
    private final Path outputDirectory;
    private final GenerationState state;

    public OutputWriter(Path outputDirectory, GenerationState state) {
        this.outputDirectory = outputDirectory;
        this.state = state;
    }

    /**
     * A file to write: its path relative to the output directory ('/'-separated) and its content as UTF-8 (a
     * whole-API run keeps about 3,000 of them until it writes; as UTF-8 they take up to half the memory of Java strings, which
     * hold text with Chinese at two bytes per character).
     * The array is not copied: callers hand it over and never change it.
     */
    public record EncodedFile(String relativePath, byte[] content) {
    }

    /** What was written, left alone and deleted (relative paths, sorted). */
    public record Outcome(List<String> written, List<String> unchanged, List<String> deleted) {
    }

    /** Writes {@code files} and removes stale ones; records the new file list only in the returned outcome. */
    public Outcome write(List<EncodedFile> files) {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> current = new TreeSet<>();
        try {
            for (EncodedFile file : files) {
                if (!current.add(file.relativePath())) {
                    throw new GenerationException("Two generated classes map to the same file " + file.relativePath()
                            + "; rename one of the schemas or tags", List.of());
                }
                Path target = outputDirectory.resolve(file.relativePath());
                byte[] bytes = file.content();
                if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    unchanged.add(file.relativePath());
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                written.add(file.relativePath());
            }
            List<String> deleted = new ArrayList<>();
            for (String previous : state.previousFiles()) {
                if (!current.contains(previous)) {
                    Path stale = outputDirectory.resolve(previous).normalize();
                    if (stale.startsWith(outputDirectory) && Files.deleteIfExists(stale)) {
                        deleted.add(previous);
                    }
                }
            }
            written.sort(null);
            unchanged.sort(null);
            deleted.sort(null);
            return new Outcome(written, unchanged, deleted);
        } catch (IOException e) {
            throw new GenerationException("Cannot write generated sources under " + outputDirectory + ": "
                    + e.getMessage(), e);
        }
    }
}
