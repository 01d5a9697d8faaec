package dev.wxpay.bench.e2e.minimum;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The seed operation's request and answer as the least a careful hand-written call needs: Jackson-annotated public
 * fields, times as {@link OffsetDateTime} (the same types the generated models use). Mutable, not thread-safe.
 */
public final class MinimumModels {
    private MinimumModels() {
    }

    /** The request body. */
    public static final class Request {
        @JsonProperty("service_id") public String serviceId;
        @JsonProperty("plan_id") public String planId;
        @JsonProperty("appid") public String appid;
        @JsonProperty("sub_mchid") public String subMchid;
        @JsonProperty("sub_appid") public String subAppid;
        @JsonProperty("openid") public String openid;
        @JsonProperty("sub_openid") public String subOpenid;
        @JsonProperty("merchant_sign_plan_no") public String merchantSignPlanNo;
        @JsonProperty("notify_url") public String notifyUrl;
        @JsonProperty("sign_plan_detail") public List<PlanDetail> signPlanDetail;
    }

    /** One element of the request's sign_plan_detail. */
    public static final class PlanDetail {
        @JsonProperty("plan_detail_no") public Long planDetailNo;
        @JsonProperty("merchant_plan_detail_no") public String merchantPlanDetailNo;
    }

    /** The answer. */
    public static final class Response {
        @JsonProperty("sign_plan") public SignPlan signPlan;
        @JsonProperty("package") public String packageValue;
    }

    /** The answer's sign_plan. */
    public static final class SignPlan {
        @JsonProperty("sign_plan_id") public String signPlanId;
        @JsonProperty("openid") public String openid;
        @JsonProperty("sub_openid") public String subOpenid;
        @JsonProperty("service_id") public String serviceId;
        @JsonProperty("mchid") public String mchid;
        @JsonProperty("sub_mchid") public String subMchid;
        @JsonProperty("appid") public String appid;
        @JsonProperty("sub_appid") public String subAppid;
        @JsonProperty("merchant_sign_plan_no") public String merchantSignPlanNo;
        @JsonProperty("merchant_callback_url") public String merchantCallbackUrl;
        @JsonProperty("plan_id") public String planId;
        @JsonProperty("going_detail_no") public Long goingDetailNo;
        @JsonProperty("sign_state") public String signState;
        @JsonProperty("cancel_sign_time") public OffsetDateTime cancelSignTime;
        @JsonProperty("cancel_sign_type") public String cancelSignType;
        @JsonProperty("cancel_reason") public String cancelReason;
        @JsonProperty("plan_name") public String planName;
        @JsonProperty("plan_over_time") public OffsetDateTime planOverTime;
        @JsonProperty("total_origin_price") public Long totalOriginPrice;
        @JsonProperty("deduction_quantity") public Long deductionQuantity;
        @JsonProperty("total_actual_price") public Long totalActualPrice;
        @JsonProperty("signed_detail_list") public List<SignedDetail> signedDetailList;
        @JsonProperty("sign_time") public OffsetDateTime signTime;
    }

    /** One element of signed_detail_list. */
    public static final class SignedDetail {
        @JsonProperty("plan_detail_no") public Long planDetailNo;
        @JsonProperty("original_price") public Long originalPrice;
        @JsonProperty("plan_discount_description") public String planDiscountDescription;
        @JsonProperty("actual_price") public Long actualPrice;
        @JsonProperty("plan_detail_state") public String planDetailState;
        @JsonProperty("order_id") public String orderId;
        @JsonProperty("merchant_plan_detail_no") public String merchantPlanDetailNo;
        @JsonProperty("plan_detail_name") public String planDetailName;
        @JsonProperty("actual_pay_price") public Long actualPayPrice;
        @JsonProperty("use_time") public OffsetDateTime useTime;
        @JsonProperty("complete_time") public OffsetDateTime completeTime;
        @JsonProperty("cancel_time") public OffsetDateTime cancelTime;
    }
}
