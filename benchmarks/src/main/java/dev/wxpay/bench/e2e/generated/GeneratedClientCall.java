package dev.wxpay.bench.e2e.generated;

import dev.wxpay.bench.e2e.SeedCall;
import dev.wxpay.bench.e2e.minimum.MinimumCall;
import dev.wxpay.bench.e2e.minimum.MinimumModels;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.WechatPayClient;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;

/**
 * (a) Our client: one {@link WechatPayClient} shared by all threads, called the way generated code calls it
 * ({@code ApiRequest} + {@code execute}). The signature provider is always explicit, because with the native
 * provider on the class path the runtime would otherwise pick it by itself. Thread-safe.
 */
public final class GeneratedClientCall implements SeedCall {
    private final WechatPayClient client;
    private final MinimumModels.Request request;

    /**
     * @param provider the JCA provider passed as {@code signatureProvider}; null means the JDK's own
     */
    public GeneratedClientCall(BenchKeys keys, int port, Provider provider) throws NoSuchAlgorithmException {
        this.client = WechatPayClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .merchantId(SeedFixture.MERCHANT_ID)
                .merchantSerialNumber(SeedFixture.MERCHANT_SERIAL)
                .merchantPrivateKey(keys.merchantPrivateKey())
                .wechatPayPublicKey(SeedFixture.PUBLIC_KEY_ID, keys.platformPublicKey())
                .signatureProvider(provider != null ? provider : jdkProvider())
                .build();
        this.request = MinimumCall.newRequest();
    }

    /** The JDK's own SHA256withRSA provider (SunRsaSign). */
    public static Provider jdkProvider() throws NoSuchAlgorithmException {
        return Signature.getInstance("SHA256withRSA").getProvider();
    }

    @Override
    public String call() {
        ApiRequest apiRequest = ApiRequest.builder("POST", SeedFixture.PATH)
                .operationId("createPartnerUserSignPlan")
                .body(request)
                .build();
        return client.execute(apiRequest, MinimumModels.Response.class).data().signPlan.signPlanId;
    }
}
