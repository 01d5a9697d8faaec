package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes the simulator's own endpoints under {@code /_testkit/}: faults first, then each product's door. Maps what
 * goes wrong to WeChat Pay-style error bodies: a {@link WechatError} as itself, an unknown name
 * ({@link IllegalArgumentException}) to 404 {@code RESOURCE_NOT_EXISTS}, a state that forbids the action
 * ({@link IllegalStateException}) to 400 {@code INVALID_REQUEST}, an unknown path to 404 listing every endpoint.
 * Thread-safe: it holds no state of its own.
 */
final class ControlEndpoints {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A control answer before it is signed. */
    record Answer(int status, ObjectNode body) {
    }

    private final ObjectMapper mapper;
    private final FaultControl faults;
    private final List<ProductDoor> doors;

    ControlEndpoints(ObjectMapper mapper, FaultControl faults, List<ProductDoor> doors) {
        this.mapper = mapper;
        this.faults = faults;
        this.doors = doors;
    }

    /** Serves {@code /_testkit/<path>}; {@code path} is still percent-encoded. */
    Answer answer(String method, String path, byte[] rawBody) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            String decoded = SpecOperation.decodeSegment(raw);
            segments.add(decoded == null ? raw : decoded);
        }
        try {
            JsonNode request = rawBody.length == 0 ? null : mapper.readTree(rawBody);
            ObjectNode body = faults.control(method, segments, request);
            for (int i = 0; body == null && i < doors.size(); i++) {
                body = doors.get(i).control(method, segments, request);
            }
            if (body == null) {
                return new Answer(404, error("NOT_FOUND", "control endpoints: " + String.join("; ", endpoints())));
            }
            return new Answer(200, body);
        } catch (IOException e) {
            return new Answer(400, error("PARAM_ERROR", "the body is not JSON"));
        } catch (WechatError e) {
            return new Answer(e.status(), e.body());
        } catch (IllegalArgumentException e) {
            return new Answer(404, error("RESOURCE_NOT_EXISTS", e.getMessage()));
        } catch (IllegalStateException e) {
            return new Answer(400, error("INVALID_REQUEST", e.getMessage()));
        }
    }

    /** Every control endpoint, one line each. */
    List<String> endpoints() {
        List<String> all = new ArrayList<>(faults.controlEndpoints());
        for (ProductDoor door : doors) {
            all.addAll(door.controlEndpoints());
        }
        return all;
    }

    /** What a control endpoint answers after starting a notification. */
    static ObjectNode deliveryJson(NotificationDelivery d) {
        ObjectNode body = NODES.objectNode();
        body.put("notification_id", d.notificationId());
        body.put("event_type", d.eventType());
        body.put("notify_url", d.notifyUrl());
        return body;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = NODES.objectNode();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
