package dev.wxpay.bench.e2e.minimum;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.wxpay.bench.e2e.SeedCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * (c) The minimum: the same signed, verified call written inline with the JDK's {@link Signature}, Jackson and OkHttp
 * (the fastest of the transports measured by {@code TransportBenchmark}). It does everything the product must do
 * (sign the sent bytes, check status, serial, timestamp window and signature of the answer, read typed objects) and
 * nothing else. One {@link Signature} per thread, initialised once; one nonce source per thread.
 * Thread-safe.
 */
public final class MinimumCall implements SeedCall {
    private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final OkHttpClient http;
    private final ObjectMapper json;
    private final String url;
    private final String authorizationPrefix;
    private final MinimumModels.Request request;
    private final ThreadLocal<Signature> signers;
    private final ThreadLocal<Signature> verifiers;
    private final ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(SecureRandom::new);

    /**
     * @param provider the JCA provider for SHA256withRSA, or null for the JDK's default
     */
    public MinimumCall(BenchKeys keys, int port, Provider provider) {
        this.http = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
                .callTimeout(Duration.ofSeconds(30))
                .build();
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.url = "http://127.0.0.1:" + port + SeedFixture.PATH;
        this.authorizationPrefix = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + SeedFixture.MERCHANT_ID + "\",nonce_str=\"";
        this.request = newRequest();
        PrivateKey privateKey = keys.merchantPrivateKey();
        PublicKey platformKey = keys.platformPublicKey();
        this.signers = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = signature(provider);
                signature.initSign(privateKey);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot initialise SHA256withRSA signing", e);
            }
        });
        this.verifiers = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = signature(provider);
                signature.initVerify(platformKey);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot initialise SHA256withRSA verification", e);
            }
        });
    }

    private static Signature signature(Provider provider) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance("SHA256withRSA")
                : Signature.getInstance("SHA256withRSA", provider);
    }

    /** The seed request as minimum models. */
    public static MinimumModels.Request newRequest() {
        MinimumModels.Request request = new MinimumModels.Request();
        request.serviceId = SeedFixture.SERVICE_ID;
        request.planId = SeedFixture.PLAN_ID;
        request.appid = SeedFixture.APPID;
        request.subMchid = SeedFixture.SUB_MCHID;
        request.subAppid = SeedFixture.SUB_APPID;
        request.openid = SeedFixture.OPENID;
        request.subOpenid = SeedFixture.SUB_OPENID;
        request.merchantSignPlanNo = SeedFixture.MERCHANT_SIGN_PLAN_NO;
        request.notifyUrl = SeedFixture.NOTIFY_URL;
        List<MinimumModels.PlanDetail> details = new ArrayList<>();
        for (int i = 0; i < SeedFixture.PLAN_DETAIL_NOS.length; i++) {
            MinimumModels.PlanDetail detail = new MinimumModels.PlanDetail();
            detail.planDetailNo = SeedFixture.PLAN_DETAIL_NOS[i];
            detail.merchantPlanDetailNo = SeedFixture.MERCHANT_PLAN_DETAIL_NOS[i];
            details.add(detail);
        }
        request.signPlanDetail = details;
        return request;
    }

    @Override
    public String call() throws IOException, GeneralSecurityException {
        byte[] body = json.writeValueAsBytes(request);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = nonce();
        Signature signer = signers.get();
        signer.update(("POST\n" + SeedFixture.PATH + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8));
        signer.update(body);
        signer.update((byte) '\n');
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        Request httpRequest = new Request.Builder()
                .url(url)
                .header("Authorization", authorizationPrefix + nonce + "\",signature=\"" + signature
                        + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + SeedFixture.MERCHANT_SERIAL + "\"")
                .header("Accept", "application/json")
                .header("User-Agent", "wxpay-bench-minimum")
                .header("Wechatpay-Serial", SeedFixture.PUBLIC_KEY_ID)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(httpRequest).execute()) {
            byte[] answer = response.body().bytes();
            if (response.code() != 200) {
                throw new IOException("HTTP " + response.code() + ": " + new String(answer, StandardCharsets.UTF_8));
            }
            verify(response, answer);
            return json.readValue(answer, MinimumModels.Response.class).signPlan.signPlanId;
        }
    }

    private void verify(Response response, byte[] answer) throws GeneralSecurityException {
        String serial = response.header("Wechatpay-Serial");
        String timestamp = response.header("Wechatpay-Timestamp");
        String nonce = response.header("Wechatpay-Nonce");
        String signature = response.header("Wechatpay-Signature");
        if (!SeedFixture.PUBLIC_KEY_ID.equals(serial) || timestamp == null || nonce == null || signature == null) {
            throw new SecurityException("unsigned answer or unknown serial " + serial);
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            throw new SecurityException("answer timestamp outside the 5-minute window: " + timestamp);
        }
        Signature verifier = verifiers.get();
        verifier.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        verifier.update(answer);
        verifier.update((byte) '\n');
        if (!verifier.verify(Base64.getDecoder().decode(signature))) {
            throw new SecurityException("answer signature does not verify");
        }
    }

    private String nonce() {
        byte[] bytes = new byte[32];
        randoms.get().nextBytes(bytes);
        char[] chars = new char[32];
        for (int i = 0; i < 32; i++) {
            chars[i] = ALPHANUMERIC[(bytes[i] & 0xff) % ALPHANUMERIC.length];
        }
        return new String(chars);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
