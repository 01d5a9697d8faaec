package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wxpay.testkit.StateJson.copyIfPresent;
import static dev.wxpay.testkit.StateJson.format;
import static dev.wxpay.testkit.StateJson.text;

/**
 * WeChat Pay's PayScore plan and sign-plan family as state: plans (created, read, stopped), user sign plans
 * (created {@code UNSIGNED}, read, stopped, signed or cancelled by the simulated user) and the service orders created
 * against signed plan details. Answers are built from the stored objects, so what a client reads back is what it
 * created. The first product behind a {@link ProductDoor}; its control endpoints play the user
 * ({@code POST /_testkit/user-sign-plans/{merchant_sign_plan_no}/sign} and {@code …/cancel}).
 * Thread-safe: every method that touches state synchronises on this object.
 */
final class PayscoreState implements ProductDoor {

    static final Set<String> OPERATIONS = Set.of(
            "createPartnerPayscorePlan", "getPartnerPayscorePlan", "stopPartnerPayscorePlan",
            "createPayscorePlan", "getPayscorePlan", "stopPayscorePlan",
            "createPartnerUserSignPlan", "getPartnerUserSignPlan", "stopPartnerUserSignPlan",
            "createUserSignPlan", "getUserSignPlan", "stopUserSignPlan",
            "createPartnerSignPlanServiceOrder", "createSignPlanServiceOrder");

    static final String USER_SIGN_PLAN = "PAYSCORE.USER_SIGN_PLAN";
    static final String USER_CANCEL_SIGN_PLAN = "PAYSCORE.USER_CANCEL_SIGN_PLAN";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A stored object and who owns it: the calling mchid, and the sub-merchant in partner mode. */
    private static final class Owned {
        final String mchid;
        final String subMchid; // null in direct mode
        final ObjectNode node;

        Owned(String mchid, String subMchid, ObjectNode node) {
            this.mchid = mchid;
            this.subMchid = subMchid;
            this.node = node;
        }

