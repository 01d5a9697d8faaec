package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything one generation run needs, checked on construction. Immutable and thread-safe.
 * Build with {@link #builder()}.
 *
 * <p>A run reads either one spec ({@link Builder#spec}: the classic layout, {@code <packageName>.api},
 * {@code .model}, {@code .chain}, {@code .notification}) or several products ({@link Builder#product}, called once
 * per product): each product's classes go to {@code <packageName>.<product>.api}, {@code .model}, {@code .chain}
 * and {@code .notification}, and one chain root {@code <packageName>.Wxpay} reaches every product's operations.
 */
public final class GenerationRequest {
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    private static final Pattern PRODUCT = Pattern.compile("[a-z][a-z0-9_-]*");

    private final SpecSource spec;
    private final List<Product> products;
    private final String packageName;
    private final Path outputDirectory;
    private final Path templateDirectory;
    private final boolean lenient;
    private final boolean force;
    private final String generatorVersion;
    private final Path modelDumpFile;
    private final List<String> includes;
    private final List<String> excludes;

    private GenerationRequest(Builder b) {
        if ((b.spec == null) == b.products.isEmpty()) {
            throw new IllegalArgumentException(b.spec == null
                    ? "spec: give a spec, or one or more products (name and spec)"
                    : "spec: give either one spec or products, not both");
        }
        this.spec = b.spec;
        this.products = List.copyOf(b.products);
        Set<String> segments = new HashSet<>();
        for (Product product : products) {
            if (!segments.add(product.packageSegment())) {
                throw new IllegalArgumentException("products: " + product.name() + " is given twice (or two product"
                        + " names give the package segment " + product.packageSegment() + ")");
            }
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

    /** Where the spec of a single-spec run is read from; null when the run has {@link #products()}. */
    public SpecSource spec() {
        return spec;
    }

    /** The products of a several-products run, in the order given; empty for a single-spec run. */
    public List<Product> products() {
        return products;
    }

    /** Whether this run generates several products (each in its own sub-package). */
    public boolean hasProducts() {
        return !products.isEmpty();
    }

    /** Every spec this run reads: the one spec, or each product's, in order. */
    public List<SpecSource> specs() {
        return spec != null ? List.of(spec) : products.stream().map(Product::spec).toList();
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
        return "GenerationRequest{" + (spec != null ? "spec=" + spec : "products=" + products) + ", packageName="
                + packageName + ", outputDirectory=" + outputDirectory + ", templateDirectory=" + templateDirectory
                + ", lenient=" + lenient + ", force=" + force + ", includes=" + includes + ", excludes=" + excludes
                + "}";
    }

    /**
     * One product of a several-products run: its name (as in the bundled index, e.g. {@code pay},
     * {@code new-tax-control-fapiao}) and where its spec is read from. Immutable and thread-safe.
     *
     * @param name lower case letters, digits, {@code -} and {@code _}, starting with a letter
     * @param spec the product's spec
     */
    public record Product(String name, SpecSource spec) {
        public Product {
            Objects.requireNonNull(name, "product name");
            Objects.requireNonNull(spec, "spec of product " + name);
            if (!PRODUCT.matcher(name).matches()) {
                throw new IllegalArgumentException("product name " + name + " is not lower-case letters, digits,"
                        + " '-' and '_' starting with a letter, such as pay or new-tax-control-fapiao");
            }
        }

        /**
         * The Java package segment of the product: the name with {@code -} written as {@code _}
         * ({@code new-tax-control-fapiao} gives {@code new_tax_control_fapiao}), and a Java keyword followed by
         * {@code _} ({@code new} gives {@code new_}).
         */
        public String packageSegment() {
            String segment = name.toLowerCase(Locale.ROOT).replace('-', '_');
            return dev.wxpay.codegen.naming.JavaNames.RESERVED.contains(segment) ? segment + "_" : segment;
        }

        @Override
        public String toString() {
            return name + "=" + spec;
        }
    }

    /** Collects a request; not thread-safe. */
    public static final class Builder {
        private SpecSource spec;
        private final List<Product> products = new ArrayList<>();
        private String packageName;
        private Path outputDirectory;
        private Path templateDirectory;
        private boolean lenient;
        private boolean force;
        private String generatorVersion = "dev";
        private Path modelDumpFile;
        private List<String> includes = List.of();
        private List<String> excludes = List.of();

        private Builder() {
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

        /** Adds a product of a several-products run; call once per product. */
        public Builder product(String name, SpecSource spec) {
            this.products.add(new Product(name, spec));
            return this;
        }

        /** Adds the products of a several-products run, in order. */
        public Builder products(List<Product> products) {
            this.products.addAll(products);
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
