package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.render.Renderer;
import dev.wxpay.codegen.write.OutputWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The files of a generation run, rendered as the run goes and kept as UTF-8 until every product is done (nothing
 * is written before the whole run has modelled and rendered without error). A product of a several-products run is
 * rendered as soon as it is modelled, except its call-chain nodes, which only exist once every product is known;
 * what the chain still needs of it (its API classes) is all that is kept of its model. So a whole-API run holds one
 * product's model at a time plus the finished files, instead of 81 models and their texts as strings. Counts the
 * operations and model classes rendered. Not thread-safe: one instance per run, on the generating thread.
 */
final class RenderedFiles {
    private final Supplier<Renderer> renderer;
    private final List<OutputWriter.EncodedFile> files = new ArrayList<>();
    private int operations;
    private int schemas;
    private long nanos;

    /** {@code renderer} is asked for when the first file is rendered (its templates may still be compiling). */
    RenderedFiles(Supplier<Renderer> renderer) {
        this.renderer = renderer;
    }

    /**
     * Renders a product of a several-products run (it has no chain nodes yet) and returns what the chain needs of
     * it, or the whole model when {@code keepWhole} (the model dump prints it).
     */
    ClientModel product(ClientModel product, boolean keepWhole) {
        if (!product.chain().isEmpty()) {
            throw new IllegalArgumentException("product " + product.packageName() + " already has chain nodes");
        }
        add(product, false);
        return keepWhole ? product : new ClientModel(product.specName(), product.packageName(), List.of(),
                product.apis(), product.validation(), List.of(), Optional.empty(), product.skipped());
    }

    /** Renders the chain nodes of a product already rendered by {@link #product}, now joined to the others. */
    void chainOf(ClientModel joinedProduct) {
        long start = System.nanoTime();
        for (Renderer.RenderedFile file : renderer.get().renderChain(joinedProduct)) {
            files.add(encode(file));
        }
        nanos += System.nanoTime() - start;
    }

    /** Renders every class of {@code model} (one spec's client, or the root of a several-products run). */
    void whole(ClientModel model) {
        add(model, true);
    }

    private void add(ClientModel model, boolean withChain) {
        long start = System.nanoTime();
        for (Renderer.RenderedFile file : withChain ? renderer.get().render(model)
                : renderer.get().renderWithoutChain(model)) {
            files.add(encode(file));
        }
        for (ApiClassModel api : model.apis()) {
            operations += api.operations().size() + api.downloads().size();
        }
        schemas += model.schemas().size();
        nanos += System.nanoTime() - start;
    }

    private static OutputWriter.EncodedFile encode(Renderer.RenderedFile file) {
        return new OutputWriter.EncodedFile(file.relativePath(), file.content().getBytes(StandardCharsets.UTF_8));
    }

    /** The files rendered so far, in rendering order. */
    List<OutputWriter.EncodedFile> files() {
        return files;
    }

    /** Operations (downloads included) of the API classes rendered. */
    int operations() {
        return operations;
    }

    /** Model classes rendered (top-level ones). */
    int schemas() {
        return schemas;
    }

    /** Time spent rendering and encoding, in milliseconds. */
    long millis() {
        return nanos / 1_000_000;
    }
}