        boolean partner() {
            return subMchid != null;
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Notifier notifier;
    private final boolean emptyUnsetDateTimes;
    private final Map<String, Owned> plansByNo = new HashMap<>();      // mchid|merchant_plan_no
    private final Map<String, Owned> plansById = new HashMap<>();      // plan_id
    private final Map<String, Owned> signPlansByNo = new HashMap<>();  // mchid|merchant_sign_plan_no
    private final Map<String, Owned> signPlansById = new HashMap<>();  // sign_plan_id
    private final Set<String> serviceOrders = new HashSet<>();         // mchid|out_trade_no

    /**
     * @param emptyUnsetDateTimes whether date-times not known yet ({@code stop_time}, {@code sign_time},
     *                            {@code cancel_sign_time}) are sent as {@code ""}, as WeChat Pay does, or left out
     */
    PayscoreState(Clock clock, SecureRandom random, Notifier notifier, boolean emptyUnsetDateTimes) {
        this.clock = clock;
        this.random = random;
        this.notifier = notifier;
        this.emptyUnsetDateTimes = emptyUnsetDateTimes;
    }

    @Override
    public Set<String> operationIds() {
        return OPERATIONS;
    }

    @Override
    public synchronized JsonNode answer(ProductCall call) {
        String mchid = call.mchid();
        Map<String, String> path = call.path();
        Map<String, String> query = call.query();
        JsonNode body = call.body();
        JsonNode example = call.example();
        switch (call.operationId()) {
            case "createPartnerPayscorePlan": return createPlan(mchid, body, true);
            case "createPayscorePlan": return createPlan(mchid, body, false);
            case "getPartnerPayscorePlan": return plan(mchid, path.get("merchant_plan_no"), query.get("sub_mchid"), true).node.deepCopy();
            case "getPayscorePlan": return plan(mchid, path.get("merchant_plan_no"), null, false).node.deepCopy();
            case "stopPartnerPayscorePlan": return stopPlan(plan(mchid, path.get("merchant_plan_no"), text(body, "sub_mchid"), true), mchid);
            case "stopPayscorePlan": return stopPlan(plan(mchid, path.get("merchant_plan_no"), null, false), mchid);
            case "createPartnerUserSignPlan": return createSignPlan(mchid, body, true);
            case "createUserSignPlan": return createSignPlan(mchid, body, false);
            case "getPartnerUserSignPlan": return signPlan(mchid, path.get("merchant_sign_plan_no"), query.get("sub_mchid"), true).node.deepCopy();
            case "getUserSignPlan": return signPlan(mchid, path.get("merchant_sign_plan_no"), null, false).node.deepCopy();
            case "stopPartnerUserSignPlan": return stopSignPlan(signPlan(mchid, path.get("merchant_sign_plan_no"), text(body, "sub_mchid"), true), body);
            case "stopUserSignPlan": return stopSignPlan(signPlan(mchid, path.get("merchant_sign_plan_no"), null, false), body);
            case "createPartnerSignPlanServiceOrder": return createServiceOrder(mchid, body, true, example);
            case "createSignPlanServiceOrder": return createServiceOrder(mchid, body, false, example);
            default: throw new IllegalArgumentException("not a PayScore plan operation: " + call.operationId());
        }
    }

    // ---- plans ----

    private JsonNode createPlan(String mchid, JsonNode body, boolean partner) {
        String no = text(body, "merchant_plan_no");
        String key = mchid + "|" + no;
        if (plansByNo.containsKey(key)) {
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
        unsetDateTime(plan, "stop_time");
        Owned owned = new Owned(mchid, partner ? text(body, "sub_mchid") : null, plan);
        plansByNo.put(key, owned);
        plansById.put(plan.get("plan_id").asText(), owned);
        return plan.deepCopy();
    }

    private Owned plan(String mchid, String no, String subMchid, boolean partner) {
        Owned owned = plansByNo.get(mchid + "|" + no);
        if (owned == null || owned.partner() != partner || (partner && !owned.subMchid.equals(subMchid))) {
            throw WechatError.notFound("merchant_plan_no", "支付分计划不存在: no plan with merchant_plan_no " + no);
        }
        return owned;
    }

    private JsonNode stopPlan(Owned plan, String mchid) {
        if (!"NORMAL".equals(plan.node.path("plan_state").asText())) {
            throw WechatError.invalidRequest("merchant_plan_no", "支付分计划已终止: the plan is already stopped");
        }
        plan.node.put("plan_state", "TERMINATED");
        plan.node.put("stop_mchid", mchid);
        plan.node.put("stop_time", now());
        return plan.node.deepCopy();
    }

    // ---- user sign plans ----

    private JsonNode createSignPlan(String mchid, JsonNode body, boolean partner) {
        String no = text(body, "merchant_sign_plan_no");
        String subMchid = partner ? text(body, "sub_mchid") : null;
        String key = mchid + "|" + no;
        if (signPlansByNo.containsKey(key)) {
            throw WechatError.invalidRequest("merchant_sign_plan_no",
                    "商户签约计划单号已存在: merchant_sign_plan_no " + no + " already exists");
        }
        Owned plan = plansById.get(text(body, "plan_id"));
        if (plan == null || !plan.mchid.equals(mchid) || plan.partner() != partner
                || (partner && !plan.subMchid.equals(subMchid))) {
            throw WechatError.notFound("plan_id", "支付分计划不存在: no plan with plan_id " + text(body, "plan_id"));
        }
        if (!plan.node.path("service_id").asText().equals(text(body, "service_id"))) {
            throw WechatError.invalidRequest("service_id", "service_id does not match the plan's service");
        }
        if (!"NORMAL".equals(plan.node.path("plan_state").asText())) {
            throw WechatError.invalidRequest("plan_id", "支付分计划已终止: the plan is stopped");
        }
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
        signPlan.set("plan_name", plan.node.get("plan_name"));
        long days = plan.node.path("plan_duration").asLong();
        signPlan.put("plan_over_time", format(clock.instant().plus(Duration.ofDays(days))));
        signPlan.set("total_origin_price", plan.node.get("total_original_price"));
        signPlan.set("deduction_quantity", plan.node.get("deduction_quantity"));
        signPlan.set("total_actual_price", plan.node.get("total_actual_price"));
        ArrayNode signed = signPlan.putArray("signed_detail_list");
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
            JsonNode planDetail = planDetail(plan.node, detailNo);
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
        signPlan.put("going_detail_no", first == Integer.MAX_VALUE ? 1 : first);
        unsetDateTime(signPlan, "cancel_sign_time");
        unsetDateTime(signPlan, "sign_time");
        reorder(signPlan);
        Owned owned = new Owned(mchid, subMchid, signPlan);
        signPlansByNo.put(key, owned);
        signPlansById.put(signPlan.get("sign_plan_id").asText(), owned);
        ObjectNode answer = NODES.objectNode();
        answer.set("sign_plan", signPlan.deepCopy());
        answer.put("package", Crypto.alphanumeric(random, 40));
        return answer;
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

    private Owned signPlan(String mchid, String no, String subMchid, boolean partner) {
        Owned owned = signPlansByNo.get(mchid + "|" + no);
        if (owned == null || owned.partner() != partner || (partner && !owned.subMchid.equals(subMchid))) {
            throw WechatError.notFound("merchant_sign_plan_no",
                    "签约计划不存在: no sign plan with merchant_sign_plan_no " + no);
        }
        return owned;
    }

    private JsonNode stopSignPlan(Owned signPlan, JsonNode body) {
        String state = signPlan.node.path("sign_state").asText();
        if ("TERMINATED".equals(state) || "EXPIRED".equals(state)) {
            throw WechatError.invalidRequest("merchant_sign_plan_no", "签约计划已终止: the sign plan is already stopped");
        }
        terminate(signPlan.node, "MERCHANT", text(body, "stop_reason"));
        return signPlan.node.deepCopy();
    }

    private void terminate(ObjectNode signPlan, String type, String reason) {
        signPlan.put("sign_state", "TERMINATED");
        signPlan.put("cancel_sign_time", now());
        signPlan.put("cancel_sign_type", type);
        signPlan.put("cancel_reason", reason == null ? "" : reason);
        for (JsonNode d : signPlan.path("signed_detail_list")) {
            if ("NOT_USED".equals(d.path("plan_detail_state").asText())) {
                ((ObjectNode) d).put("plan_detail_state", "SIGN_PLAN_CANCELED");
                ((ObjectNode) d).put("cancel_time", now());
            }
        }
        reorder(signPlan);
    }

    @Override
    public ObjectNode control(String method, List<String> segments, JsonNode body) {
        if (!"POST".equals(method) || segments.size() != 3 || !"user-sign-plans".equals(segments.get(0))
                || !("sign".equals(segments.get(2)) || "cancel".equals(segments.get(2)))) {
            return null;
        }
        String no = segments.get(1);
        Notice notice = "sign".equals(segments.get(2)) ? userSign(no) : userCancel(no, "用户取消签约");
        return ControlEndpoints.deliveryJson(notifier.send(notice));
    }

    @Override
    public List<String> controlEndpoints() {
        return List.of("POST " + WechatPaySimulator.CONTROL_PREFIX + "user-sign-plans/{merchant_sign_plan_no}/sign",
                "POST " + WechatPaySimulator.CONTROL_PREFIX + "user-sign-plans/{merchant_sign_plan_no}/cancel");
    }

    /** The user confirms an UNSIGNED sign plan. */
    synchronized Notice userSign(String merchantSignPlanNo) {
        Owned owned = uniqueSignPlan(merchantSignPlanNo);
        String state = owned.node.path("sign_state").asText();
        if (!"UNSIGNED".equals(state)) {
            throw new IllegalStateException("sign plan " + merchantSignPlanNo + " is " + state
                    + "; only an UNSIGNED sign plan can be signed");
        }
        owned.node.put("sign_state", "SIGNED");
        owned.node.put("sign_time", now());
        if (!owned.node.has("openid")) {
            owned.node.put("openid", "o" + Crypto.alphanumeric(random, 27));
        }
        reorder(owned.node);
        return notice(USER_SIGN_PLAN, "用户签约计划成功", owned);
    }

    /** The user cancels a SIGNED or UNSIGNED sign plan. */
    synchronized Notice userCancel(String merchantSignPlanNo, String reason) {
        Owned owned = uniqueSignPlan(merchantSignPlanNo);
        String state = owned.node.path("sign_state").asText();
        if (!"SIGNED".equals(state) && !"UNSIGNED".equals(state)) {
            throw new IllegalStateException("sign plan " + merchantSignPlanNo + " is " + state
                    + "; only a SIGNED or UNSIGNED sign plan can be cancelled");
        }
        terminate(owned.node, "USER", reason);
        return notice(USER_CANCEL_SIGN_PLAN, "用户取消签约计划", owned);
    }

    private static Notice notice(String eventType, String summary, Owned signPlan) {
        return new Notice(eventType, summary, "payscore", "payscore", signPlan.mchid,
                signPlan.node.path("merchant_callback_url").asText(), signPlan.node);
    }

    /** The sign plan as the simulator holds it, or null. */
    synchronized ObjectNode signPlanSnapshot(String merchantSignPlanNo) {
        List<Owned> found = findSignPlans(merchantSignPlanNo);
        return found.size() == 1 ? found.get(0).node.deepCopy() : null;
    }

    private Owned uniqueSignPlan(String merchantSignPlanNo) {
        List<Owned> found = findSignPlans(merchantSignPlanNo);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no sign plan with merchant_sign_plan_no " + merchantSignPlanNo);
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("merchant_sign_plan_no " + merchantSignPlanNo
                    + " belongs to several merchants; numbers must be unique to simulate a user action");
        }
        return found.get(0);
    }

    private List<Owned> findSignPlans(String merchantSignPlanNo) {
        List<Owned> found = new ArrayList<>();
        for (Map.Entry<String, Owned> e : signPlansByNo.entrySet()) {
            if (e.getKey().endsWith("|" + merchantSignPlanNo)
                    && e.getKey().length() == e.getValue().mchid.length() + 1 + merchantSignPlanNo.length()) {
                found.add(e.getValue());
            }
        }
        return found;
    }

    // ---- service orders ----

    private JsonNode createServiceOrder(String mchid, JsonNode body, boolean partner, JsonNode example) {
        String outTradeNo = text(body, "out_trade_no");
        if (!serviceOrders.add(mchid + "|" + outTradeNo)) {
            throw WechatError.invalidRequest("out_trade_no", "商户订单号重复: out_trade_no " + outTradeNo + " already used");
        }
        boolean done = false;
        try {
            Owned signPlan = signPlansById.get(text(body, "sign_plan_id"));
            if (signPlan == null || !signPlan.mchid.equals(mchid) || signPlan.partner() != partner
                    || (partner && !signPlan.subMchid.equals(text(body, "sub_mchid")))) {
                throw WechatError.notFound("sign_plan_id", "签约计划不存在: no sign plan with sign_plan_id "
                        + text(body, "sign_plan_id"));
            }
            if (!"SIGNED".equals(signPlan.node.path("sign_state").asText())) {
                throw WechatError.invalidRequest("sign_plan_id", "签约计划未签约: the sign plan is "
                        + signPlan.node.path("sign_state").asText() + ", not SIGNED");
            }
            int detailNo = body.path("plan_detail_no").asInt();
            ObjectNode detail = null;
            for (JsonNode d : signPlan.node.path("signed_detail_list")) {
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
            detail.put("use_time", now());
            signPlan.node.put("going_detail_no", detailNo);

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
            done = true;
            return order;
        } finally {
            if (!done) {
                serviceOrders.remove(mchid + "|" + outTradeNo);
            }
        }
    }

    // ---- helpers ----

    /** A date-time not known yet: {@code ""} like WeChat Pay, or left out when so configured. */
    private void unsetDateTime(ObjectNode node, String field) {
        if (emptyUnsetDateTimes) {
            node.put(field, "");
        }
    }

    private String now() {
        return format(clock.instant());
    }

    /** Keeps sign-plan fields in WeChat Pay's documented order, so answers read like the real ones. */
    private static void reorder(ObjectNode signPlan) {
        String[] order = {"sign_plan_id", "openid", "sub_openid", "service_id", "mchid", "sub_mchid", "appid",
            "sub_appid", "merchant_sign_plan_no", "merchant_callback_url", "plan_id", "going_detail_no", "sign_state",
            "cancel_sign_time", "cancel_sign_type", "cancel_reason", "plan_name", "plan_over_time",
            "total_origin_price", "deduction_quantity", "total_actual_price", "signed_detail_list", "sign_time"};
        ObjectNode copy = signPlan.deepCopy();
        signPlan.removeAll();
        for (String f : order) {
            if (copy.has(f)) {
                signPlan.set(f, copy.get(f));
                copy.remove(f);
            }
        }
        signPlan.setAll(copy);
    }
}
