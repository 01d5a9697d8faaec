package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import static dev.wxpay.testkit.StateJson.copyIfPresent;
import static dev.wxpay.testkit.StateJson.text;

/**
 * PayScore plans: created {@code NORMAL}, read by their merchant, stopped ({@code TERMINATED}). Sign plans are made
 * against them. Not thread-safe: {@link PayscoreState} calls it under its lock.
 */
final class PayscorePlans {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SecureRandom random;
    private final PayscoreTimes times;
    private final Map<String, PayscoreOwned> byNo = new HashMap<>();  // mchid|merchant_plan_no
    private final Map<String, PayscoreOwned> byId = new HashMap<>();  // plan_id

    PayscorePlans(SecureRandom random, PayscoreTimes times) {
        this.random = random;
        this.times = times;
    }

    JsonNode create(String mchid, JsonNode body, boolean partner) {
        String no = text(body, "merchant_plan_no");
        String key = mchid + "|" + no;
        if (byNo.containsKey(key)) {
            throw WechatError.invalidRequest("merchant_plan_no", "商户侧计划号已存在: merchant_plan_no " + no + " already exists");
        }
        ObjectNode plan = NODES.objectNode();
        plan.put("plan_id", Crypto.digits(random, 32));
        plan.set("service_id", body.get("service_id"));
        plan.put("mchid", mchid);
        if (partner) {
            plan.set("sub_mchid", body.get("sub_mchid"));
        }
        plan.set("appid", body.get("appid"));
        copyIfPresent(body, plan, "sub_appid");
        plan.put("merchant_plan_no", no);
        plan.set("plan_name", body.get("plan_name"));
        plan.set("plan_duration", body.get("plan_duration"));
        plan.put("plan_state", "NORMAL");
        plan.set("total_original_price", body.get("total_original_price"));
        plan.set("deduction_quantity", body.get("deduction_quantity"));
        plan.set("total_actual_price", body.get("total_actual_price"));
        if (body.has("plan_detail_list")) {
            ArrayNode details = plan.putArray("plan_detail_list");
            int n = 0;
            for (JsonNode d : body.get("plan_detail_list")) {
                ObjectNode detail = details.addObject();
                detail.put("plan_detail_no", ++n);
                detail.set("plan_detail_name", d.get("plan_detail_name"));
                detail.set("original_price", d.get("original_price"));
                copyIfPresent(d, detail, "plan_discount_description");
                detail.set("actual_price", d.get("actual_price"));
            }
        }
        times.unset(plan, "stop_time");
        PayscoreOwned owned = new PayscoreOwned(mchid, partner ? text(body, "sub_mchid") : null, plan);
        byNo.put(key, owned);
        byId.put(plan.get("plan_id").asText(), owned);
        return plan.deepCopy();
    }

    /** @throws WechatError 404 when the caller has no plan with this number in this mode */
    PayscoreOwned find(String mchid, String no, String subMchid, boolean partner) {
        PayscoreOwned owned = byNo.get(mchid + "|" + no);
        if (owned == null || !owned.ownedBy(mchid, partner, subMchid)) {
            throw WechatError.notFound("merchant_plan_no", "支付分计划不存在: no plan with merchant_plan_no " + no);
        }
        return owned;
    }

    /** The plan with this plan_id, or null. */
    PayscoreOwned byId(String planId) {
        return byId.get(planId);
    }

    JsonNode stop(PayscoreOwned plan, String mchid) {
        if (!"NORMAL".equals(plan.node().path("plan_state").asText())) {
            throw WechatError.invalidRequest("merchant_plan_no", "支付分计划已终止: the plan is already stopped");
        }
        plan.node().put("plan_state", "TERMINATED");
        plan.node().put("stop_mchid", mchid);
        plan.node().put("stop_time", times.now());
        return plan.node().deepCopy();
    }
}
