package dev.wxpay.codegen.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import org.openapitools.codegen.api.TemplatingEngineAdapter;
import org.openapitools.codegen.api.TemplatingExecutor;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * OpenAPI Generator's templating engine slot filled with Mustache.java (registered in
 * {@code META-INF/services/org.openapitools.codegen.api.TemplatingEngineAdapter}, identifier
 * {@value #IDENTIFIER}). Templates are printed verbatim: no HTML escaping, since the model is already escaped for
 * Java. The bundle's {@code MUSTACHE_PARENT_CONTEXT} (if any) is the bottom scope, the bundle next, and the
 * bundle's {@value #MODEL} entry (our typed model object) the top. Compiled templates are cached per executor.
 * Thread-safe.
 */
public final class MustacheJavaEngineAdapter implements org.openapitools.codegen.api.TemplatingEngineAdapter {
    /** The engine identifier. */
    public static final String IDENTIFIER = "wxpay-mustache-java";
    /** The bundle key holding the object a template prints. */
    public static final String MODEL = "model";

    private final Map<TemplatingExecutor, DefaultMustacheFactory> factories =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String getIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public String[] getFileExtensions() {
        return new String[] {"mustache"};
    }

    @Override
    public String compileTemplate(TemplatingExecutor executor, Map<String, Object> bundle, String templateFile)
            throws java.io.IOException {
        DefaultMustacheFactory factory = factories.computeIfAbsent(executor, VerbatimFactory::new);
        Mustache mustache = factory.compile(templateFile);
        List<Object> scopes = new ArrayList<>();
        Object parent = bundle.get("MUSTACHE_PARENT_CONTEXT");
        if (parent != null) {
            scopes.add(parent);
        }
        scopes.add(bundle);
        Object model = bundle.get(MODEL);
        if (model != null) {
            scopes.add(model);
        }
        StringWriter out = new StringWriter();
        mustache.execute(out, scopes.toArray()).flush();
        return out.toString();
    }

    /** Compiles {@code templateFile} into the executor's cache without rendering it. */
    void compile(TemplatingExecutor executor, String templateFile) {
        factories.computeIfAbsent(executor, VerbatimFactory::new).compile(templateFile);
    }

    @Override
    public boolean templateExists(TemplatingExecutor executor, String templateFile) {
        try {
            executor.getFullTemplateContents(templateFile);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads templates through the executor and writes values as they are. */
    private static final class VerbatimFactory extends DefaultMustacheFactory {
        private final TemplatingExecutor executor;

        VerbatimFactory(TemplatingExecutor executor) {
            this.executor = executor;
        }

        @Override
        public Reader getReader(String resourceName) {
            return new StringReader(executor.getFullTemplateContents(resourceName));
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
