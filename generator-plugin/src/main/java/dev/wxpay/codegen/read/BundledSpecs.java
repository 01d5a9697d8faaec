package dev.wxpay.codegen.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.select.ClosestNames;
import io.swagger.v3.core.util.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole-API spec bundled in the {@code wxpay-spec} jar: one OpenAPI document per product under
 * {@value #ROOT}, listed by {@value #INDEX} ({@code products: [{name: pay, file: pay.yaml, operations: 42}, ...]}).
 * Lets the plugin generate products by name, with no spec file in the user's project. Immutable and thread-safe.
 */
public final class BundledSpecs {
    /** The resource folder of the product documents. */
    public static final String ROOT = "wxpay/v3/";
    /** The index of the products. */
    public static final String INDEX = ROOT + "index.yaml";

    private final ClassLoader classLoader;
    private final Map<String, Product> products;

    private BundledSpecs(ClassLoader classLoader, Map<String, Product> products) {
        this.classLoader = classLoader;
        this.products = Collections.unmodifiableMap(products);
    }

    /** Reads the index from {@code classLoader}; fails naming the index when it is missing or malformed. */
    public static BundledSpecs load(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader");
        JsonNode index;
        try (InputStream in = classLoader.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new GenerationException("The bundled spec index " + INDEX + " is not on the plugin's"
                        + " classpath (it comes with the wxpay-spec jar): set inputSpec to a spec file instead of"
                        + " products, or use a plugin version that bundles the whole API", List.of());
            }
            index = Yaml.mapper().readTree(in);
        } catch (IOException e) {
            throw new GenerationException("Cannot read the bundled spec index " + INDEX + ": " + e.getMessage(), e);
        }
        JsonNode list = index == null ? null : index.get("products");
        if (list == null || !list.isArray()) {
            throw new GenerationException("The bundled spec index " + INDEX + " has no products list", List.of());
        }
        Map<String, Product> products = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String name = entry.path("name").asText("");
            String file = entry.path("file").asText("");
            if (name.isEmpty() || file.isEmpty()) {
                throw new GenerationException("The bundled spec index " + INDEX + " has an entry without name or"
                        + " file at /products/" + i, List.of());
            }
            products.put(name, new Product(name, SpecSource.bundled(ROOT + file, classLoader),
                    entry.path("operations").asInt(-1)));
        }
        return new BundledSpecs(classLoader, products);
    }

    /** The product names, sorted. */
    public List<String> names() {
        return List.copyOf(products.keySet());
    }

    /**
     * The products named, in the order given (duplicates once); fails naming every unknown one with the closest
     * existing names.
     */
    public List<Product> select(List<String> names) {
        List<Product> selected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            Product product = products.get(name);
            if (product == null) {
                problems.add("product \"" + name + "\" is not in the bundled spec; "
                        + ClosestNames.describe(name, products.keySet()));
            } else if (!selected.contains(product)) {
                selected.add(product);
            }
        }
        if (!problems.isEmpty()) {
            throw new GenerationException("Unknown product" + (problems.size() == 1 ? "" : "s") + " (the bundled"
                    + " spec has " + products.size() + ", listed in " + INDEX + " of the wxpay-spec jar):", problems);
        }
        if (selected.isEmpty()) {
            throw new GenerationException("products is empty: name at least one of " + String.join(", ",
                    products.keySet()), List.of());
        }
        return List.copyOf(selected);
    }

    @Override
    public String toString() {
        return "BundledSpecs" + products.keySet() + " from " + classLoader;
    }

    /** One product of the bundled spec: its name, its document and the operation count the index states. */
    public record Product(String name, SpecSource source, int operations) {
    }
}
