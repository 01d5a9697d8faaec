package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientIndexModel;
import dev.wxpay.codegen.model.ClientModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the client index of a generated package ({@link ClientIndexModel}): its API classes and its call-chain
 * root, the classes constructed from a {@code WechatPayClient} alone. Stateless and thread-safe.
 */
public final class ClientIndexBuilder {
    /** The kind of an API class (one per tag). */
    public static final String API = "api";
    /** The kind of the call chain's root ({@code Wxpay}). */
    public static final String CHAIN_ROOT = "chain-root";

    private ClientIndexBuilder() {
    }

    /**
     * @return the index of {@code model}'s package, empty when it has neither API classes nor a chain root (a
     *         product of a several-products run keeps its root in the run's root package, which gets its own index)
     */
    public static Optional<ClientIndexModel> build(ClientModel model) {
        List<ClientIndexModel.Entry> entries = new ArrayList<>();
        for (ApiClassModel api : model.apis()) {
            entries.add(new ClientIndexModel.Entry(api.packageName() + "." + api.className(), API));
        }
        for (ChainNodeModel node : model.chain()) {
            // Path nodes live in a ".chain" package and take path values too; only the root sits in the root package.
            if (node.packageName().equals(model.packageName())) {
                entries.add(new ClientIndexModel.Entry(node.packageName() + "." + node.className(), CHAIN_ROOT));
            }
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        entries.sort(Comparator.comparing(ClientIndexModel.Entry::qualifiedName));
        return Optional.of(new ClientIndexModel(ClientIndexModel.FOLDER + model.packageName() + ".properties",
                ClientIndexModel.FORMAT, model.packageName(), entries));
    }
}
