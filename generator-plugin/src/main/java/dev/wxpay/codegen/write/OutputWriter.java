package dev.wxpay.codegen.write;

import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.render.Renderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** What was written, left alone and deleted (relative paths, sorted). */
    public record Outcome(List<String> written, List<String> unchanged, List<String> deleted) {
    }

    /** Writes {@code files} and removes stale ones; records the new file list only in the returned outcome. */
    public Outcome write(List<Renderer.RenderedFile> files) {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> current = new TreeSet<>();
        try {
            for (Renderer.RenderedFile file : files) {
                if (!current.add(file.relativePath())) {
                    throw new GenerationException("Two generated classes map to the same file " + file.relativePath()
                            + "; rename one of the schemas or tags", List.of());
                }
                Path target = outputDirectory.resolve(file.relativePath());
                byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
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
