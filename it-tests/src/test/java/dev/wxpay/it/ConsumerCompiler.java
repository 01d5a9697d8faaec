package dev.wxpay.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in-process with {@code --release 11} against what a consumer of the clients has (the
 * runtime and Jackson from this module's class path), and counts the operations of API files that failed. Shared
 * by the corpus and whole-API tests. Stateless.
 */
public final class ConsumerCompiler {

    /** What a compilation found: its problems, the operations in API files with problems, and how long it took. */
    public record Compilation(List<String> errors, int operationsInFailedFiles, long millis) {
    }

    private ConsumerCompiler() {
    }

    /**
     * Compiles {@code files} into {@code classes}. Strict: {@code -Werror}, and warnings count as problems; lenient:
     * {@code -nowarn}, only errors count.
     */
    public static Compilation compile(List<Path> files, Path classes, boolean strict) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(classes);
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jackson") || e.contains("runtime"))
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            compiler.getTask(null, fm, diagnostics, List.of("--release", "11", strict ? "-Werror" : "-nowarn",
                    "-encoding", "UTF-8", "-proc:none", "-classpath", classpath, "-d", classes.toString()), null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
        }
        List<String> errors = new ArrayList<>();
        Set<Path> failed = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            boolean problem = d.getKind() == Diagnostic.Kind.ERROR || strict
                    && (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
            if (problem) {
                errors.add(String.valueOf(d));
                if (d.getSource() != null) {
                    failed.add(Path.of(d.getSource().toUri()));
                }
            }
        }
        int operations = 0;
        for (Path file : failed) {
            if (file.getParent().getFileName().toString().equals("api")) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                operations += text.split("private static ApiRequest ", -1).length - 1;
            }
        }
        return new Compilation(errors, operations, (System.nanoTime() - start) / 1_000_000);
    }
}
