package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wxpay.testkit.StateJson.text;

/**
 * WeChat Pay's PayScore plan and sign-plan family as state: plans (created, read, stopped), user sign plans
 * (created {@code UNSIGNED}, read, stopped, signed or cancelled by the simulated user) and the service orders created
 * against signed plan details. Answers are built from the stored objects, so what a client reads back is what it
 * created. The first product behind a {@link ProductDoor}; its control endpoints play the user
 * ({@code POST /_testkit/user-sign-plans/{merchant_sign_plan_no}/sign} and {@code …/cancel}).
 * This class routes the calls; {@link PayscorePlans}, {@link PayscoreSignPlans} and {@link PayscoreServiceOrders}
 * keep the state. Thread-safe: every method that touches state synchronises on this object.
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

    private final Notifier notifier;
    private final PayscorePlans plans;
    private final PayscoreSignPlans signPlans;
    private final PayscoreServiceOrders serviceOrders;

    /**
     * @param emptyUnsetDateTimes whether date-times not known yet ({@code stop_time}, {@code sign_time},
     *                            {@code cancel_sign_time}) are sent as {@code ""}, as WeChat Pay does, or left out
     */
    PayscoreState(Clock clock, SecureRandom random, Notifier notifier, boolean emptyUnsetDateTimes) {
        this.notifier = notifier;
        PayscoreTimes times = new PayscoreTimes(clock, emptyUnsetDateTimes);
        this.plans = new PayscorePlans(random, times);
        this.signPlans = new PayscoreSignPlans(random, times, plans);
        this.serviceOrders = new PayscoreServiceOrders(random, times, signPlans);
    }

    @Override
    public Set<String> operationIds() {
        return OPERATIONS;
    }

    @Override
    public synchronized JsonNode answer(ProductCall call) {
        String mchid = call.mchid();
        JsonNode body = call.body();
        String planNo = call.path().get("merchant_plan_no");
        String signPlanNo = call.path().get("merchant_sign_plan_no");
        Map<String, String> query = call.query();
        switch (call.operationId()) {
            case "createPartnerPayscorePlan": return plans.create(mchid, body, true);
            case "createPayscorePlan": return plans.create(mchid, body, false);
            case "getPartnerPayscorePlan": return plans.find(mchid, planNo, query.get("sub_mchid"), true).node().deepCopy();
            case "getPayscorePlan": return plans.find(mchid, planNo, null, false).node().deepCopy();
            case "stopPartnerPayscorePlan": return plans.stop(plans.find(mchid, planNo, text(body, "sub_mchid"), true), mchid);
            case "stopPayscorePlan": return plans.stop(plans.find(mchid, planNo, null, false), mchid);
            case "createPartnerUserSignPlan": return signPlans.create(mchid, body, true);
            case "createUserSignPlan": return signPlans.create(mchid, body, false);
            case "getPartnerUserSignPlan": return signPlans.find(mchid, signPlanNo, query.get("sub_mchid"), true).node().deepCopy();
            case "getUserSignPlan": return signPlans.find(mchid, signPlanNo, null, false).node().deepCopy();
            case "stopPartnerUserSignPlan": return signPlans.stop(signPlans.find(mchid, signPlanNo, text(body, "sub_mchid"), true), body);
            case "stopUserSignPlan": return signPlans.stop(signPlans.find(mchid, signPlanNo, null, false), body);
            case "createPartnerSignPlanServiceOrder": return serviceOrders.create(mchid, body, true, call.example());
            case "createSignPlanServiceOrder": return serviceOrders.create(mchid, body, false, call.example());
            default: throw new IllegalArgumentException("not a PayScore plan operation: " + call.operationId());
        }
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
        return notice(USER_SIGN_PLAN, "用户签约计划成功", signPlans.userSign(merchantSignPlanNo));
    }

    /** The user cancels a SIGNED or UNSIGNED sign plan. */
    synchronized Notice userCancel(String merchantSignPlanNo, String reason) {
        return notice(USER_CANCEL_SIGN_PLAN, "用户取消签约计划", signPlans.userCancel(merchantSignPlanNo, reason));
    }

    /** The sign plan as the simulator holds it, or null. */
    synchronized ObjectNode signPlanSnapshot(String merchantSignPlanNo) {
        return signPlans.snapshot(merchantSignPlanNo);
    }

    private static Notice notice(String eventType, String summary, PayscoreOwned signPlan) {
        return new Notice(eventType, summary, "payscore", "payscore", signPlan.mchid(),
                signPlan.node().path("merchant_callback_url").asText(), signPlan.node());
    }
}
