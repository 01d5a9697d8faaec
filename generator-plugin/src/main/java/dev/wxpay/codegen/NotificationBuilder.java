package dev.wxpay.codegen;

import dev.wxpay.codegen.model.NotificationsModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the notifications class from the spec's callbacks marked {@code x-wxpay-notification}: one parse
 * method per callback, typed by its resource schema, and the event type constants. Stateless and thread-safe.
 */
final class NotificationBuilder {
    private final OpenAPI openAPI;
    private final BuildContext context;

    NotificationBuilder(OpenAPI openAPI, BuildContext context) {
        this.openAPI = openAPI;
        this.context = context;
    }

    /** The notifications class, absent when no callback is marked. */
    Optional<NotificationsModel> build(Map<String, String> classBySchemaName) {
        Map<String, NotificationsModel.Callback> callbacks = new TreeMap<>();
        Map<String, NotificationsModel.EventType> eventTypes = new TreeMap<>();
        Set<String> imports = new TreeSet<>(List.of("dev.wxpay.runtime.Notification",
                "dev.wxpay.runtime.NotificationParser", "java.util.List", "java.util.Map"));
        if (openAPI.getPaths() == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, PathItem> path : new TreeMap<>(openAPI.getPaths()).entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Map<String, Callback> opCallbacks = entry.getValue().getCallbacks();
                if (opCallbacks == null) {
                    continue;
                }
                for (Map.Entry<String, Callback> callback : new TreeMap<>(opCallbacks).entrySet()) {
                    for (Map.Entry<String, PathItem> cbPath : callback.getValue().entrySet()) {
                        for (Operation cbOp : cbPath.getValue().readOperationsMap().values()) {
                            Object extension = cbOp.getExtensions() == null ? null
                                    : cbOp.getExtensions().get(ModelBuilder.NOTIFICATION_EXTENSION);
                            if (extension == null) {
                                continue;
                            }
                            String pointer = "#/paths/" + path.getKey().replace("/", "~1") + "/"
                                    + entry.getKey().name().toLowerCase(Locale.ROOT) + "/callbacks/"
                                    + callback.getKey();
                            NotificationsModel.Callback model = callback(cbOp, extension, pointer,
                                    classBySchemaName, eventTypes, imports);
                            callbacks.putIfAbsent(model.methodName(), model);
                        }
                    }
                }
            }
        }
        if (callbacks.isEmpty()) {
            return Optional.empty();
        }
        String packageName = context.packageName();
        String last = packageName.substring(packageName.lastIndexOf('.') + 1);
        String className = JavaNames.pascal(last) + "Notifications";
        return Optional.of(new NotificationsModel(packageName + ".notification", className, List.copyOf(imports),
                List.copyOf(eventTypes.values()), List.copyOf(callbacks.values())));
    }

    private NotificationsModel.Callback callback(Operation cbOp, Object extension, String pointer,
                                                 Map<String, String> classBySchemaName,
                                                 Map<String, NotificationsModel.EventType> eventTypes,
                                                 Set<String> imports) {
        String bad = "Bad " + ModelBuilder.NOTIFICATION_EXTENSION + " in " + context.specName();
        if (!(extension instanceof Map<?, ?> map)) {
            throw new GenerationException(bad, List.of(pointer
                    + ": expected an object with resource-schema and event-types"));
        }
        Object ref = map.get("resource-schema");
        Object types = map.get("event-types");
        if (!(ref instanceof String refText) || !(types instanceof List<?> typeList) || typeList.isEmpty()) {
            throw new GenerationException(bad, List.of(pointer + ": needs resource-schema (a"
                    + " '#/components/schemas/Name' reference) and a non-empty event-types list"));
        }
        String schemaName = refText.substring(refText.lastIndexOf('/') + 1);
        String resourceClass = classBySchemaName.get(schemaName);
        if (resourceClass == null) {
            throw new GenerationException(bad, List.of(pointer
                    + ": resource-schema " + refText + " is not an object schema under components/schemas"));
        }
        imports.add(context.modelPackage() + "." + resourceClass);
        String operationId = cbOp.getOperationId() != null ? cbOp.getOperationId() : schemaName + "Notification";
        List<String> constants = new ArrayList<>();
        for (Object type : typeList) {
            String value = String.valueOf(type);
            String constant = JavaNames.constant(value);
            eventTypes.putIfAbsent(constant, new NotificationsModel.EventType(constant, JavaText.stringContent(value)));
            constants.add(constant);
        }
        return new NotificationsModel.Callback(operationId, "parse" + JavaNames.pascal(operationId), resourceClass,
                JavaNames.constant(operationId) + "_EVENT_TYPES", String.join(", ", constants), javadoc(cbOp));
    }

    private static List<String> javadoc(Operation cbOp) {
        List<String> javadoc = new ArrayList<>(JavaText.javadocLines(cbOp.getSummary()));
        List<String> description = JavaText.javadocLines(cbOp.getDescription());
        if (!description.isEmpty()) {
            javadoc.add("");
            javadoc.add(" <p>" + description.get(0).substring(1));
            javadoc.addAll(description.subList(1, description.size()));
        }
        if (cbOp.getExternalDocs() != null && cbOp.getExternalDocs().getUrl() != null) {
            javadoc.add("");
            javadoc.add(" @see <a href=\"" + JavaText.javadocInline(cbOp.getExternalDocs().getUrl()) + "\">"
                    + JavaText.javadocInline(cbOp.getExternalDocs().getDescription() == null ? "Official documentation"
                    : cbOp.getExternalDocs().getDescription()) + "</a>");
        }
        return javadoc;
    }
}
