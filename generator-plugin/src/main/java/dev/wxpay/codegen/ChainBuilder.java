package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import dev.wxpay.codegen.naming.NameAllocator;
import dev.wxpay.codegen.naming.ShortNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the call chain: the root class {@code Wxpay} and one class per path node, mirroring the path.
 *
 * <p>Shape: each literal segment is a method ({@code sign-plan} gives {@code signPlan()}); a parameter segment is
 * folded into the literal segment before it, which then takes the value
 * ({@code merchant-sign-plan-no/{merchant_sign_plan_no}} gives {@code merchantSignPlanNo(String)}, and
 * {@code merchantSignPlanNo()} still exists when the literal path has operations or other children); a parameter
 * segment with no literal before it is a method named after the parameter. A node with operations offers
 * {@code get/post/put/patch/delete} taking the query parameters (declared order) and then the body, plus
 * {@code ...Async} twins; a file download is a {@code get} taking the query parameters and then an
 * {@code OutputStream} or a {@code Path}, with no async twin.
 *
 * <p>Packages: the root class is in the root package. A path node whose operations all belong to one product is
 * in that product's {@code chain} package; a node shared by several products (such as {@code /v3}) is in the root
 * package's {@code chain}. With one product whose package is the root package (a single-spec run) every node is
 * in {@code <root>.chain}. One instance per run; not thread-safe.
 */
final class ChainBuilder {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    private final String rootPackage;

