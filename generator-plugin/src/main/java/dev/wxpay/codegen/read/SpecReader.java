package dev.wxpay.codegen.read;

import dev.wxpay.codegen.GenerationException;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.util.DeserializationUtils;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1: reads an OpenAPI 3 (or Swagger 2.0, converted) document with Swagger Parser. Large public specs exceed
 * SnakeYAML's 3 MB default document size, so the limit is raised (see {@link ParserLimits}). Stateless and
 * thread-safe: reads of several products run side by side.
 */
public final class SpecReader {
    /** The system property Swagger Parser reads for SnakeYAML's code point limit. */
    static final String MAX_CODE_POINTS = "maxYamlCodePoints";
    private static final String LIMIT = String.valueOf(64 * 1024 * 1024);
    private static final java.util.regex.Pattern SWAGGER_2 =
            java.util.regex.Pattern.compile("(?m)^[\"']?swagger[\"']?\\s*:");

    /** Reads and resolves the spec; fails with the parser's messages when it produced no model. */
    public ParsedSpec read(SpecSource source) {
        return parse(source, load(source));
    }

    /** Parses {@code text}, the content of {@code source} (see {@link #load}). */
    public ParsedSpec parse(SpecSource source, String text) {
        if (!source.isBundled()) {
            // Before Swagger Parser: no recursion, no network, located messages. The bundled documents are this
            // project's own, checked by its build; the check is a second YAML parse, a sixth of a whole-API run.
            SpecGuard.check(source, text);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(false);
        options.setFlatten(false);
        ParserLimits.raised();
        String location = source.isResource() ? null : Path.of(source.location()).toUri().toString();
        SwaggerParseResult result;
        // The plain search first: the anchored pattern tries every position of the text.
        if (text.contains("swagger") && SWAGGER_2.matcher(text).find()) {
            // Straight to the 2.0 converter: the generic parser would first parse it as 3.0 and fail.
            result = location == null ? new SwaggerConverter().readContents(text, null, options)
                    : new SwaggerConverter().readLocation(location, null, options);
        } else {
            result = location == null ? new OpenAPIV3Parser().readContents(text, null, options)
                    : new OpenAPIV3Parser().readLocation(location, null, options);
        }
        List<String> messages = result.getMessages() == null ? List.of() : new ArrayList<>(result.getMessages());
        if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            List<String> problems = new ArrayList<>();
            problems.addAll(SpecProblems.yamlSyntax(source, text));
            problems.addAll(messages);
            if (problems.isEmpty()) {
                problems.add(source + ": not an OpenAPI 3 or Swagger 2.0 document (no paths)");
            }
            throw new GenerationException("Cannot read the spec " + source
                    + ": fix the problems below (the spec must be an OpenAPI 3.0 or Swagger 2.0 document)", problems);
        }
        return new ParsedSpec(source, result.getOpenAPI(), messages, text);
    }

    /** The spec's text, without parsing it (cheap: enough to decide whether anything changed). */
    public static String load(SpecSource source) {
        try {
            if (source.isResource()) {
                try (InputStream in = source.classLoader().getResourceAsStream(source.location())) {
                    if (in == null) {
                        throw new GenerationException("The spec " + source.location()
                                + " is neither a file nor a resource on the plugin's classpath: check inputSpec, or add"
                                + " the jar that holds it as a dependency of the plugin", List.of());
                    }
                    return SpecGuard.decode(source.toString(), in.readNBytes((int) SpecGuard.MAX_BYTES + 1));
                }
            }
            Path file = Path.of(source.location());
            if (!Files.isRegularFile(file)) {
                throw new GenerationException("The spec file " + file + " does not exist: check inputSpec", List.of());
            }
            return SpecGuard.readFile(file);
        } catch (IOException e) {
            throw new GenerationException("Cannot read the spec " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Swagger Parser reads its SnakeYAML limits from system properties once, when its {@code DeserializationUtils}
     * class initialises (a static options object; version 1's, behind the Swagger 2.0 converter, does the same),
     * and keeps them for the life of the plugin's class loader. So
     * the size limit is raised just for that initialisation, which the JVM runs once and under its own lock, and
     * the process-wide property is restored at once; the reads themselves need no lock and can run side by side.
     */
    private static final class ParserLimits {
        static {
            String previous = System.getProperty(MAX_CODE_POINTS);
            System.setProperty(MAX_CODE_POINTS, LIMIT);
            try {
                // Swagger Parser 3's, and version 1's, which its Swagger 2.0 converter reads with.
                Class.forName(DeserializationUtils.class.getName(), true, SpecReader.class.getClassLoader());
                Class.forName("io.swagger.parser.util.DeserializationUtils", true, SpecReader.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Swagger Parser is not on the class path", e);
            } finally {
                if (previous == null) {
                    System.clearProperty(MAX_CODE_POINTS);
                } else {
                    System.setProperty(MAX_CODE_POINTS, previous);
                }
            }
        }

        private ParserLimits() {
        }

        /** Returns once the limits are in place (the first call initialises them). */
        static void raised() {
            // Calling a static method is what makes the JVM run the static initialiser above, once.
        }
    }
}
