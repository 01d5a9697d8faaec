package dev.wxpay.codegen;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.TreeMap;

/**
 * Gives every array schema without {@code items} string items, in place, and says where each was, as a JSON
 * pointer. OpenAPI Generator would do the same but log a bare {@code [ERROR] Undefined array inner type for null}
 * for each, without saying where, in a build that succeeds. Not thread-safe per spec (it mutates the spec given);
 * create one per run.
 */
final class ArrayItemsRepair {
    private final List<String> repaired = new ArrayList<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Repairs {@code api}; returns the JSON pointers of the arrays that had no items, in document order. */
    static List<String> apply(OpenAPI api) {
        ArrayItemsRepair repair = new ArrayItemsRepair();
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : new TreeMap<>(api.getPaths()).entrySet()) {
                repair.pathItem("#/paths/" + escape(path.getKey()), path.getValue());
            }
        }
        Components components = api.getComponents();
        if (components != null) {
            forEach(components.getSchemas(), "#/components/schemas/", repair::schema);
            forEach(components.getParameters(), "#/components/parameters/", repair::parameter);
            forEach(components.getRequestBodies(), "#/components/requestBodies/", repair::requestBody);
            forEach(components.getResponses(), "#/components/responses/", repair::response);
            forEach(components.getHeaders(), "#/components/headers/", repair::header);
        }
        return List.copyOf(repair.repaired);
    }

    private void pathItem(String at, PathItem item) {
        if (item == null || !visited.add(item)) {
            return;
        }
        if (item.getParameters() != null) {
            for (int i = 0; i < item.getParameters().size(); i++) {
                parameter(at + "/parameters/" + i, item.getParameters().get(i));
            }
        }
        for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
            operation(at + "/" + op.getKey().name().toLowerCase(java.util.Locale.ROOT), op.getValue());
        }
    }

    private void operation(String at, Operation op) {
        if (op.getParameters() != null) {
            for (int i = 0; i < op.getParameters().size(); i++) {
                parameter(at + "/parameters/" + i, op.getParameters().get(i));
            }
        }
        requestBody(at + "/requestBody", op.getRequestBody());
        forEach(op.getResponses(), at + "/responses/", this::response);
        if (op.getCallbacks() != null) {
            op.getCallbacks().forEach((name, callback) -> forEach(callback, at + "/callbacks/" + escape(name) + "/",
                    this::pathItem));
        }
    }

    private void parameter(String at, Parameter parameter) {
        if (parameter != null) {
            schema(at + "/schema", parameter.getSchema());
            content(at + "/content", parameter.getContent());
        }
    }

    private void requestBody(String at, RequestBody body) {
        if (body != null) {
            content(at + "/content", body.getContent());
        }
    }

    private void response(String at, ApiResponse response) {
        if (response != null) {
            content(at + "/content", response.getContent());
            forEach(response.getHeaders(), at + "/headers/", this::header);
        }
    }

    private void header(String at, Header header) {
        if (header != null) {
            schema(at + "/schema", header.getSchema());
        }
    }

    private void content(String at, Content content) {
        forEach(content, at + "/", (where, media) -> {
            if (media != null) {
                schema(where + "/schema", ((MediaType) media).getSchema());
            }
        });
    }

    private void schema(String at, Schema<?> schema) {
        if (schema == null || schema.get$ref() != null || !visited.add(schema)) {
            return;
        }
        boolean array = "array".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("array"));
        if (array && schema.getItems() == null) {
            schema.setItems(new StringSchema());
            repaired.add(at);
        }
        schema(at + "/items", schema.getItems());
        forEach(schema.getProperties(), at + "/properties/", this::schema);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            schema(at + "/additionalProperties", additional);
        }
        list(at + "/allOf/", schema.getAllOf());
        list(at + "/anyOf/", schema.getAnyOf());
        list(at + "/oneOf/", schema.getOneOf());
        schema(at + "/not", schema.getNot());
    }

    private void list(String at, List<Schema> schemas) {
        if (schemas != null) {
            for (int i = 0; i < schemas.size(); i++) {
                schema(at + i, schemas.get(i));
            }
        }
    }

    private static <T> void forEach(Map<String, T> map, String prefix, Visitor<T> visitor) {
        if (map != null) {
            for (Map.Entry<String, T> entry : new TreeMap<>(map).entrySet()) {
                visitor.visit(prefix + escape(entry.getKey()), entry.getValue());
            }
        }
    }

    /** JSON pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private interface Visitor<T> {
        void visit(String at, T value);
    }
}
