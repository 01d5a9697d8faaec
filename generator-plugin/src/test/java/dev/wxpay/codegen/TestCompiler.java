package dev.wxpay.codegen;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Compiles generated sources as a client project would: {@code --release 11}, every lint, warnings as errors. */
final class TestCompiler {
    private TestCompiler() {
    }

    /** The outcome: whether it compiled, and every diagnostic as text (empty when clean). */
    record Outcome(boolean ok, String diagnostics) {
    }

    /** Compiles every {@code .java} under {@code sourceRoot} plus {@code extra} into {@code classes}. */
    static Outcome compile(Path sourceRoot, List<Path> extra, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".java")).sorted().toList());
        }
        files.addAll(extra);
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "11", "-encoding", "UTF-8", "-Xlint:all", "-Werror",
                    "-Xdoclint:all,-missing", "-proc:none", "-classpath", clientClasspath(),
                    "-d", classes.toString());
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                report.append(d).append('\n');
            }
            return new Outcome(ok, report.toString());
        }
    }

    /** What a consumer of the client has: the runtime and Jackson, nothing of the generator. */
    private static String clientClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jackson") || e.contains("runtime"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
