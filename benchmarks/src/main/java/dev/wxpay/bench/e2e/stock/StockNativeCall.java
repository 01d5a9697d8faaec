package dev.wxpay.bench.e2e.stock;

import dev.wxpay.bench.e2e.SeedCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.bench.stock.ApiClient;
import dev.wxpay.bench.stock.api.PartnerUserSignPlansApi;
import dev.wxpay.bench.stock.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.bench.stock.model.SignPlanDetail;

/**
 * (d) The stock OpenAPI Generator 7.25.0 {@code java}/{@code native} client generated from the same spec, as its
 * generator leaves it (JDK HttpClient with its default settings), plus a {@link SigningInterceptor}. It cannot verify
 * the answer's signature: the stock response interceptor would have to consume the body the API method then reads.
 * Thread-safe, as the generated API object is.
 */
public final class StockNativeCall implements SeedCall {
    private final PartnerUserSignPlansApi api;
    private final CreatePartnerUserSignPlanRequest request;

    public StockNativeCall(BenchKeys keys, int port) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(new SigningInterceptor(keys.merchantPrivateKey(), SeedFixture.MERCHANT_ID,
                SeedFixture.MERCHANT_SERIAL, SeedFixture.PUBLIC_KEY_ID));
        this.api = new PartnerUserSignPlansApi(client);
        this.request = new CreatePartnerUserSignPlanRequest()
                .serviceId(SeedFixture.SERVICE_ID)
                .planId(SeedFixture.PLAN_ID)
                .appid(SeedFixture.APPID)
                .subMchid(SeedFixture.SUB_MCHID)
                .subAppid(SeedFixture.SUB_APPID)
                .openid(SeedFixture.OPENID)
                .subOpenid(SeedFixture.SUB_OPENID)
                .merchantSignPlanNo(SeedFixture.MERCHANT_SIGN_PLAN_NO)
                .notifyUrl(SeedFixture.NOTIFY_URL);
        for (int i = 0; i < SeedFixture.PLAN_DETAIL_NOS.length; i++) {
            request.addSignPlanDetailItem(new SignPlanDetail()
                    .planDetailNo((int) SeedFixture.PLAN_DETAIL_NOS[i])
                    .merchantPlanDetailNo(SeedFixture.MERCHANT_PLAN_DETAIL_NOS[i]));
        }
    }

    @Override
    public String call() throws Exception {
        return api.createPartnerUserSignPlan(request).getSignPlan().getSignPlanId();
    }
}