    /** @param rootPackage the package of the root class {@code Wxpay} */
    ChainBuilder(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    /**
     * The API classes of one product and the package they were generated under (its {@code api} and
     * {@code model} packages are below it).
     */
    record Product(String packageName, List<ApiClassModel> apis) {
    }

    /** Which product package and API class an operation belongs to. */
    private record Owner(String productPackage, String apiClass) {
    }

    /** A node of the path tree while it is being built. */
    private static final class Node {
        final String path;               // e.g. /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}
        final List<String> params;       // path parameters collected from the root down to here, in order
        final Map<String, Step> steps = new TreeMap<>(); // by the child's path
        final List<OperationModel> operations = new ArrayList<>();
        final Set<String> products = new TreeSet<>(); // the product packages of the operations at or below
        String className;

        Node(String path, List<String> params) {
            this.path = path;
            this.params = params;
        }
    }

    /** How a parent reaches a child: a method name suggestion and the parameters it takes. */
    private record Step(String suggestion, List<String> newParams, Node target) {
    }

    /** The chain of a single-spec run: every node in {@code <root>.chain}. */
    List<ChainNodeModel> buildSingle(List<ApiClassModel> apis) {
        return build(List.of(new Product(rootPackage, apis)));
    }

    /** The chain over every product's operations: the root class first, then the path nodes by class name. */
    List<ChainNodeModel> build(List<Product> products) {
        Map<String, Owner> ownerByOperation = new TreeMap<>();
        List<OperationModel> operations = new ArrayList<>();
        for (Product product : products) {
            for (ApiClassModel api : product.apis()) {
                for (OperationModel op : concat(api.operations(), api.downloads())) {
                    ownerByOperation.put(op.path() + " " + op.httpMethod(),
                            new Owner(product.packageName(), api.className()));
                    operations.add(op);
                }
            }
        }
        operations.sort(java.util.Comparator.comparing(OperationModel::path).thenComparing(OperationModel::httpMethod));
        Node root = new Node("", List.of());
        Map<String, Node> nodes = new TreeMap<>();
        for (OperationModel op : operations) {
            String productPackage = ownerByOperation.get(op.path() + " " + op.httpMethod()).productPackage();
            node(root, nodes, op.path(), productPackage).operations.add(op);
        }
        prune(root, nodes);
        NameAllocator classNames = new NameAllocator().reserve("Wxpay");
        root.className = "Wxpay";
        for (Node node : nodes.values()) {
            String name = className(node.path);
            node.className = ShortNames.allocate(classNames, name.isEmpty() || !Character.isLetter(name.charAt(0))
                    ? "Path" + name : name, node.path, ShortNames.maxSimpleName(packageOf(node)));
        }
        List<ChainNodeModel> result = new ArrayList<>();
        result.add(render(root, ownerByOperation));
        for (Node node : nodes.values()) {
            result.add(render(node, ownerByOperation));
        }
        return result;
    }

    /** Drops literal nodes that only led to a folded parameter segment (no operations, no steps). */
    private static void prune(Node root, Map<String, Node> nodes) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> dead = new TreeSet<>();
            for (Node node : nodes.values()) {
                if (node.operations.isEmpty() && node.steps.isEmpty()) {
                    dead.add(node.path);
                }
            }
            if (!dead.isEmpty()) {
                changed = true;
                nodes.keySet().removeAll(dead);
                root.steps.keySet().removeAll(dead);
                for (Node node : nodes.values()) {
                    node.steps.keySet().removeAll(dead);
                }
            }
        }
    }

    /** Finds or creates the node for {@code path}, creating the steps that lead to it. */
    private Node node(Node root, Map<String, Node> nodes, String path, String productPackage) {
        String[] segments = path.split("/");
        Node current = root;
        root.products.add(productPackage);
        StringBuilder prefix = new StringBuilder();
        Node beforeLiteral = root; // the parent of the last literal segment
        String lastLiteral = null;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            prefix.append('/').append(segment);
            List<String> segmentParams = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(segment);
            while (m.find()) {
                segmentParams.add(m.group(1));
            }
            String key = prefix.toString();
            List<String> params = new ArrayList<>(current.params);
            params.addAll(segmentParams);
            Node child = nodes.computeIfAbsent(key, k -> new Node(k, List.copyOf(params)));
            child.products.add(productPackage);
            if (segmentParams.isEmpty()) {
                current.steps.putIfAbsent(key, new Step(literalMethod(segment), List.of(), child));
                beforeLiteral = current;
                lastLiteral = segment;
            } else if (lastLiteral != null && beforeLiteral != null && PLACEHOLDER.matcher(segment).replaceAll("").isEmpty()) {
                // literal/{param}: the literal's method takes the value, called on the literal's parent.
                beforeLiteral.steps.putIfAbsent(key, new Step(literalMethod(lastLiteral), segmentParams, child));
                lastLiteral = null;
                beforeLiteral = null;
            } else {
                current.steps.putIfAbsent(key, new Step(paramMethod(segmentParams.get(0)), segmentParams, child));
                lastLiteral = null;
                beforeLiteral = null;
            }
            current = child;
        }
        return current;
    }

    /** Methods of {@code Object} a chain step must not override or clash with ({@code /notify} is a real segment). */
    private static final Set<String> OBJECT_METHODS = Set.of("getClass", "hashCode", "equals", "toString", "notify",
            "notifyAll", "wait", "clone", "finalize");

    private static String literalMethod(String segment) {
        String camel = JavaNames.camel(segment);
        if (camel.isEmpty()) {
            return "segment";
        }
        return OBJECT_METHODS.contains(camel) ? camel + "Segment" : JavaNames.safeIdentifier(camel, "Segment");
    }

    private static String paramMethod(String param) {
        String camel = JavaNames.camel(param);
        return JavaNames.safeIdentifier(camel.isEmpty() ? "param" : camel, "Value");
    }

    /**
     * {@code /v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop} gives
     * {@code V3PayscorePlanPayscorePlansMerchantPlanNoStop}: a parameter named like the literal before it adds
     * nothing.
     */
    static String className(String path) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String segment : path.split("/")) {
            String pascal = JavaNames.pascal(segment.replace("{", "").replace("}", ""));
            if (segment.startsWith("{") && pascal.equals(previous)) {
                continue;
            }
            out.append(pascal);
            previous = pascal;
        }
        return out.toString();
    }

    /** The package of {@code node}'s class (see the class comment). */
    private String packageOf(Node node) {
        if (node.path.isEmpty()) {
            return rootPackage;
        }
        return (node.products.size() == 1 ? node.products.iterator().next() : rootPackage) + ".chain";
    }

    private ChainNodeModel render(Node node, Map<String, Owner> ownerByOperation) {
        boolean isRoot = node.path.isEmpty();
        String packageName = packageOf(node);
        Set<String> imports = new TreeSet<>(List.of("dev.wxpay.runtime.WechatPayClient", "java.util.Objects"));
        NameAllocator fieldNames = new NameAllocator().reserve("client");
        List<ChainNodeModel.Field> fields = new ArrayList<>();
        fields.add(new ChainNodeModel.Field("WechatPayClient", "client", "Objects.requireNonNull(client, \"client\")"));
        StringBuilder constructor = new StringBuilder("WechatPayClient client");
        Map<String, String> fieldByParam = new LinkedHashMap<>();
        for (String param : node.params) {
            String name = fieldNames.newName(paramMethod(param), param);
            fieldByParam.put(param, name);
            fields.add(new ChainNodeModel.Field("String", name, name));
            constructor.append(", String ").append(name);
        }

        // Leaves first: their signatures win over a literal segment that happens to be called "get".
        Set<String> signatures = new TreeSet<>();
        Calls calls = calls(node, fieldByParam, ownerByOperation, imports, signatures);
        List<ChainNodeModel.Child> children = new ArrayList<>();
        for (Step step : node.steps.values()) {
            String name = step.suggestion();
            String signature = name + "#" + step.newParams().size();
            if (signatures.contains(signature)) {
                name = name + (step.newParams().isEmpty() ? "Segment"
                        : "By" + JavaNames.pascal(String.join("_", step.newParams())));
                signature = name + "#" + step.newParams().size();
            }
            signatures.add(signature);
            NameAllocator argumentNames = new NameAllocator().reserve(fields.stream().map(ChainNodeModel.Field::name)
                    .toArray(String[]::new));
            List<String> declarations = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            arguments.add("client");
            for (String param : node.params) {
                arguments.add(fieldByParam.get(param));
            }
            List<String> parameterDocs = new ArrayList<>();
            for (String param : step.newParams()) {
                String argument = argumentNames.newName(paramMethod(param), param);
                declarations.add("String " + argument);
                arguments.add(argument);
                parameterDocs.add(argument + " the value of the path parameter {@code " + JavaText.javadocInline(param) + "}");
            }
            String targetPackage = packageOf(step.target());
            if (!targetPackage.equals(packageName)) {
                imports.add(targetPackage + "." + step.target().className);
            }
            String javadoc = step.newParams().isEmpty()
                    ? "The {@code " + JavaText.javadocInline(step.target().path) + "} path."
                    : "The {@code " + JavaText.javadocInline(step.target().path) + "} path, with the value of "
                    + String.join(", ", step.newParams().stream().map(p -> "{@code " + JavaText.javadocInline(p) + "}")
                    .toList()) + " (percent-encoded as one path segment when sent).";
            children.add(new ChainNodeModel.Child(name, String.join(", ", declarations), step.target().className,
                    String.join(", ", arguments), javadoc, parameterDocs));
        }
        List<String> javadoc = new ArrayList<>();
        if (isRoot) {
            javadoc.add(" The entry of the call chain, mirroring the API paths: each path segment is a method, a path");
            javadoc.add(" parameter segment takes its value, and a path with operations offers {@code get/post/...}");
            javadoc.add(" returning {@link dev.wxpay.runtime.ApiResponse}, with {@code ...Async} twins. For example");
            javadoc.add(" {@code new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(request)}.");
        } else {
            javadoc.add(" The path {@code " + JavaText.javadocInline(node.path) + "} of the call chain.");
        }
        List<String> constructorJavadoc = new ArrayList<>();
        if (isRoot) {
            constructorJavadoc.add(" Starts call chains over a configured client.");
            constructorJavadoc.add("");
            constructorJavadoc.add(" @param client signs, sends and verifies the calls; not null");
        } else {
            constructorJavadoc.add(" Creates this step of the call chain; start from {@code Wxpay} rather than calling this.");
            constructorJavadoc.add("");
            for (ChainNodeModel.Field field : fields) {
                constructorJavadoc.add(" @param " + field.name() + (field.name().equals("client")
                        ? " the client" : " a path value collected so far"));
            }
        }
        return new ChainNodeModel(isRoot ? "/" : node.path, packageName, node.className, List.copyOf(imports),
                javadoc, constructorJavadoc, fields, constructor.toString(), children, calls.leaves(),
                calls.downloads());
    }

    /** The calls a node offers: one leaf per JSON operation, one download leaf per file download. */
    private record Calls(List<ChainNodeModel.Leaf> leaves, List<ChainNodeModel.DownloadLeaf> downloads) {
    }

    /**
     * The calls on {@code node}'s own path, by HTTP method; each adds its imports and its signature (method name
     * and parameter count) to the given sets.
     */
    private static Calls calls(Node node, Map<String, String> fieldByParam, Map<String, Owner> ownerByOperation,
                               Set<String> imports, Set<String> signatures) {
        List<ChainNodeModel.Leaf> leaves = new ArrayList<>();
        List<ChainNodeModel.DownloadLeaf> downloads = new ArrayList<>();
        node.operations.sort((a, b) -> a.httpMethod().compareTo(b.httpMethod()));
        for (OperationModel op : node.operations) {
            String method = op.httpMethod().toLowerCase(Locale.ROOT);
            Owner owner = owner(op, ownerByOperation);
            List<String> declarations = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            List<ChainNodeModel.ParamDoc> docs = new ArrayList<>();
            for (ParameterModel p : op.parameters()) {
                if (p.location().equals("path")) {
                    arguments.add(fieldByParam.get(p.wireName()));
                } else {
                    docs.add(new ChainNodeModel.ParamDoc(p.javaName(), p.description()));
                    declarations.add(p.javaType() + " " + p.javaName());
                    arguments.add(p.javaName());
                    addImports(imports, p.javaType(), owner.productPackage());
                }
            }
            String apiClass = owner.apiClass();
            imports.add(owner.productPackage() + ".api." + apiClass);
            List<String> javadoc = new ArrayList<>(op.javadoc());
            javadoc.add("");
            javadoc.add(" @see " + apiClass + "#" + op.methodName());
            if (op.download()) {
                // Two overloads, each with one more parameter (the stream or the file); types are written in full.
                signatures.add(method + "#" + (declarations.size() + 1));
                // Path values as this.field: a query parameter may be called like a path field, or "out".
                List<String> qualified = op.parameters().stream().map(p -> p.location().equals("path")
                        ? "this." + fieldByParam.get(p.wireName()) : p.javaName()).toList();
                downloads.add(new ChainNodeModel.DownloadLeaf(method, leading(declarations), apiClass,
                        op.methodName(), leading(qualified), javadoc, docs));
                continue;
            }
            signatures.add(method + "#" + declarations.size());
            imports.add("dev.wxpay.runtime.ApiResponse");
            imports.add("java.util.concurrent.CompletableFuture");
            addImports(imports, op.responseType(), owner.productPackage());
            leaves.add(new ChainNodeModel.Leaf(method, method + "Async", String.join(", ", declarations),
                    op.responseType(), apiClass, op.withHttpInfoName(), op.asyncName(),
                    String.join(", ", arguments), javadoc, docs));
        }
        return new Calls(leaves, downloads);
    }

    /** {@code parts} joined with {@code ", "} and followed by one, or empty when there are none. */
    private static String leading(List<String> parts) {
        return parts.isEmpty() ? "" : String.join(", ", parts) + ", ";
    }

    private static List<OperationModel> concat(List<OperationModel> first, List<OperationModel> second) {
        List<OperationModel> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Owner owner(OperationModel op, Map<String, Owner> ownerByOperation) {
        return ownerByOperation.get(op.path() + " " + op.httpMethod());
    }

    /** The imports {@code javaType} needs in a chain class (a nested model class imports its top-level class). */
    private static void addImports(Set<String> imports, String javaType, String productPackage) {
        imports.addAll(JavaTypes.importsOf(javaType, productPackage + ".model"));
    }
}
