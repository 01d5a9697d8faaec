package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.NameAllocator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prepares a parsed spec for OpenAPI Generator, in place: removes operations lenient mode skips, derives
 * operationIds where the spec has none, and names inline schemas from where they sit. Stateless and thread-safe
 * (it mutates only the spec given).
 */
public final class SpecPreparer {
    private SpecPreparer() {
    }

    /** Removes the operations named in {@code problems} ({@code "METHOD path"}), returning them as skipped. */
    public static List<ClientModel.Skipped> removeOperations(OpenAPI api, Map<String, String> problems) {
        List<ClientModel.Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, String> problem : new TreeMap<>(problems).entrySet()) {
            String[] parts = problem.getKey().split(" ", 2);
            PathItem item = api.getPaths().get(parts[1]);
            Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
            item.operation(PathItem.HttpMethod.valueOf(parts[0]), null);
            skipped.add(new ClientModel.Skipped(parts[0] + " " + parts[1] + " ("
                    + (op.getOperationId() == null ? "no operationId" : op.getOperationId()) + ")", problem.getValue()));
            if (item.readOperations().isEmpty()) {
                api.getPaths().remove(parts[1]);
            }
        }
        return skipped;
    }

    /** The number of operations under {@code paths}. */
    public static int countOperations(OpenAPI api) {
        return api.getPaths().values().stream().mapToInt(i -> i.readOperations().size()).sum();
    }

    /** Derives missing operationIds, then names inline schemas (from those operationIds). */
    public static void prepare(OpenAPI api) {
        prepare(api, dev.wxpay.codegen.naming.ShortNames.MAX_SIMPLE_NAME);
    }

    /** As {@link #prepare(OpenAPI)}, giving inline schemas names of at most {@code maxName} characters. */
    public static void prepare(OpenAPI api, int maxName) {
        deriveOperationIds(api);
        new InlineSchemaNamer(api, maxName).run();
    }

    /**
     * Gives every operation without an operationId one derived from its method and path, the way the call
     * chain spells it: {@code POST /v3/payscore/sign-plan/partner/user-sign-plans} gives
     * {@code postPayscoreSignPlanPartnerUserSignPlans}; a parameter segment adds {@code By} and its name.
     * Spec operationIds are kept; a derived id that clashes gets a numbered suffix, in path order.
     */
    static void deriveOperationIds(OpenAPI api) {
        NameAllocator ids = new NameAllocator();
        Map<String, PathItem> paths = new TreeMap<>(api.getPaths());
        for (PathItem item : paths.values()) {
            for (Operation op : item.readOperations()) {
                if (op.getOperationId() != null) {
                    ids.reserve(op.getOperationId());
                }
            }
        }
        for (Map.Entry<String, PathItem> path : paths.entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                if (entry.getValue().getOperationId() == null) {
                    String derived = derivedOperationId(entry.getKey().name(), path.getKey());
                    entry.getValue().setOperationId(ids.newName(derived, entry.getKey() + " " + path.getKey()));
                }
            }
        }
    }

    /** {@code ("POST", "/v3/pay/transactions/id/{transaction_id}")} gives {@code postPayTransactionsIdByTransactionId}. */
    public static String derivedOperationId(String method, String path) {
        StringBuilder name = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.matches("v\\d+")) {
                continue;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                name.append("By").append(JavaNames.pascal(segment.substring(1, segment.length() - 1)));
            } else {
                name.append(JavaNames.pascal(segment));
            }
        }
        return name.toString();
    }
}
