package dev.wxpay.codegen.render;

import dev.wxpay.codegen.ClientIndexBuilder;
import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.SchemaModel;
import org.openapitools.codegen.TemplatingEngineLoader;
import org.openapitools.codegen.api.TemplatingEngineAdapter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 5: prints the client model through the registered {@link MustacheJavaEngineAdapter}, one source file per
 * class, in a fixed order, and the package's client index resource. Renders nothing it has to decide. Immutable
 * and thread-safe.
 */
public final class Renderer {
    private final TemplatingEngineAdapter engine;
    private final TemplateSource templates;

    public Renderer(TemplateSource templates) {
        this.templates = templates;
        this.engine = TemplatingEngineLoader.byIdentifier(MustacheJavaEngineAdapter.IDENTIFIER);
    }

    /**
     * Compiles every template now (Mustache.java caches them for {@link #render}), so that the work can happen
     * before the model is ready. A template that does not compile is left for {@link #render} to report, with
     * the class it was rendering.
     */
    public Renderer precompiled() {
        for (String template : TemplateSource.TEMPLATES) {
            try {
                ((MustacheJavaEngineAdapter) engine).compile(templates, template);
            } catch (RuntimeException e) {
                // Reported by render(), where the message can name the class being rendered.
            }
        }
        return this;
    }

    /** A rendered source file: its path relative to the output directory ('/'-separated) and its text. */
    public record RenderedFile(String relativePath, String content) {
    }

    /** Renders every class of the model. */
    public List<RenderedFile> render(ClientModel model) {
        List<RenderedFile> files = new ArrayList<>();
        classes(model, files);
        files.addAll(renderChain(model));
        notificationsAndIndex(model, files);
        return files;
    }

    /**
     * Renders every class of the model but its call-chain nodes (a product of a several-products run, before the
     * chain over all products exists; a product's chain nodes live in its {@code .chain} package, never in its
     * client index, so the index is the same before and after).
     */
    public List<RenderedFile> renderWithoutChain(ClientModel model) {
        List<RenderedFile> files = new ArrayList<>();
        classes(model, files);
        notificationsAndIndex(model, files);
        return files;
    }

    /** Renders the model's call-chain nodes only. */
    public List<RenderedFile> renderChain(ClientModel model) {
        List<RenderedFile> files = new ArrayList<>();
        for (ChainNodeModel node : model.chain()) {
            requireDownloadLeavesSection(node);
            files.add(file(model, node.packageName(), node.className(), "chain.mustache", node));
        }
        return files;
    }

    private void classes(ClientModel model, List<RenderedFile> files) {
        for (SchemaModel schema : model.schemas()) {
            files.add(file(model, schema.packageName(), schema.className(), "model.mustache", schema,
                    nestedClasses(model, schema)));
        }
        if (!model.apis().isEmpty()) {
            files.add(file(model, model.validation().packageName(), model.validation().className(),
                    "validation.mustache", model.validation()));
        }
        for (ApiClassModel api : model.apis()) {
            requireDownloadsSection(api);
            files.add(file(model, api.packageName(), api.className(), "api.mustache", api));
        }
    }

    private void notificationsAndIndex(ClientModel model, List<RenderedFile> files) {
        model.notifications().ifPresent(n -> files.add(file(model, n.packageName(), n.className(),
                "notifications.mustache", n)));
        // The index of the classes built from a client alone, a resource beside the sources (see ClientIndexModel).
        ClientIndexBuilder.build(model).ifPresent(index -> files.add(new RenderedFile(index.resourcePath(),
                text(model, index.resourcePath(), "index.mustache", index, List.of()))));
    }

    /**
     * A user's {@code api.mustache} written before file downloads existed would leave them out without a word: the
     * class would compile and the operations would be missing. Refused instead, naming the template and what it lost.
     */
    private void requireDownloadsSection(ApiClassModel api) {
        if (api.downloads().isEmpty() || templates.getFullTemplateContents("api.mustache").contains("{{#downloads}}")) {
            return;
        }
        List<String> operations = api.downloads().stream().map(OperationModel::operationId).toList();
        throw new GenerationException("The template " + templates.getFullTemplatePath("api.mustache")
                + " has no {{#downloads}} section, so " + api.className() + " would silently lose its file-download"
                + " operations " + operations + "; copy that section from the built-in api.mustache", List.of());
    }

    /** As {@link #requireDownloadsSection}, for a user's {@code chain.mustache} and the chain's download calls. */
    private void requireDownloadLeavesSection(ChainNodeModel node) {
        if (node.downloadLeaves().isEmpty()
                || templates.getFullTemplateContents("chain.mustache").contains("{{#downloadLeaves}}")) {
            return;
        }
        throw new GenerationException("The template " + templates.getFullTemplatePath("chain.mustache")
                + " has no {{#downloadLeaves}} section, so " + node.className() + " would silently lose the file"
                + " downloads of " + node.path() + "; copy that section from the built-in chain.mustache", List.of());
    }

    private RenderedFile file(ClientModel model, String packageName, String className, String template, Object scope) {
        return file(model, packageName, className, template, scope, List.of());
    }

    private RenderedFile file(ClientModel model, String packageName, String className, String template, Object scope,
                              List<String> nestedClasses) {
        return new RenderedFile(packageName.replace('.', '/') + "/" + className + ".java",
                text(model, className, template, scope, nestedClasses));
    }

    /**
     * The nested classes of {@code schema} printed by {@code modelClass.mustache}, deepest first, each indented
     * one level (four spaces) and without its last line break, as {@code modelClass.mustache} prints them.
     */
    private List<String> nestedClasses(ClientModel model, SchemaModel schema) {
        List<String> texts = new ArrayList<>();
        for (SchemaModel nested : schema.nested()) {
            String text = text(model, nested.qualifiedName(), "modelClass.mustache", nested,
                    nestedClasses(model, nested));
            texts.add(indented(text.stripTrailing()));
        }
        return texts;
    }

    /**
     * {@code text} with every non-empty line indented by four spaces, lines joined by a line break; lines before the
     * first non-empty one are dropped. Copied once: a class nested n levels deep is indented n times, and splitting
     * it into lines each time made this a fifth of a whole-API run's rendering allocation.
     */
    static String indented(String text) {
        StringBuilder indented = new StringBuilder(text.length() + text.length() / 4);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end;
            if (indented.length() != 0) {
                indented.append('\n');
            }
            if (stop > start) {
                indented.append("    ").append(text, start, stop);
            }
            start = stop + 1;
        }
        return indented.toString();
    }

    private String text(ClientModel model, String className, String template, Object scope,
                        List<String> nestedClasses) {
        Map<String, Object> bundle = new HashMap<>();
        bundle.put("specName", model.specName());
        bundle.put("nestedClasses", nestedClasses);
        bundle.put(MustacheJavaEngineAdapter.MODEL, scope);
        try {
            return engine.compileTemplate(templates, bundle, template);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GenerationException g) {
                throw g;
            }
            throw new GenerationException("Cannot render " + template + " for " + className + ": " + e.getMessage(), e);
        }
    }
}
