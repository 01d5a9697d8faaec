package dev.wxpay.codegen;

import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.codegen.read.SpecSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one generation run needs, checked on construction. Immutable and thread-safe.
 * Build with {@link #builder()}.
 */
public final class GenerationRequest {
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    private final SpecSource spec;
    private final String packageName;
    private final Path outputDirectory;
    private final Path templateDirectory;
    private final boolean lenient;
    private final boolean force;
    private final String generatorVersion;
    private final Path modelDumpFile;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<BundledSpecs.Product> products;

    private GenerationRequest(Builder b) {
        this.products = List.copyOf(b.products);
        this.spec = products.isEmpty() ? Objects.requireNonNull(b.spec, "spec") : products.get(0).source();
        if (b.spec != null && !products.isEmpty()) {
            throw new IllegalArgumentException("set either a spec (inputSpec) or products, not both");
        }
        this.packageName = Objects.requireNonNull(b.packageName, "packageName");
        if (!PACKAGE.matcher(packageName).matches()) {
            throw new IllegalArgumentException("packageName " + packageName
                    + " is not a lower-case Java package name such as dev.wxpay.payscore");
        }
        this.outputDirectory = Objects.requireNonNull(b.outputDirectory, "outputDirectory").toAbsolutePath().normalize();
        this.templateDirectory = b.templateDirectory == null ? null : b.templateDirectory.toAbsolutePath().normalize();
        this.lenient = b.lenient;
        this.force = b.force;
        this.generatorVersion = Objects.requireNonNull(b.generatorVersion, "generatorVersion");
        this.modelDumpFile = b.modelDumpFile;
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the spec is read from. */
    public SpecSource spec() {
        return spec;
    }

    /** The root package, e.g. {@code dev.wxpay.payscore}. */
    public String packageName() {
        return packageName;
    }

    /** The source root the files are written under. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** User templates overriding the built-in ones file by file; null for none. */
    public Path templateDirectory() {
        return templateDirectory;
    }

    /** Whether broken operations are reported and skipped instead of failing the run. */
    public boolean lenient() {
        return lenient;
    }

    /** Whether to generate even when the inputs are unchanged. */
    public boolean force() {
        return force;
    }

    /** The generator's version, part of the up-to-date check. */
    public String generatorVersion() {
        return generatorVersion;
    }

    /** Where to write the intermediate model as JSON (debugging); null for nowhere. */
    public Path modelDumpFile() {
        return modelDumpFile;
    }

    /** The bundled products to generate, in the order asked; empty when {@link #spec()} was given. */
    public List<BundledSpecs.Product> products() {
        return products;
    }

    /** Patterns of the operations to generate ({@code METHOD /path} globs or operationIds); empty for all. */
    public List<String> includes() {
        return includes;
    }

    /** Patterns of the operations not to generate, applied after {@link #includes()}. */
    public List<String> excludes() {
        return excludes;
    }

    @Override
    public String toString() {
        return "GenerationRequest{spec=" + spec + ", packageName=" + packageName + ", outputDirectory="
                + outputDirectory + ", templateDirectory=" + templateDirectory + ", lenient=" + lenient
                + ", force=" + force + ", includes=" + includes + ", excludes=" + excludes + "}";
    }

    /** Collects a request; not thread-safe. */
    public static final class Builder {
        private SpecSource spec;
        private String packageName;
        private Path outputDirectory;
        private Path templateDirectory;
        private boolean lenient;
        private boolean force;
        private String generatorVersion = "dev";
        private Path modelDumpFile;
        private List<String> includes = List.of();
        private List<String> excludes = List.of();
        private List<BundledSpecs.Product> products = List.of();

        private Builder() {
        }

        /** Products of the bundled spec, instead of {@link #spec(SpecSource)}; null means none. */
        public Builder products(List<BundledSpecs.Product> products) {
            this.products = products == null ? List.of() : products;
            return this;
        }

        /** Null means none. */
        public Builder includes(List<String> includes) {
            this.includes = includes == null ? List.of() : includes;
            return this;
        }

        /** Null means none. */
        public Builder excludes(List<String> excludes) {
            this.excludes = excludes == null ? List.of() : excludes;
            return this;
        }

        public Builder spec(SpecSource spec) {
            this.spec = spec;
            return this;
        }

        public Builder packageName(String packageName) {
            this.packageName = packageName;
            return this;
        }

        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
            return this;
        }

        public Builder templateDirectory(Path templateDirectory) {
            this.templateDirectory = templateDirectory;
            return this;
        }

        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        public Builder generatorVersion(String generatorVersion) {
            this.generatorVersion = generatorVersion;
            return this;
        }

        public Builder modelDumpFile(Path modelDumpFile) {
            this.modelDumpFile = modelDumpFile;
            return this;
        }

        public GenerationRequest build() {
            return new GenerationRequest(this);
        }
    }
}
