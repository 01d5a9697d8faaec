package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wxpay.testkit.StateJson.copyIfPresent;
import static dev.wxpay.testkit.StateJson.text;

/**
 * PayScore user sign plans: created {@code UNSIGNED} against a {@code NORMAL} plan, read, stopped by the merchant,
 * signed or cancelled by the simulated user. Answers keep WeChat Pay's field order. Not thread-safe:
 * {@link PayscoreState} calls it under its lock.
 */
final class PayscoreSignPlans {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** WeChat Pay's documented field order of a sign plan, so answers read like the real ones. */
    private static final String[] FIELD_ORDER = {"sign_plan_id", "openid", "sub_openid", "service_id", "mchid",
        "sub_mchid", "appid", "sub_appid", "merchant_sign_plan_no", "merchant_callback_url", "plan_id",
        "going_detail_no", "sign_state", "cancel_sign_time", "cancel_sign_type", "cancel_reason", "plan_name",
        "plan_over_time", "total_origin_price", "deduction_quantity", "total_actual_price", "signed_detail_list",
        "sign_time"};

    private final SecureRandom random;
    private final PayscoreTimes times;
    private final PayscorePlans plans;
    private final Map<String, PayscoreOwned> byNo = new HashMap<>();  // mchid|merchant_sign_plan_no
    private final Map<String, PayscoreOwned> byId = new HashMap<>();  // sign_plan_id

    PayscoreSignPlans(SecureRandom random, PayscoreTimes times, PayscorePlans plans) {
        this.random = random;
        this.times = times;
        this.plans = plans;
    }

    /** Creates an {@code UNSIGNED} sign plan; the answer carries it and the {@code package} the user signs with. */
    JsonNode create(String mchid, JsonNode body, boolean partner) {
        String no = text(body, "merchant_sign_plan_no");
        String subMchid = partner ? text(body, "sub_mchid") : null;
        String key = mchid + "|" + no;
        if (byNo.containsKey(key)) {
            throw WechatError.invalidRequest("merchant_sign_plan_no",
                    "商户签约计划单号已存在: merchant_sign_plan_no " + no + " already exists");
        }
        ObjectNode plan = signablePlan(mchid, body, partner, subMchid);
        ObjectNode signPlan = NODES.objectNode();
        signPlan.put("sign_plan_id", Crypto.digits(random, 32));
        copyIfPresent(body, signPlan, "openid");
        copyIfPresent(body, signPlan, "sub_openid");
        signPlan.set("service_id", body.get("service_id"));
        signPlan.put("mchid", mchid);
        if (partner) {
            signPlan.put("sub_mchid", subMchid);
        }
        signPlan.set("appid", body.get("appid"));
        copyIfPresent(body, signPlan, "sub_appid");
        signPlan.put("merchant_sign_plan_no", no);
        signPlan.set("merchant_callback_url", body.get("notify_url"));
        signPlan.set("plan_id", body.get("plan_id"));
        signPlan.put("sign_state", "UNSIGNED");
        signPlan.put("cancel_sign_type", "NOT_CANCEL");
        signPlan.set("plan_name", plan.get("plan_name"));
        signPlan.put("plan_over_time", times.daysFromNow(plan.path("plan_duration").asLong()));
        signPlan.set("total_origin_price", plan.get("total_original_price"));
        signPlan.set("deduction_quantity", plan.get("deduction_quantity"));
        signPlan.set("total_actual_price", plan.get("total_actual_price"));
        int first = addSignedDetails(signPlan.putArray("signed_detail_list"), plan, body);
        signPlan.put("going_detail_no", first == Integer.MAX_VALUE ? 1 : first);
        times.unset(signPlan, "cancel_sign_time");
        times.unset(signPlan, "sign_time");
        reorder(signPlan);
        PayscoreOwned owned = new PayscoreOwned(mchid, subMchid, signPlan);
        byNo.put(key, owned);
        byId.put(signPlan.get("sign_plan_id").asText(), owned);
        ObjectNode answer = NODES.objectNode();
        answer.set("sign_plan", signPlan.deepCopy());
        answer.put("package", Crypto.alphanumeric(random, 40));
        return answer;
    }

