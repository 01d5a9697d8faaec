package dev.wxpay.codegen.read;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a spec comes from: a file, or a resource on a class loader (e.g. {@code wxpay/payscore.yaml} in the
 * {@code wxpay-spec} jar on the plugin's classpath). Immutable.
 */
public final class SpecSource {
    private final String location;
    private final ClassLoader classLoader;
    private final boolean bundled;

    private SpecSource(String location, ClassLoader classLoader) {
        this(location, classLoader, false);
    }

    private SpecSource(String location, ClassLoader classLoader, boolean bundled) {
        this.location = Objects.requireNonNull(location, "location");
        this.classLoader = classLoader;
        this.bundled = bundled;
    }

    /**
     * A document of the bundled whole-API spec, listed by its index in the {@code wxpay-spec} jar the plugin
     * depends on; only {@link BundledSpecs} makes these.
     */
    static SpecSource bundled(String location, ClassLoader classLoader) {
        return new SpecSource(location, Objects.requireNonNull(classLoader, "classLoader"), true);
    }

    /**
     * Whether this is a document of the bundled whole-API spec: text this project ships and checks in its own
     * build ({@code BundledProductsTest} runs {@link SpecGuard} over every one), so reading it skips that check.
     */
    boolean isBundled() {
        return bundled;
    }

    /** A spec file. */
    public static SpecSource file(Path file) {
        return new SpecSource(file.toAbsolutePath().normalize().toString(), null);
    }

    /** A resource of {@code classLoader}, such as {@code wxpay/v3/pay.yaml} in the {@code wxpay-spec} jar. */
    public static SpecSource resource(String location, ClassLoader classLoader) {
        return new SpecSource(location.startsWith("/") ? location.substring(1) : location,
                Objects.requireNonNull(classLoader, "classLoader"));
    }

    /**
     * {@code location} as a file when one exists there (resolved against {@code baseDirectory}), otherwise as a
     * resource of {@code classLoader}.
     */
    public static SpecSource fileOrResource(String location, Path baseDirectory, ClassLoader classLoader) {
        Path candidate = baseDirectory.resolve(location);
        if (candidate.toFile().isFile()) {
            return file(candidate);
        }
        return new SpecSource(location.startsWith("/") ? location.substring(1) : location,
                Objects.requireNonNull(classLoader, "classLoader"));
    }

    /** The absolute file path, or the resource name. */
    public String location() {
        return location;
    }

    /** Null for a file. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Whether this is a class path resource. */
    public boolean isResource() {
        return classLoader != null;
    }

    /** The file or resource name without directories, for generated headers (no absolute paths in output). */
    public String fileName() {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return location.substring(slash + 1);
    }

    @Override
    public String toString() {
        return isResource() ? "classpath:" + location : location;
    }
}
