package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A WeChat Pay error answer ({@code {"code", "message", "detail"}}) raised inside the simulator. */
final class WechatError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode detail;

    WechatError(int status, String code, String message, ObjectNode detail) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    /** A 400 PARAM_ERROR naming the field, as WeChat Pay answers validation failures. */
    static WechatError param(String field, String issue, JsonNode value, String location) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("field", field);
        if (value != null) {
            detail.set("value", value);
        }
        detail.put("issue", issue);
        detail.put("location", location);
        return new WechatError(400, "PARAM_ERROR", field + " " + issue, detail);
    }

    static WechatError invalidRequest(String field, String message) {
        return new WechatError(400, "INVALID_REQUEST", message, fieldDetail(field));
    }

    static WechatError notFound(String field, String message) {
        return new WechatError(404, "RESOURCE_NOT_EXISTS", message, fieldDetail(field));
    }

    private static ObjectNode fieldDetail(String field) {
        if (field == null) {
            return null;
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("field", field);
        return detail;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code);
        body.put("message", getMessage());
        if (detail != null) {
            body.set("detail", detail);
        }
        return body;
    }
}
