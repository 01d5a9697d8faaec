package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wxpay.testkit.StateJson.text;

/**
 * PayScore service orders created against a {@code NOT_USED} detail of a {@code SIGNED} sign plan: the detail
 * becomes {@code USING}, and the answer is the spec's example shape filled from the request. An {@code out_trade_no}
 * is used once per merchant (a refused request does not use it). Not thread-safe: {@link PayscoreState} calls it
 * under its lock.
 */
final class PayscoreServiceOrders {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SecureRandom random;
    private final PayscoreTimes times;
    private final PayscoreSignPlans signPlans;
    private final Set<String> used = new HashSet<>();  // mchid|out_trade_no

    PayscoreServiceOrders(SecureRandom random, PayscoreTimes times, PayscoreSignPlans signPlans) {
        this.random = random;
        this.times = times;
        this.signPlans = signPlans;
    }

    JsonNode create(String mchid, JsonNode body, boolean partner, JsonNode example) {
        String outTradeNo = text(body, "out_trade_no");
        if (!used.add(mchid + "|" + outTradeNo)) {
            throw WechatError.invalidRequest("out_trade_no", "商户订单号重复: out_trade_no " + outTradeNo + " already used");
        }
        boolean done = false;
        try {
            String orderId = useDetail(mchid, body, partner);
            ObjectNode order = answer(mchid, body, partner, example, outTradeNo, orderId);
            done = true;
            return order;
        } finally {
            if (!done) {
                used.remove(mchid + "|" + outTradeNo);
            }
        }
    }

    /** Marks the requested detail of the caller's signed sign plan {@code USING}; returns the new order_id. */
    private String useDetail(String mchid, JsonNode body, boolean partner) {
        PayscoreOwned signPlan = signPlans.byId(text(body, "sign_plan_id"));
        if (signPlan == null || !signPlan.ownedBy(mchid, partner, text(body, "sub_mchid"))) {
            throw WechatError.notFound("sign_plan_id", "签约计划不存在: no sign plan with sign_plan_id "
                    + text(body, "sign_plan_id"));
        }
        if (!"SIGNED".equals(signPlan.node().path("sign_state").asText())) {
            throw WechatError.invalidRequest("sign_plan_id", "签约计划未签约: the sign plan is "
                    + signPlan.node().path("sign_state").asText() + ", not SIGNED");
        }
        int detailNo = body.path("plan_detail_no").asInt();
        ObjectNode detail = null;
        for (JsonNode d : signPlan.node().path("signed_detail_list")) {
            if (d.path("plan_detail_no").asInt() == detailNo) {
                detail = (ObjectNode) d;
            }
        }
        if (detail == null) {
            throw WechatError.param("plan_detail_no", "names no detail of the sign plan",
                    body.get("plan_detail_no"), "body");
        }
        if (!"NOT_USED".equals(detail.path("plan_detail_state").asText())) {
            throw WechatError.invalidRequest("plan_detail_no", "计划明细已使用: plan detail " + detailNo + " is "
                    + detail.path("plan_detail_state").asText());
        }
        String orderId = Crypto.digits(random, 31);
        detail.put("plan_detail_state", "USING");
        detail.put("order_id", orderId);
        detail.put("use_time", times.now());
        signPlan.node().put("going_detail_no", detailNo);
        return orderId;
    }

    private ObjectNode answer(String mchid, JsonNode body, boolean partner, JsonNode example, String outTradeNo,
                              String orderId) {
        ObjectNode order = example != null && example.isObject() ? ((ObjectNode) example).deepCopy() : NODES.objectNode();
        // Fields the merchant sent come back as sent; the rest of the shape comes from the spec's example.
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (order.has(f.getKey())) {
                order.set(f.getKey(), f.getValue());
            }
        }
        if (!partner) {
            order.remove(List.of("sub_mchid", "sub_appid", "sub_openid"));
        } else if (!body.has("sub_appid")) {
            order.remove("sub_appid");
        }
        order.put("out_order_no", outTradeNo);
        order.put("mchid", mchid);
        order.set("service_id", body.get("service_id"));
        order.set("appid", body.get("appid"));
        order.set("service_introduction", body.get("service_introduction"));
        order.put("state", "CREATED");
        if (order.has("state_description")) {
            order.remove("state_description");
        }
        order.put("order_id", orderId);
        if (order.has("package")) {
            order.put("package", Crypto.alphanumeric(random, 40));
        }
        return order;
    }
}
