package dev.wxpay.bench.e2e.official;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * The seed operation's request and answer written the way wechatpay-java's own service models are: Gson fields with
 * {@code @SerializedName}, times as strings. wechatpay-java 0.2.17 has no PayScore sign-plan service, so a user of it
 * writes these and calls the generic HTTP client. Mutable, not thread-safe.
 */
public final class OfficialModels {
    private OfficialModels() {
    }

    /** The request body. */
    public static final class Request {
        @SerializedName("service_id") public String serviceId;
        @SerializedName("plan_id") public String planId;
        @SerializedName("appid") public String appid;
        @SerializedName("sub_mchid") public String subMchid;
        @SerializedName("sub_appid") public String subAppid;
        @SerializedName("openid") public String openid;
        @SerializedName("sub_openid") public String subOpenid;
        @SerializedName("merchant_sign_plan_no") public String merchantSignPlanNo;
        @SerializedName("notify_url") public String notifyUrl;
        @SerializedName("sign_plan_detail") public List<PlanDetail> signPlanDetail;
    }

    /** One element of the request's sign_plan_detail. */
    public static final class PlanDetail {
        @SerializedName("plan_detail_no") public Long planDetailNo;
        @SerializedName("merchant_plan_detail_no") public String merchantPlanDetailNo;
    }

    /** The answer. */
    public static final class Response {
        @SerializedName("sign_plan") public SignPlan signPlan;
        @SerializedName("package") public String packageValue;
    }

    /** The answer's sign_plan. */
    public static final class SignPlan {
        @SerializedName("sign_plan_id") public String signPlanId;
        @SerializedName("openid") public String openid;
        @SerializedName("sub_openid") public String subOpenid;
        @SerializedName("service_id") public String serviceId;
        @SerializedName("mchid") public String mchid;
        @SerializedName("sub_mchid") public String subMchid;
        @SerializedName("appid") public String appid;
        @SerializedName("sub_appid") public String subAppid;
        @SerializedName("merchant_sign_plan_no") public String merchantSignPlanNo;
        @SerializedName("merchant_callback_url") public String merchantCallbackUrl;
        @SerializedName("plan_id") public String planId;
        @SerializedName("going_detail_no") public Long goingDetailNo;
        @SerializedName("sign_state") public String signState;
        @SerializedName("cancel_sign_time") public String cancelSignTime;
        @SerializedName("cancel_sign_type") public String cancelSignType;
        @SerializedName("cancel_reason") public String cancelReason;
        @SerializedName("plan_name") public String planName;
        @SerializedName("plan_over_time") public String planOverTime;
        @SerializedName("total_origin_price") public Long totalOriginPrice;
        @SerializedName("deduction_quantity") public Long deductionQuantity;
        @SerializedName("total_actual_price") public Long totalActualPrice;
        @SerializedName("signed_detail_list") public List<SignedDetail> signedDetailList;
        @SerializedName("sign_time") public String signTime;
    }

    /** One element of signed_detail_list. */
    public static final class SignedDetail {
        @SerializedName("plan_detail_no") public Long planDetailNo;
        @SerializedName("original_price") public Long originalPrice;
        @SerializedName("plan_discount_description") public String planDiscountDescription;
        @SerializedName("actual_price") public Long actualPrice;
        @SerializedName("plan_detail_state") public String planDetailState;
        @SerializedName("order_id") public String orderId;
        @SerializedName("merchant_plan_detail_no") public String merchantPlanDetailNo;
        @SerializedName("plan_detail_name") public String planDetailName;
        @SerializedName("actual_pay_price") public Long actualPayPrice;
        @SerializedName("use_time") public String useTime;
        @SerializedName("complete_time") public String completeTime;
        @SerializedName("cancel_time") public String cancelTime;
    }
}
