package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.ValidationModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the products of a several-products run under one call chain: builds the chain over every product's
 * operations, gives each product the chain nodes of its own {@code chain} package, and returns one more model,
 * the root, holding {@code <root>.Wxpay} and the nodes several products share (such as {@code /v3}). Stateless
 * and thread-safe.
 */
final class ProductChains {
    private ProductChains() {
    }

    /**
     * @param rootPackage the run's package name; the root class is {@code <rootPackage>.Wxpay}
     * @param products    each product's model, built without a chain, in a stable order
     * @param rootName    what the root model's generated header names as its source
     * @return the products' models with their chain nodes, then the root model
     */
    static List<ClientModel> join(String rootPackage, List<ClientModel> products, String rootName) {
        List<ChainBuilder.Product> chainProducts = new ArrayList<>();
        for (ClientModel product : products) {
            chainProducts.add(new ChainBuilder.Product(product.packageName(), product.apis()));
        }
        List<ChainNodeModel> chain = new ChainBuilder(rootPackage).build(chainProducts);
        List<ClientModel> joined = new ArrayList<>();
        for (ClientModel product : products) {
            String chainPackage = product.packageName() + ".chain";
            List<ChainNodeModel> own = chain.stream().filter(n -> n.packageName().equals(chainPackage)).toList();
            joined.add(new ClientModel(product.specName(), product.packageName(), product.schemas(), product.apis(),
                    product.validation(), own, product.notifications(), product.skipped()));
        }
        String sharedChain = rootPackage + ".chain";
        List<ChainNodeModel> shared = chain.stream().filter(n -> n.packageName().equals(rootPackage)
                || n.packageName().equals(sharedChain)).toList();
        ValidationModel none = new ValidationModel(rootPackage + ".api", "RequestValidation", List.of(), List.of());
        joined.add(new ClientModel(rootName, rootPackage, List.of(), List.of(), none, shared,
                java.util.Optional.empty(), List.of()));
        return joined;
    }
}
