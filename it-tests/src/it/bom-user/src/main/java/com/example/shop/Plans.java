package com.example.shop;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.runtime.WechatPayClient;

/** A user's service calling the generated client: it must compile with versions from the BOM alone. */
public final class Plans {
    private final PayscorePlansApi api;

    public Plans(WechatPayClient client) {
        this.api = new PayscorePlansApi(client);
    }

    public String planId(String merchantPlanNo) {
        PayscorePlan plan = api.getPayscorePlan(merchantPlanNo);
        return plan.getPlanId();
    }
}
