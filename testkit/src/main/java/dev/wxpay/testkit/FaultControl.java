package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The control endpoint {@code /_testkit/faults}, so a client in any language can test its error handling against the
 * standalone simulator: {@code POST} adds a fault for an operation, a path or any call, for a number of calls or
 * until cleared; {@code GET} lists what is pending; {@code DELETE} clears. Thread-safe: {@link FaultInjector} is.
 *
 * <pre>
 * POST /_testkit/faults {"operation":"jsapiPrepay","fault":"SERVER_ERROR","status":503,"times":2}
 * POST /_testkit/faults {"path":"/v3/bill/tradebill","fault":"DELAY","delay_ms":3000,"times":1}
 * POST /_testkit/faults {"fault":"TAMPERED_BODY","times":1}
 * </pre>
 */
final class FaultControl {

    private final FaultInjector faults;

    FaultControl(FaultInjector faults) {
        this.faults = faults;
    }

    /** Serves {@code /_testkit/faults}; null for any other control path. */
    ObjectNode control(String method, List<String> segments, JsonNode body) {
        if (segments.size() != 1 || !"faults".equals(segments.get(0))) {
            return null;
        }
        switch (method) {
            case "POST":
                add(body);
                break;
            case "DELETE":
                faults.clear();
                break;
            case "GET":
                break;
            default:
                throw new WechatError(405, "METHOD_NOT_ALLOWED", "/_testkit/faults takes GET, POST or DELETE", null);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        faults.describe().forEach(answer.putArray("pending")::add);
        return answer;
    }

    List<String> controlEndpoints() {
        String p = WechatPaySimulator.CONTROL_PREFIX + "faults";
        return List.of("POST " + p + " {\"operation\"|\"path\", \"fault\", \"status\", \"delay_ms\", \"times\"}",
                "GET " + p, "DELETE " + p);
    }

    private void add(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw WechatError.param("body", "must be a JSON object naming the fault", null, "body");
        }
        Fault fault = fault(body);
        String operation = text(body, "operation");
        String path = text(body, "path");
        if (operation != null && path != null) {
            throw WechatError.param("path", "name an operation or a path, not both", body.get("path"), "body");
        }
        JsonNode timesNode = body.get("times");
        if (timesNode != null && (!timesNode.canConvertToInt() || timesNode.asInt() < 1)) {
            throw WechatError.param("times", "must be a whole number of at least 1", timesNode, "body");
        }
        Integer times = timesNode == null ? null : timesNode.asInt();
        if (operation != null) {
            if (times == null) {
                faults.forOperation(operation, fault);
            } else {
                faults.forOperation(operation, times, fault);
            }
        } else if (path != null) {
            if (times == null) {
                faults.forPath(path, fault);
            } else {
                faults.forPath(path, times, fault);
            }
        } else {
            if (times == null) {
                throw WechatError.param("times", "is required when neither operation nor path is named", null,
                        "body");
            }
            faults.forNextCalls(times, fault);
        }
    }

    private static Fault fault(JsonNode body) {
        String name = text(body, "fault");
        if (name == null) {
            throw WechatError.param("fault", "is required: one of " + List.of(Fault.Kind.values()), null, "body");
        }
        Fault.Kind kind;
        try {
            kind = Fault.Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WechatError.param("fault", "must be one of " + List.of(Fault.Kind.values()), body.get("fault"),
                    "body");
        }
        try {
            switch (kind) {
                case DELAY:
                    return Fault.delay(Duration.ofMillis(body.path("delay_ms").asLong(1000)));
                case SERVER_ERROR:
                    return Fault.serverError(body.path("status").asInt(500));
                case TAMPERED_BODY:
                    return Fault.tamperedBody();
                case WRONG_SERIAL:
                    return Fault.wrongSerial();
                case STALE_TIMESTAMP:
                    return Fault.staleTimestamp();
                default:
                    return Fault.signTestProbe();
            }
        } catch (IllegalArgumentException e) {
            String field = kind == Fault.Kind.DELAY ? "delay_ms" : "status";
            throw WechatError.param(field, e.getMessage(), body.get(field), "body");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
