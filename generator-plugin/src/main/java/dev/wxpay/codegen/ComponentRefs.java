package dev.wxpay.codegen;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the local {@code $ref}s of parameters, request bodies, answers and answer headers that point to nothing
 * (no such entry under {@code components}). Schema references are {@link SpecValidator}'s own walk; these were
 * left to OpenAPI Generator, which failed on each of them with a bare {@link NullPointerException} (its
 * normaliser on a request body, its operation model on a parameter or an answer). Stateless and thread-safe.
 */
final class ComponentRefs {
    private static final String COMPONENTS = "#/components/";

    private ComponentRefs() {
    }

    /** Every such {@code $ref} of {@code api}, under its paths (sorted) and then its components, in walk order. */
    static List<SpecValidator.DanglingRef> dangling(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        Walk walk = new Walk(components);
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : new TreeMap<>(api.getPaths()).entrySet()) {
                walk.pathItem("#/paths/" + escape(path.getKey()), path.getValue());
            }
        }
        forEach(components.getParameters(), "#/components/parameters/", walk::parameter);
        forEach(components.getRequestBodies(), "#/components/requestBodies/", walk::requestBody);
        forEach(components.getResponses(), "#/components/responses/", walk::response);
        forEach(components.getHeaders(), "#/components/headers/", walk::header);
        return walk.found;
    }

    /** One walk: what it found so far, and the components references are checked against. */
    private static final class Walk {
        final List<SpecValidator.DanglingRef> found = new java.util.ArrayList<>();
        private final Components components;

        Walk(Components components) {
            this.components = components;
        }

        void pathItem(String at, PathItem item) {
            if (item == null) {
                return;
            }
            list(at + "/parameters/", item.getParameters());
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
                operation(at + "/" + op.getKey().name().toLowerCase(Locale.ROOT), op.getValue());
            }
        }

        private void operation(String at, Operation op) {
            list(at + "/parameters/", op.getParameters());
            requestBody(at + "/requestBody", op.getRequestBody());
            forEach(op.getResponses(), at + "/responses/", this::response);
            if (op.getCallbacks() != null) {
                new TreeMap<>(op.getCallbacks()).forEach((name, callback) -> forEach(callback,
                        at + "/callbacks/" + escape(name) + "/", this::pathItem));
            }
        }

        private void list(String prefix, List<Parameter> parameters) {
            if (parameters != null) {
                for (int i = 0; i < parameters.size(); i++) {
                    parameter(prefix + i, parameters.get(i));
                }
            }
        }

        void parameter(String at, Parameter parameter) {
            if (parameter != null) {
                check(at, parameter.get$ref(), "parameters", components.getParameters());
            }
        }

        void requestBody(String at, RequestBody body) {
            if (body != null) {
                check(at, body.get$ref(), "requestBodies", components.getRequestBodies());
            }
        }

        void response(String at, ApiResponse response) {
            if (response == null) {
                return;
            }
            check(at, response.get$ref(), "responses", components.getResponses());
            forEach(response.getHeaders(), at + "/headers/", this::header);
        }

        void header(String at, Header header) {
            if (header != null) {
                check(at, header.get$ref(), "headers", components.getHeaders());
            }
        }

        /** Records {@code ref} (at {@code at}) when it is local and names no entry of {@code kind}. */
        private void check(String at, String ref, String kind, Map<String, ?> entries) {
            if (ref == null || !ref.startsWith("#")) {
                return; // no reference, or another file's (Swagger Parser resolved or reported those)
            }
            String prefix = COMPONENTS + kind + "/";
            String name = ref.startsWith(prefix) ? unescape(ref.substring(prefix.length())) : null;
            if (name == null || entries == null || !entries.containsKey(name)) {
                found.add(new SpecValidator.DanglingRef(at + "/$ref", ref, kind));
            }
        }
    }

    private static <T> void forEach(Map<String, T> map, String prefix, java.util.function.BiConsumer<String, T> each) {
        if (map != null) {
            for (Map.Entry<String, T> entry : new TreeMap<>(map).entrySet()) {
                each.accept(prefix + escape(entry.getKey()), entry.getValue());
            }
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
