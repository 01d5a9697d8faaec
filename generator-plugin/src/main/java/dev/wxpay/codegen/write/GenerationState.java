package dev.wxpay.codegen.write;

import dev.wxpay.codegen.GenerationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The record of the last successful run, kept in {@code <outputDirectory>/.wxpay-codegen/state}: the hash of its
 * inputs and the files it generated. Written only after a successful run. Immutable once loaded.
 */
public final class GenerationState {
    static final String FILE = ".wxpay-codegen/state";

    private final String inputsHash;
    private final List<String> previousFiles;

    private GenerationState(String inputsHash, List<String> previousFiles) {
        this.inputsHash = inputsHash;
        this.previousFiles = List.copyOf(previousFiles);
    }

    /** Loads the state of {@code outputDirectory}; an empty state when there is none or it is unreadable. */
    public static GenerationState load(Path outputDirectory) {
        Path file = outputDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new GenerationState("", List.of());
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith("inputs=")) {
                return new GenerationState("", List.of());
            }
            List<String> files = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.startsWith("file=")) {
                    files.add(line.substring(5));
                }
            }
            return new GenerationState(lines.get(0).substring(7), files);
        } catch (IOException e) {
            return new GenerationState("", List.of());
        }
    }

    /** Whether the last run had these inputs and all its files are still there. */
    public boolean isUpToDate(String hash, Path outputDirectory) {
        if (!inputsHash.equals(hash) || previousFiles.isEmpty()) {
            return false;
        }
        for (String f : previousFiles) {
            if (!Files.isRegularFile(outputDirectory.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    /** The files the last successful run generated (relative, sorted). */
    public List<String> previousFiles() {
        return previousFiles;
    }

    /** Records a successful run. */
    public static void save(Path outputDirectory, String hash, Collection<String> files) {
        StringBuilder text = new StringBuilder("inputs=").append(hash).append('\n');
        for (String f : new TreeSet<>(files)) {
            text.append("file=").append(f).append('\n');
        }
        Path file = outputDirectory.resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GenerationException("Cannot record the generation state in " + file + ": " + e.getMessage(), e);
        }
    }
}
