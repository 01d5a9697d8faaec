package dev.wxpay.codegen;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.TreeMap;

/**
 * Visits every schema of a spec (under its paths with their callbacks, and under its components) once, in document
 * order of sorted keys, with its JSON pointer: the one walk behind the repairs made before OpenAPI Generator sees
 * the spec ({@link ArrayItemsRepair}, {@link CodegenQuirks}) and the reference checks ({@link SpecValidator},
 * {@link ComponentRefs}), which also see each parameter's, body's, answer's and header's {@code $ref}. A schema that is a {@code $ref} is visited but not
 * entered. Not thread-safe; one per walk.
 */
final class SchemaWalk {
    /** What is done with each schema. */
    interface SchemaVisitor {
        void visit(String pointer, Schema<?> schema);
    }

    /**
     * What is done with the {@code $ref} of a parameter, request body, answer or answer header: {@code kind} is the
     * {@code components} section it must name ({@code parameters}, {@code requestBodies}, {@code responses},
     * {@code headers}); {@code ref} is null when the object is written in place.
     */
    interface RefVisitor {
        void visit(String pointer, String kind, String ref);
    }

    private final SchemaVisitor visitor;
    private final RefVisitor refs;
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private SchemaWalk(SchemaVisitor visitor, RefVisitor refs) {
        this.visitor = visitor;
        this.refs = refs;
    }

    /** Walks {@code api}, calling {@code visitor} for every schema it reaches. */
    static void walk(OpenAPI api, SchemaVisitor visitor) {
        walk(api, visitor, (pointer, kind, ref) -> {
        });
    }

    /** As {@link #walk(OpenAPI, SchemaVisitor)}, also calling {@code refs} for every parameter, body, answer, header. */
    static void walk(OpenAPI api, SchemaVisitor visitor, RefVisitor refs) {
        SchemaWalk walk = new SchemaWalk(visitor, refs);
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : new TreeMap<>(api.getPaths()).entrySet()) {
                walk.pathItem("#/paths/" + escape(path.getKey()), path.getValue());
            }
        }
        Components components = api.getComponents();
        if (components != null) {
            forEach(components.getSchemas(), "#/components/schemas/", walk::schema);
            forEach(components.getParameters(), "#/components/parameters/", walk::parameter);
            forEach(components.getRequestBodies(), "#/components/requestBodies/", walk::requestBody);
            forEach(components.getResponses(), "#/components/responses/", walk::response);
            forEach(components.getHeaders(), "#/components/headers/", walk::header);
        }
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
            refs.visit(at, "parameters", parameter.get$ref());
            schema(at + "/schema", parameter.getSchema());
            content(at + "/content", parameter.getContent());
        }
    }

    private void requestBody(String at, RequestBody body) {
        if (body != null) {
            refs.visit(at, "requestBodies", body.get$ref());
            content(at + "/content", body.getContent());
        }
    }

    private void response(String at, ApiResponse response) {
        if (response != null) {
            refs.visit(at, "responses", response.get$ref());
            content(at + "/content", response.getContent());
            forEach(response.getHeaders(), at + "/headers/", this::header);
        }
    }

    private void header(String at, Header header) {
        if (header != null) {
            refs.visit(at, "headers", header.get$ref());
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
        if (schema == null || !visited.add(schema)) {
            return;
        }
        visitor.visit(at, schema);
        if (schema.get$ref() != null) {
            return;
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
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private interface Visitor<T> {
        void visit(String at, T value);
    }
}
