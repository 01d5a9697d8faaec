package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.payscore.model.CreatePartnerPayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePartnerSignPlanServiceOrderRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.payscore.model.CreateSignPlanServiceOrderRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.payscore.model.TimeRange;
import dev.wxpay.runtime.WechatPayJson;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Request builders and the server-side checks every end-to-end test makes. */
final class Fixtures {

    static final ObjectMapper JSON = WechatPayJson.newObjectMapper();
    static final String SERVICE_ID = "2002000000000558128851361561536";
    static final String APPID = "wxd678efh567hg6787";
    static final String SUB_MCHID = "1900000109";
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    /** A merchant number that needs percent-encoding in a path: a space, a slash, a plus and a non-ASCII letter. */
    static String awkwardNo(String prefix) {
        return prefix + " " + SEQUENCE.incrementAndGet() + "/Ω+" + System.nanoTime();
    }

    /** A plain merchant number. */
    static String plainNo(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "x" + System.nanoTime();
    }

    /** RFC 3986 segment encoding, written here independently of the runtime's encoder. */
    static String encodeSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static List<CreatePlanDetail> details() {
        return List.of(
                new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L).planDetailName("第1节课")
                        .planDiscountDescription("九折"),
                new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L).planDetailName("第2节课"));
    }

    static CreatePartnerPayscorePlanRequest partnerPlan(String no) {
        return new CreatePartnerPayscorePlanRequest().serviceId(SERVICE_ID).appid(APPID).subMchid(SUB_MCHID)
                .planName("瑜伽课2节").planDuration(30).deductionQuantity(2).totalOriginalPrice(20000L)
                .totalActualPrice(18000L).planDetailList(details()).merchantPlanNo(no);
    }

    static CreatePayscorePlanRequest directPlan(String no) {
        return new CreatePayscorePlanRequest().serviceId(SERVICE_ID).appid(APPID).planName("瑜伽课2节")
                .planDuration(30).deductionQuantity(2).totalOriginalPrice(20000L).totalActualPrice(18000L)
                .planDetailList(details()).merchantPlanNo(no);
    }

    static CreatePartnerUserSignPlanRequest partnerSignPlan(String planId, String no, String notifyUrl) {
        return new CreatePartnerUserSignPlanRequest().serviceId(SERVICE_ID).planId(planId).appid(APPID)
                .subMchid(SUB_MCHID).openid(OPENID).merchantSignPlanNo(no).notifyUrl(notifyUrl)
                .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(1).merchantPlanDetailNo(no + "-1"),
                        new SignPlanDetail().planDetailNo(2).merchantPlanDetailNo(no + "-2")));
    }

    static CreateUserSignPlanRequest directSignPlan(String planId, String no, String notifyUrl) {
        return new CreateUserSignPlanRequest().serviceId(SERVICE_ID).planId(planId).appid(APPID).openid(OPENID)
                .merchantSignPlanNo(no).notifyUrl(notifyUrl)
                .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(1).merchantPlanDetailNo(no + "-1")));
    }

    static CreatePartnerSignPlanServiceOrderRequest partnerOrder(String signPlanId, String outTradeNo) {
        return new CreatePartnerSignPlanServiceOrderRequest().serviceId(SERVICE_ID).signPlanId(signPlanId)
                .planDetailNo(1).appid(APPID).subMchid(SUB_MCHID).notifyUrl("https://merchant.example/paid")
                .serviceIntroduction("瑜伽课第1节").timeRange(new TimeRange().startTime("20301225091010"))
                .outTradeNo(outTradeNo);
    }

    static CreateSignPlanServiceOrderRequest directOrder(String signPlanId, String outTradeNo) {
        return new CreateSignPlanServiceOrderRequest().serviceId(SERVICE_ID).signPlanId(signPlanId)
                .planDetailNo(1).appid(APPID).openid(OPENID).notifyUrl("https://merchant.example/paid")
                .serviceIntroduction("瑜伽课第1节").timeRange(new TimeRange().startTime("20301225091010"))
                .outTradeNo(outTradeNo);
    }

    /**
     * Checks, on the server side, the last request the simulator received: operation, method, the exact encoded
     * target, the body bytes (as the JSON of {@code expectedBody}, or no body and no Content-Type), and the signature,
     * both as the simulator judged it and re-verified here with the merchant's public key.
     */
    static RecordedRequest assertSent(WechatPaySimulator simulator, String operationId, String method, String target,
                                      Object expectedBody) {
        RecordedRequest r = simulator.lastRequest().orElseThrow();
        assertThat(r.operationId()).contains(operationId);
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.target()).isEqualTo(target);
        assertThat(r.signatureVerified()).as("simulator verified the signature").isTrue();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        if (expectedBody == null) {
            assertThat(r.body()).isEmpty();
            assertThat(r.header("Content-Type")).isEmpty();
        } else {
            assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            // The exact bytes: the client serialises once with the product's one Jackson configuration.
            assertThat(r.bodyText()).isEqualTo(writeJson(expectedBody));
        }
        assertSignedBy(simulator.merchant(), r);
        // The other headers WeChat Pay expects: JSON accepted, a User-Agent, and the WeChat Pay key the client trusts.
        assertThat(r.header("Accept")).contains("application/json");
        assertThat(r.header("User-Agent")).hasValueSatisfying(v -> assertThat(v).isNotBlank());
        assertThat(r.header("Wechatpay-Serial")).contains(simulator.publicKeyId());
        return r;
    }

    /** Re-verifies the Authorization header of {@code r} with the JDK, over the exact bytes the server received. */
    static void assertSignedBy(SimulatedMerchant merchant, RecordedRequest r) {
        String authorization = r.header("Authorization").orElseThrow();
        assertThat(authorization).startsWith("WECHATPAY2-SHA256-RSA2048 ");
        Map<String, String> fields = new HashMap<>();
        for (String part : authorization.substring("WECHATPAY2-SHA256-RSA2048 ".length()).split(",")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 2, part.length() - 1));
        }
        assertThat(fields).containsKeys("mchid", "nonce_str", "timestamp", "serial_no", "signature");
        assertThat(fields.get("mchid")).isEqualTo(merchant.mchid());
        assertThat(fields.get("serial_no")).isEqualTo(merchant.certificateSerialNo());
        assertThat(fields.get("nonce_str")).matches("[0-9A-Za-z]{32}");
        byte[] head = (r.method() + "\n" + r.target() + "\n" + fields.get("timestamp") + "\n" + fields.get("nonce_str")
                + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(merchant.publicKey());
            s.update(head);
            s.update(r.body());
            s.update((byte) '\n');
            assertThat(s.verify(Base64.getDecoder().decode(fields.get("signature")))).isTrue();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