    /** The caller's {@code NORMAL} plan the body names, with the same service. */
    private ObjectNode signablePlan(String mchid, JsonNode body, boolean partner, String subMchid) {
        PayscoreOwned plan = plans.byId(text(body, "plan_id"));
        if (plan == null || !plan.ownedBy(mchid, partner, subMchid)) {
            throw WechatError.notFound("plan_id", "支付分计划不存在: no plan with plan_id " + text(body, "plan_id"));
        }
        if (!plan.node().path("service_id").asText().equals(text(body, "service_id"))) {
            throw WechatError.invalidRequest("service_id", "service_id does not match the plan's service");
        }
        if (!"NORMAL".equals(plan.node().path("plan_state").asText())) {
            throw WechatError.invalidRequest("plan_id", "支付分计划已终止: the plan is stopped");
        }
        return plan.node();
    }

    /** Adds the requested plan details as {@code NOT_USED}; returns the lowest detail number (MAX_VALUE if none). */
    private static int addSignedDetails(ArrayNode signed, ObjectNode plan, JsonNode body) {
        Set<Integer> seen = new HashSet<>();
        int first = Integer.MAX_VALUE;
        JsonNode details = body.path("sign_plan_detail");
        for (int i = 0; i < details.size(); i++) {
            JsonNode d = details.get(i);
            int detailNo = d.path("plan_detail_no").asInt();
            String field = "sign_plan_detail[" + i + "].plan_detail_no";
            if (!seen.add(detailNo)) {
                throw WechatError.param(field, "repeats plan detail " + detailNo, d.get("plan_detail_no"), "body");
            }
            JsonNode planDetail = planDetail(plan, detailNo);
            if (planDetail == null) {
                throw WechatError.param(field, "names no detail of plan " + text(body, "plan_id"),
                        d.get("plan_detail_no"), "body");
            }
            first = Math.min(first, detailNo);
            ObjectNode detail = signed.addObject();
            detail.put("plan_detail_no", detailNo);
            detail.set("original_price", planDetail.get("original_price"));
            copyIfPresent(planDetail, detail, "plan_discount_description");
            detail.set("actual_price", planDetail.get("actual_price"));
            detail.put("plan_detail_state", "NOT_USED");
            detail.put("order_id", ""); // WeChat Pay sends "" for ids and times not known yet
            detail.set("merchant_plan_detail_no", d.get("merchant_plan_detail_no"));
            detail.set("plan_detail_name", planDetail.get("plan_detail_name"));
            detail.put("use_time", "");
            detail.put("complete_time", "");
            detail.put("cancel_time", "");
        }
        return first;
    }

    /** The plan's detail with this number; a plan without a detail list has details 1..deduction_quantity. */
    private static JsonNode planDetail(ObjectNode plan, int detailNo) {
        JsonNode list = plan.get("plan_detail_list");
        if (list != null && list.isArray() && list.size() > 0) {
            for (JsonNode d : list) {
                if (d.path("plan_detail_no").asInt() == detailNo) {
                    return d;
                }
            }
            return null;
        }
        int quantity = plan.path("deduction_quantity").asInt();
        if (detailNo < 1 || detailNo > quantity) {
            return null;
        }
        ObjectNode d = NODES.objectNode();
        d.put("original_price", plan.path("total_original_price").asLong() / quantity);
        d.put("actual_price", plan.path("total_actual_price").asLong() / quantity);
        d.put("plan_detail_name", plan.path("plan_name").asText() + " #" + detailNo);
        return d;
    }

    /** @throws WechatError 404 when the caller has no sign plan with this number in this mode */
    PayscoreOwned find(String mchid, String no, String subMchid, boolean partner) {
        PayscoreOwned owned = byNo.get(mchid + "|" + no);
        if (owned == null || !owned.ownedBy(mchid, partner, subMchid)) {
            throw WechatError.notFound("merchant_sign_plan_no",
                    "签约计划不存在: no sign plan with merchant_sign_plan_no " + no);
        }
        return owned;
    }

    /** The sign plan with this sign_plan_id, or null. */
    PayscoreOwned byId(String signPlanId) {
        return byId.get(signPlanId);
    }

