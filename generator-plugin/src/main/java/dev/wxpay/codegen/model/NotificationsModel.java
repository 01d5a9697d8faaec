package dev.wxpay.codegen.model;

import java.util.List;

/**
 * The generated notifications class: event-type constants and one typed parse method per callback carrying
 * {@code x-wxpay-notification}. Immutable and thread-safe.
 */
public record NotificationsModel(String packageName, String className, List<String> imports,
                                 List<EventType> eventTypes, List<Callback> callbacks) {
    public NotificationsModel {
        imports = List.copyOf(imports);
        eventTypes = List.copyOf(eventTypes);
        callbacks = List.copyOf(callbacks);
    }

    /** {@code public static final String constantName = "value";}. */
    public record EventType(String constantName, String value) {
    }

    /**
     * A callback: {@code eventTypesConstant} lists its event types ({@code eventTypeList} pre-joined constant
     * names), {@code methodName(parser, headers, body)} parses it to {@code Notification<resourceType>}.
     */
    public record Callback(String operationId, String methodName, String resourceType, String eventTypesConstant,
                           String eventTypeList, List<String> javadoc) {
        public Callback {
            javadoc = List.copyOf(javadoc);
        }
    }
}
