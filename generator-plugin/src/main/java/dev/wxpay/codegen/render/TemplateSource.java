package dev.wxpay.codegen.render;

import dev.wxpay.codegen.GenerationException;
import org.openapitools.codegen.api.TemplatingExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds template text: a file of the user's template directory when it has one of that name (overriding file
 * by file), otherwise the built-in template from the {@code wxpay-templates} jar ({@code wxpay-templates/NAME}).
 * Immutable and thread-safe.
 */
public final class TemplateSource implements TemplatingExecutor {
    /** The class path folder of the built-in templates. */
    public static final String BUILT_IN_FOLDER = "wxpay-templates/";
    /** The template files, in a fixed order (for hashing). */
    public static final List<String> TEMPLATES = List.of("api.mustache", "chain.mustache", "header.mustache",
            "index.mustache", "model.mustache", "modelClass.mustache", "notifications.mustache", "validation.mustache");

    private final Path userDirectory;
    private final ClassLoader classLoader;

    /** {@code userDirectory} may be null (built-in templates only). */
    public TemplateSource(Path userDirectory) {
        this.userDirectory = userDirectory;
        this.classLoader = TemplateSource.class.getClassLoader();
    }

    @Override
    public String getFullTemplateContents(String name) {
        try {
            Path user = userFile(name);
            if (user != null) {
                return Files.readString(user, StandardCharsets.UTF_8);
            }
            try (InputStream in = classLoader.getResourceAsStream(BUILT_IN_FOLDER + name)) {
                if (in == null) {
                    throw new GenerationException("No template named " + name + " in "
                            + (userDirectory == null ? "" : userDirectory + " nor in ") + "the built-in templates",
                            List.of());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new GenerationException("Cannot read template " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path getFullTemplatePath(String name) {
        Path user = userFile(name);
        return user != null ? user : Path.of(BUILT_IN_FOLDER + name);
    }

    private Path userFile(String name) {
        if (userDirectory == null) {
            return null;
        }
        Path candidate = userDirectory.resolve(name);
        return Files.isRegularFile(candidate) ? candidate : null;
    }
}