    JsonNode stop(PayscoreOwned signPlan, JsonNode body) {
        String state = signPlan.node().path("sign_state").asText();
        if ("TERMINATED".equals(state) || "EXPIRED".equals(state)) {
            throw WechatError.invalidRequest("merchant_sign_plan_no", "签约计划已终止: the sign plan is already stopped");
        }
        terminate(signPlan.node(), "MERCHANT", text(body, "stop_reason"));
        return signPlan.node().deepCopy();
    }

    private void terminate(ObjectNode signPlan, String type, String reason) {
        signPlan.put("sign_state", "TERMINATED");
        signPlan.put("cancel_sign_time", times.now());
        signPlan.put("cancel_sign_type", type);
        signPlan.put("cancel_reason", reason == null ? "" : reason);
        for (JsonNode d : signPlan.path("signed_detail_list")) {
            if ("NOT_USED".equals(d.path("plan_detail_state").asText())) {
                ((ObjectNode) d).put("plan_detail_state", "SIGN_PLAN_CANCELED");
                ((ObjectNode) d).put("cancel_time", times.now());
            }
        }
        reorder(signPlan);
    }

    /** The user confirms an UNSIGNED sign plan; returns it. */
    PayscoreOwned userSign(String merchantSignPlanNo) {
        PayscoreOwned owned = unique(merchantSignPlanNo);
        String state = owned.node().path("sign_state").asText();
        if (!"UNSIGNED".equals(state)) {
            throw new IllegalStateException("sign plan " + merchantSignPlanNo + " is " + state
                    + "; only an UNSIGNED sign plan can be signed");
        }
        owned.node().put("sign_state", "SIGNED");
        owned.node().put("sign_time", times.now());
        if (!owned.node().has("openid")) {
            owned.node().put("openid", "o" + Crypto.alphanumeric(random, 27));
        }
        reorder(owned.node());
        return owned;
    }

    /** The user cancels a SIGNED or UNSIGNED sign plan; returns it. */
    PayscoreOwned userCancel(String merchantSignPlanNo, String reason) {
        PayscoreOwned owned = unique(merchantSignPlanNo);
        String state = owned.node().path("sign_state").asText();
        if (!"SIGNED".equals(state) && !"UNSIGNED".equals(state)) {
            throw new IllegalStateException("sign plan " + merchantSignPlanNo + " is " + state
                    + "; only a SIGNED or UNSIGNED sign plan can be cancelled");
        }
        terminate(owned.node(), "USER", reason);
        return owned;
    }

    /** The sign plan as the simulator holds it, or null when no single sign plan has this number. */
    ObjectNode snapshot(String merchantSignPlanNo) {
        List<PayscoreOwned> found = findAll(merchantSignPlanNo);
        return found.size() == 1 ? found.get(0).node().deepCopy() : null;
    }

    private PayscoreOwned unique(String merchantSignPlanNo) {
        List<PayscoreOwned> found = findAll(merchantSignPlanNo);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no sign plan with merchant_sign_plan_no " + merchantSignPlanNo);
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("merchant_sign_plan_no " + merchantSignPlanNo
                    + " belongs to several merchants; numbers must be unique to simulate a user action");
        }
        return found.get(0);
    }

    private List<PayscoreOwned> findAll(String merchantSignPlanNo) {
        List<PayscoreOwned> found = new ArrayList<>();
        for (Map.Entry<String, PayscoreOwned> e : byNo.entrySet()) {
            if (e.getKey().endsWith("|" + merchantSignPlanNo)
                    && e.getKey().length() == e.getValue().mchid().length() + 1 + merchantSignPlanNo.length()) {
                found.add(e.getValue());
            }
        }
        return found;
    }

    /** Keeps sign-plan fields in WeChat Pay's documented order. */
    private static void reorder(ObjectNode signPlan) {
        ObjectNode copy = signPlan.deepCopy();
        signPlan.removeAll();
        for (String f : FIELD_ORDER) {
            if (copy.has(f)) {
                signPlan.set(f, copy.get(f));
                copy.remove(f);
            }
        }
        signPlan.setAll(copy);
    }
}
