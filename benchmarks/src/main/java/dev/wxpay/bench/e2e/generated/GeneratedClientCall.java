package dev.wxpay.bench.e2e.generated;

import dev.wxpay.bench.e2e.SeedCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.runtime.Transport;
import dev.wxpay.runtime.WechatPayClient;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * (a) Our generated client, on the runtime's default transport or the optional OkHttp one: {@code new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(req)} on one
 * {@link WechatPayClient} shared by all threads. The signature provider is always explicit, because with the native
 * provider on the class path the runtime would otherwise pick it by itself. Thread-safe.
 */
public final class GeneratedClientCall implements SeedCall {
    private final PartnerUserSignPlansApi api;
    private final CreatePartnerUserSignPlanRequest request;

    /**
     * @param provider  the JCA provider passed as {@code signatureProvider}; null means the JDK's own
     * @param transport the transport; null means the runtime's default (the JDK {@code HttpClient})
     */
    public GeneratedClientCall(BenchKeys keys, int port, Provider provider, Transport transport)
            throws NoSuchAlgorithmException {
        WechatPayClient.Builder builder = WechatPayClient.builder();
        if (transport != null) {
            builder.transport(transport);
        }
        WechatPayClient client = builder
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .merchantId(SeedFixture.MERCHANT_ID)
                .merchantSerialNumber(SeedFixture.MERCHANT_SERIAL)
                .merchantPrivateKey(keys.merchantPrivateKey())
                .wechatPayPublicKey(SeedFixture.PUBLIC_KEY_ID, keys.platformPublicKey())
                .signatureProvider(provider != null ? provider : jdkProvider())
                .build();
        this.api = new PartnerUserSignPlansApi(client);
        this.request = newRequest();
    }

    /** The JDK's own SHA256withRSA provider (SunRsaSign). */
    public static Provider jdkProvider() throws NoSuchAlgorithmException {
        return Signature.getInstance("SHA256withRSA").getProvider();
    }

    /** The seed request as generated models. */
    public static CreatePartnerUserSignPlanRequest newRequest() {
        List<SignPlanDetail> details = new ArrayList<>();
        for (int i = 0; i < SeedFixture.PLAN_DETAIL_NOS.length; i++) {
            details.add(new SignPlanDetail()
                    .planDetailNo((int) SeedFixture.PLAN_DETAIL_NOS[i])
                    .merchantPlanDetailNo(SeedFixture.MERCHANT_PLAN_DETAIL_NOS[i]));
        }
        return new CreatePartnerUserSignPlanRequest()
                .serviceId(SeedFixture.SERVICE_ID)
                .planId(SeedFixture.PLAN_ID)
                .appid(SeedFixture.APPID)
                .subMchid(SeedFixture.SUB_MCHID)
                .subAppid(SeedFixture.SUB_APPID)
                .openid(SeedFixture.OPENID)
                .subOpenid(SeedFixture.SUB_OPENID)
                .merchantSignPlanNo(SeedFixture.MERCHANT_SIGN_PLAN_NO)
                .notifyUrl(SeedFixture.NOTIFY_URL)
                .signPlanDetail(details);
    }

    @Override
    public String call() {
        return api.createPartnerUserSignPlan(request).getSignPlan().getSignPlanId();
    }
}
