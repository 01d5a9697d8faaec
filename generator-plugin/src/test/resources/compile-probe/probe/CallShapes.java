package probe;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.payscore.model.StopPartnerUserSignPlanRequest;
import dev.wxpay.payscore.notification.PayscoreNotifications;
import dev.wxpay.runtime.RequestValidationException;
import dev.wxpay.runtime.WechatPayClient;

import java.util.List;

/**
 * Compiled together with the generated sources by CompileAndRunTest: it fixes the public call shapes (a shape
 * change breaks this file's compilation) and runs the validation paths that fail before anything is sent.
 */
public final class CallShapes {
    private CallShapes() {
    }

    /** A request missing service_id and its first detail's plan_detail_no, sent in the API style. */
    public static List<String> apiStyleMissingFields(WechatPayClient client) {
        CreatePartnerUserSignPlanRequest request = new CreatePartnerUserSignPlanRequest()
                .planId("01000033210000324638000000376258").appid("wxd678efh567hg6787").subMchid("1900000109")
                .merchantSignPlanNo("no-1").notifyUrl("https://api.test.com")
                .signPlanDetail(List.of(new SignPlanDetail().merchantPlanDetailNo("d-1")));
        try {
            new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(request);
            return List.of("nothing refused");
        } catch (RequestValidationException e) {
            return e.violations();
        }
    }

    /** A null body, sent in the chain style. */
    public static List<String> chainStyleNullBody(WechatPayClient client) {
        try {
            new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(null);
            return List.of("nothing refused");
        } catch (RequestValidationException e) {
            return e.violations();
        }
    }

    /** A missing path value, in the chain style. */
    public static List<String> chainStyleMissingPathValue(WechatPayClient client) {
        try {
            new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().merchantSignPlanNo(null).stop()
                    .post(new StopPartnerUserSignPlanRequest().subMchid("1900000109").stopReason("reason"));
            return List.of("nothing refused");
        } catch (RequestValidationException e) {
            return e.violations();
        }
    }

    /** A missing required query parameter, async chain style: refused before a future exists. */
    public static List<String> chainStyleMissingQuery(WechatPayClient client) {
        try {
            new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().merchantSignPlanNo("no/1")
                    .getAsync(null);
            return List.of("nothing refused");
        } catch (RequestValidationException e) {
            return e.violations();
        }
    }

    /** The event types of the partner sign-plan callback. */
    public static List<String> partnerEventTypes() {
        return PayscoreNotifications.NOTIFY_PARTNER_USER_SIGN_PLAN_EVENT_TYPES;
    }
}
