package dev.wxpay.bench.e2e.official;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.core.util.GsonUtil;
import dev.wxpay.bench.e2e.SeedCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import java.util.ArrayList;
import java.util.List;

/**
 * (b) The official SDK, com.github.wechatpay-apiv3:wechatpay-java 0.2.17, in public-key mode through its generic
 * HTTP client, called the way its own generated services call it (Gson body, {@code execute}, typed answer).
 * Thread-safe, as the SDK's client is.
 */
public final class OfficialSdkCall implements SeedCall {
    private final HttpClient http;
    private final String url;
    private final OfficialModels.Request request;

    public OfficialSdkCall(BenchKeys keys, int port) {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(SeedFixture.MERCHANT_ID)
                .privateKey(keys.merchantPrivateKey())
                .merchantSerialNumber(SeedFixture.MERCHANT_SERIAL)
                .publicKey(keys.platformPublicKey())
                .publicKeyId(SeedFixture.PUBLIC_KEY_ID)
                .apiV3Key(SeedFixture.API_V3_KEY)
                .build();
        this.http = new DefaultHttpClientBuilder().config(config).build();
        this.url = "http://127.0.0.1:" + port + SeedFixture.PATH;
        this.request = newRequest();
    }

    /** The seed request as the SDK-style models. */
    public static OfficialModels.Request newRequest() {
        OfficialModels.Request request = new OfficialModels.Request();
        request.serviceId = SeedFixture.SERVICE_ID;
        request.planId = SeedFixture.PLAN_ID;
        request.appid = SeedFixture.APPID;
        request.subMchid = SeedFixture.SUB_MCHID;
        request.subAppid = SeedFixture.SUB_APPID;
        request.openid = SeedFixture.OPENID;
        request.subOpenid = SeedFixture.SUB_OPENID;
        request.merchantSignPlanNo = SeedFixture.MERCHANT_SIGN_PLAN_NO;
        request.notifyUrl = SeedFixture.NOTIFY_URL;
        List<OfficialModels.PlanDetail> details = new ArrayList<>();
        for (int i = 0; i < SeedFixture.PLAN_DETAIL_NOS.length; i++) {
            OfficialModels.PlanDetail detail = new OfficialModels.PlanDetail();
            detail.planDetailNo = SeedFixture.PLAN_DETAIL_NOS[i];
            detail.merchantPlanDetailNo = SeedFixture.MERCHANT_PLAN_DETAIL_NOS[i];
            details.add(detail);
        }
        request.signPlanDetail = details;
        return request;
    }

    @Override
    public String call() {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", MediaType.APPLICATION_JSON.getValue());
        headers.addHeader("Content-Type", MediaType.APPLICATION_JSON.getValue());
        HttpRequest httpRequest = new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST)
                .url(url)
                .headers(headers)
                .body(new JsonRequestBody.Builder().body(GsonUtil.toJson(request)).build())
                .build();
        HttpResponse<OfficialModels.Response> response = http.execute(httpRequest, OfficialModels.Response.class);
        return response.getServiceResponse().signPlan.signPlanId;
    }
}
