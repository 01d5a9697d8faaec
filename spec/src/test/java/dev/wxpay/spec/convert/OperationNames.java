package dev.wxpay.spec.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one rule that names every converted operation and its resource tag, from nothing but the operation's own
 * HTTP method and path (so adding an operation never renames another). Stateless and thread-safe.
 *
 * <p>operationId = verb + the path's segments after {@code /v3/}, each in UpperCamel (words split at {@code -},
 * {@code _} and {@code .}):
 * <ol>
 *   <li>verb: {@code GET} get, {@code POST} create, {@code PATCH} update, {@code PUT} replace, {@code DELETE}
 *       delete; except that a {@code POST} whose last segment is one of the {@link #ACTIONS action words}
 *       ({@code close}, {@code cancel}, {@code apply}, …) takes that word as its verb and drops the segment;</li>
 *   <li>a path parameter after a plural segment names one of that collection: the segment is singularised and
 *       the parameter dropped ({@code refunds/{out_refund_no}} is {@code Refund});</li>
 *   <li>a path parameter after a segment that names it (the segment's words are the last words of the
 *       parameter: {@code out-trade-no/{out_trade_no}}, {@code id/{transaction_id}}) becomes {@code By} + that
 *       segment, and a plural segment before it is singularised
 *       ({@code transactions/out-trade-no/{out_trade_no}} is {@code TransactionByOutTradeNo});</li>
 *   <li>any other path parameter becomes {@code By} + the parameter's name ({@code applyment/{business_code}} is
 *       {@code ApplymentByBusinessCode}).</li>
 * </ol>
 * Examples: {@code GET /v3/refund/domestic/refunds/{out_refund_no}} is {@code getRefundDomesticRefund};
 * {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close} is {@code closePayTransactionByOutTradeNo}.
 * Verbs of different methods never coincide (action words exclude get, create, update, replace and delete), and
 * the converter checks that the names are unique across the whole API.
 *
 * <p>Tag = UpperCamel of the product (the first segment after {@code /v3/}) and of the next segment when it is
 * not a parameter: {@code /v3/pay/transactions/jsapi} is {@code PayTransactions}, {@code /v3/certificates} is
 * {@code Certificates}; when the two together pass {@link #MAX_TAG} characters, the resource alone
 * ({@code /v3/transaction-block/transaction-block-submissions} is {@code TransactionBlockSubmissions}).
 */
public final class OperationNames {
    /** Last path segments of a POST that are verbs: the operation is named after the action. */
    public static final Set<String> ACTIONS = Set.of("activate", "add", "alter", "apply", "assign", "associate", "bind",
            "build", "cancel", "check", "claim", "close", "commit", "complete", "confirm", "deactivate", "deposit",
            "disassociate", "echo", "freeze", "import", "invalidate", "issue", "lock", "mark", "modify", "notify", "pause",
            "preauthorize", "prebind", "prepare", "presign", "publish", "punch", "punish", "query", "recover",
            "redeclare", "refund", "rename", "renew", "report", "restart", "resume", "return", "reverse", "revoke",
            "send", "start", "stop", "submit", "sync", "terminate", "transform", "try", "unbind", "unfreeze", "unlock",
            "upgrade", "upload", "use", "withdraw");
    /** Longest tag made of product and resource; a longer one is the resource alone. */
    public static final int MAX_TAG = 40;
    private static final Map<String, String> VERBS = Map.of(
            "GET", "get", "POST", "create", "PATCH", "update", "PUT", "replace", "DELETE", "delete");

    private OperationNames() {
    }

    /** The operationId of {@code method path}; the path starts with {@code /v3/}. */
    public static String operationId(String method, String path) {
        String verb = VERBS.get(method.toUpperCase(Locale.ROOT));
        if (verb == null) {
            throw new IllegalArgumentException("Not an HTTP method of an operation: " + method + " " + path);
        }
        List<String> segments = segments(path);
        if (verb.equals("create") && !segments.isEmpty() && ACTIONS.contains(segments.get(segments.size() - 1))) {
            verb = segments.remove(segments.size() - 1);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!isParameter(segment)) {
                parts.add(upperCamel(words(segment)));
                continue;
            }
            String parameter = segment.substring(1, segment.length() - 1);
            String previous = i > 0 && !isParameter(segments.get(i - 1)) ? segments.get(i - 1) : null;
            if (previous != null && isPlural(words(previous))) {
                parts.set(parts.size() - 1, upperCamel(singular(words(previous))));
            } else if (previous != null && namesParameter(words(previous), words(parameter))) {
                parts.set(parts.size() - 1, "By" + upperCamel(words(previous)));
                String before = i > 1 && !isParameter(segments.get(i - 2)) ? segments.get(i - 2) : null;
                if (before != null && isPlural(words(before))) {
                    parts.set(parts.size() - 2, upperCamel(singular(words(before))));
                }
            } else {
                parts.add("By" + upperCamel(words(parameter)));
            }
        }
        return verb + String.join("", parts);
    }

    /** The ASCII tag of the resource {@code path} belongs to. */
    public static String tag(String path) {
        List<String> segments = segments(path);
        String product = upperCamel(words(segments.get(0)));
        if (segments.size() < 2 || isParameter(segments.get(1))) {
            return product;
        }
        String resource = upperCamel(words(segments.get(1)));
        // the API class is the tag + "Api": keep it well inside 50 characters
        return product.length() + resource.length() > MAX_TAG ? resource : product + resource;
    }

    /** The product of {@code path}: its first segment after {@code /v3/}. */
    public static String product(String path) {
        return segments(path).get(0);
    }

    private static List<String> segments(String path) {
        if (!path.startsWith("/v3/")) {
            throw new IllegalArgumentException("Not a WeChat Pay v3 path (expected /v3/...): " + path);
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.substring(4).split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("No product segment after /v3/: " + path);
        }
        return segments;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> words(String segment) {
        List<String> words = new ArrayList<>();
        for (String w : segment.toLowerCase(Locale.ROOT).split("[-_.{}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static String upperCamel(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            out.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        }
        return out.toString();
    }

    /** English plural by its ending; words ending in ss, us or is (status, basis) are not plural. */
    private static boolean isPlural(List<String> words) {
        String last = words.isEmpty() ? "" : words.get(words.size() - 1);
        return last.length() > 3 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("us") && !last.endsWith("is");
    }

    private static List<String> singular(List<String> words) {
        List<String> out = new ArrayList<>(words);
        String last = out.get(out.size() - 1);
        String one = last.endsWith("ies") ? last.substring(0, last.length() - 3) + "y"
                : last.endsWith("ches") || last.endsWith("shes") || last.endsWith("sses") || last.endsWith("xes")
                ? last.substring(0, last.length() - 2) : last.substring(0, last.length() - 1);
        out.set(out.size() - 1, one);
        return out;
    }

    /** True when the segment's words are the last words of the parameter's ({@code id} names {@code transaction_id}). */
    private static boolean namesParameter(List<String> segment, List<String> parameter) {
        if (segment.isEmpty() || segment.size() > parameter.size()) {
            return false;
        }
        return parameter.subList(parameter.size() - segment.size(), parameter.size()).equals(segment)
                || String.join("", parameter).equals(String.join("", segment));
    }
}
