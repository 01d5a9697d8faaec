package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator keeps PayScore plan and sign-plan state and notifies like WeChat Pay")
class PayscoreSimulatorTest {

    static final String SUB_MCHID = "1900000109";
    static WechatPaySimulator simulator;
    static MerchantCalls merchant;
    static NotifyEndpoint endpoint;
    static int sequence;

    @BeforeAll
    static void start() {
        simulator = TestKeys.simulator()
                .notificationRetryDelays(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .start();
        merchant = new MerchantCalls(simulator, Clock.systemUTC());
        endpoint = new NotifyEndpoint();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        endpoint.close();
    }

    static String unique(String prefix) {
        return prefix + (++sequence) + "-" + System.nanoTime();
    }

    static ObjectNode planRequest(String merchantPlanNo, boolean partner) {
        ObjectNode r = MerchantCalls.JSON.createObjectNode();
        r.put("service_id", "2002000000000558128851361561536");
        r.put("appid", "wxd678efh567hg6787");
        if (partner) {
            r.put("sub_mchid", SUB_MCHID);
        }
        r.put("plan_name", "瑜伽课3节");
        r.put("plan_duration", 30);
        r.put("deduction_quantity", 3);
        r.put("total_original_price", 30000);
        r.put("total_actual_price", 27000);
        for (int i = 1; i <= 3; i++) {
            ObjectNode d = r.withArray("plan_detail_list").addObject();
            d.put("original_price", 10000);
            d.put("actual_price", 9000);
            d.put("plan_detail_name", "第" + i + "节课");
        }
        r.put("merchant_plan_no", merchantPlanNo);
        return r;
    }

    static JsonNode createPlan(boolean partner) {
        String path = partner ? "/v3/payscore/plan/partner/payscore-plans" : "/v3/payscore/plan/payscore-plans";
        MerchantCalls.Answer a = merchant.call("POST", path, planRequest(unique("P"), partner).toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    static ObjectNode signPlanRequest(JsonNode plan, String merchantSignPlanNo, boolean partner) {
        ObjectNode r = MerchantCalls.JSON.createObjectNode();
        r.put("service_id", plan.get("service_id").asText());
        r.put("plan_id", plan.get("plan_id").asText());
        r.put("appid", "wxd678efh567hg6787");
        if (partner) {
            r.put("sub_mchid", SUB_MCHID);
        }
        r.put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        r.put("merchant_sign_plan_no", merchantSignPlanNo);
        r.put("notify_url", endpoint.url());
        ObjectNode d = r.putArray("sign_plan_detail").addObject();
        d.put("plan_detail_no", 1);
        d.put("merchant_plan_detail_no", merchantSignPlanNo + "-1");
        return r;
    }

    static JsonNode createSignPlan(boolean partner, String no) {
        JsonNode plan = createPlan(partner);
        String path = partner ? "/v3/payscore/sign-plan/partner/user-sign-plans" : "/v3/payscore/sign-plan/user-sign-plans";
        MerchantCalls.Answer a = merchant.call("POST", path, signPlanRequest(plan, no, partner).toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    @DisplayName("a partner plan is created NORMAL, read back with its sub_mchid, and stopped once")
    void partnerPlanLifecycle() {
        JsonNode plan = createPlan(true);
        String no = plan.get("merchant_plan_no").asText();
        String base = "/v3/payscore/plan/partner/payscore-plans/merchant-plan-no/" + no;

        assertThat(plan.get("plan_state").asText()).isEqualTo("NORMAL");
        assertThat(plan.get("mchid").asText()).isEqualTo(simulator.merchant().mchid());
        assertThat(plan.get("plan_detail_list")).hasSize(3);
        assertThat(plan.at("/plan_detail_list/2/plan_detail_no").asInt()).isEqualTo(3);

        MerchantCalls.Answer read = merchant.call("GET", base + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(plan);
        assertThat(read.verifies(simulator.platformPublicKey())).isTrue();

        MerchantCalls.Answer otherSub = merchant.call("GET", base + "?sub_mchid=1900000001", null);
        assertThat(otherSub.status()).isEqualTo(404);
        assertThat(otherSub.json().get("code").asText()).isEqualTo("RESOURCE_NOT_EXISTS");

        MerchantCalls.Answer stop = merchant.call("POST", base + "/stop", "{\"sub_mchid\":\"" + SUB_MCHID + "\"}");
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.json().get("plan_state").asText()).isEqualTo("TERMINATED");
        assertThat(stop.json().get("stop_mchid").asText()).isEqualTo(simulator.merchant().mchid());
        assertThat(stop.json().get("stop_time").asText()).endsWith("+08:00");

        MerchantCalls.Answer again = merchant.call("POST", base + "/stop", "{\"sub_mchid\":\"" + SUB_MCHID + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    @DisplayName("a direct plan is stopped by a POST without body")
    void directPlanStopWithoutBody() {
        JsonNode plan = createPlan(false);
        String base = "/v3/payscore/plan/payscore-plans/merchant-plan-no/" + plan.get("merchant_plan_no").asText();

        assertThat(plan.has("sub_mchid")).isFalse();
        MerchantCalls.Answer stop = merchant.call("POST", base + "/stop", null);

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(stop.json().get("plan_state").asText()).isEqualTo("TERMINATED");
        assertThat(merchant.call("GET", base, null).json().get("plan_state").asText()).isEqualTo("TERMINATED");
    }

    @Test
    @DisplayName("a duplicate merchant_plan_no is refused with INVALID_REQUEST naming the field")
    void duplicatePlan() {
        String no = unique("DUP");
        String path = "/v3/payscore/plan/payscore-plans";
        assertThat(merchant.call("POST", path, planRequest(no, false).toString()).status()).isEqualTo(200);

        MerchantCalls.Answer again = merchant.call("POST", path, planRequest(no, false).toString());

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(again.json().at("/detail/field").asText()).isEqualTo("merchant_plan_no");
    }

    @Test
    @DisplayName("unknown plan and sign-plan numbers get 404 RESOURCE_NOT_EXISTS")
    void unknownNumbers() {
        MerchantCalls.Answer plan = merchant.call("GET", "/v3/payscore/plan/payscore-plans/merchant-plan-no/NOPE", null);
        MerchantCalls.Answer sign = merchant.call("GET",
                "/v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/NOPE", null);

        assertThat(plan.status()).isEqualTo(404);
        assertThat(plan.json().get("code").asText()).isEqualTo("RESOURCE_NOT_EXISTS");
        assertThat(sign.status()).isEqualTo(404);
        assertThat(sign.json().get("code").asText()).isEqualTo("RESOURCE_NOT_EXISTS");
    }

    @Test
    @DisplayName("a missing required field gets 400 PARAM_ERROR whose detail names the JSON path")
    void missingFieldNamed() {
        JsonNode plan = createPlan(true);
        ObjectNode request = signPlanRequest(plan, unique("S"), true);
        ((ObjectNode) request.get("sign_plan_detail").get(0)).remove("merchant_plan_detail_no");

        MerchantCalls.Answer a = merchant.call("POST", "/v3/payscore/sign-plan/partner/user-sign-plans",
                request.toString());

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("code").asText()).isEqualTo("PARAM_ERROR");
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("sign_plan_detail[0].merchant_plan_detail_no");
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("a wrongly typed field and a missing query parameter are named too")
    void wrongTypeAndMissingQuery() {
        ObjectNode request = planRequest(unique("T"), true);
        request.put("plan_duration", "thirty");

        MerchantCalls.Answer type = merchant.call("POST", "/v3/payscore/plan/partner/payscore-plans",
                request.toString());
        MerchantCalls.Answer query = merchant.call("GET",
                "/v3/payscore/plan/partner/payscore-plans/merchant-plan-no/X", null);

        assertThat(type.status()).isEqualTo(400);
        assertThat(type.json().at("/detail/field").asText()).isEqualTo("plan_duration");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.json().at("/detail/field").asText()).isEqualTo("sub_mchid");
        assertThat(query.json().at("/detail/location").asText()).isEqualTo("query");
    }

    @Test
    @DisplayName("a sign plan against an unknown plan is refused, naming plan_id")
    void signPlanNeedsPlan() {
        ObjectNode request = signPlanRequest(createPlan(false), unique("S"), false);
        request.put("plan_id", "0000");

        MerchantCalls.Answer a = merchant.call("POST", "/v3/payscore/sign-plan/user-sign-plans", request.toString());

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("plan_id");
    }

    @Test
    @DisplayName("a partner sign plan is created UNSIGNED with its details and a package, then duplicates are refused")
    void partnerSignPlanCreated() {
        String no = unique("S");
        JsonNode answer = createSignPlan(true, no);
        JsonNode signPlan = answer.get("sign_plan");

        assertThat(answer.get("package").asText()).isNotBlank();
        assertThat(signPlan.get("sign_state").asText()).isEqualTo("UNSIGNED");
        assertThat(signPlan.get("merchant_sign_plan_no").asText()).isEqualTo(no);
        assertThat(signPlan.get("sub_mchid").asText()).isEqualTo(SUB_MCHID);
        assertThat(signPlan.get("merchant_callback_url").asText()).isEqualTo(endpoint.url());
        assertThat(signPlan.get("total_origin_price").asLong()).isEqualTo(30000);
        assertThat(signPlan.at("/signed_detail_list/0/plan_detail_state").asText()).isEqualTo("NOT_USED");
        assertThat(signPlan.at("/signed_detail_list/0/use_time").asText()).isEmpty();

        MerchantCalls.Answer read = merchant.call("GET", "/v3/payscore/sign-plan/partner/user-sign-plans/"
                + "merchant-sign-plan-no/" + no + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(read.json()).isEqualTo(signPlan);

        JsonNode plan = merchant.call("GET", "/v3/payscore/plan/partner/payscore-plans/merchant-plan-no/"
                + "x?sub_mchid=" + SUB_MCHID, null).json();
        assertThat(plan.get("code").asText()).isEqualTo("RESOURCE_NOT_EXISTS");
    }

    @Test
    @DisplayName("simulateUserSign signs the plan and POSTs a signed, encrypted USER_SIGN_PLAN notification")
    void userSignNotifies() throws Exception {
        String no = unique("S");
        createSignPlan(true, no);

        NotificationDelivery delivery = simulator.simulateUserSign(no);
        NotifyEndpoint.Received received = endpoint.next();

        assertThat(delivery.completion().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(delivery.attempts()).hasSize(1);
        JsonNode envelope = MerchantCalls.JSON.readTree(received.body());
        assertThat(envelope.get("event_type").asText()).isEqualTo("PAYSCORE.USER_SIGN_PLAN");
        assertThat(envelope.get("id").asText()).isEqualTo(delivery.notificationId());
        assertThat(envelope.at("/resource/algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
        assertThat(verifies(received)).isTrue();
        assertThat(received.header("Wechatpay-Serial")).isEqualTo(simulator.publicKeyId());

        JsonNode resource = MerchantCalls.JSON.readTree(decrypt(envelope.get("resource")));
        assertThat(resource.get("merchant_sign_plan_no").asText()).isEqualTo(no);
        assertThat(resource.get("sign_state").asText()).isEqualTo("SIGNED");
        assertThat(resource.get("sign_time").asText()).endsWith("+08:00");
        assertThat(resource.toString()).isEqualTo(delivery.resourcePlaintext());

        JsonNode read = merchant.call("GET", "/v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/"
                + no + "?sub_mchid=" + SUB_MCHID, null).json();
        assertThat(read.get("sign_state").asText()).isEqualTo("SIGNED");
        assertThatThrownBy(() -> simulator.simulateUserSign(no)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("simulateUserCancel terminates a direct sign plan and POSTs USER_CANCEL_SIGN_PLAN")
    void userCancelNotifies() throws Exception {
        String no = unique("S");
        createSignPlan(false, no);
        simulator.simulateUserSign(no).completion().get(10, TimeUnit.SECONDS);
        endpoint.next();

        NotificationDelivery delivery = simulator.simulateUserCancel(no, "不想上课了");
        NotifyEndpoint.Received received = endpoint.next();

        JsonNode envelope = MerchantCalls.JSON.readTree(received.body());
        assertThat(envelope.get("event_type").asText()).isEqualTo("PAYSCORE.USER_CANCEL_SIGN_PLAN");
        JsonNode resource = MerchantCalls.JSON.readTree(decrypt(envelope.get("resource")));
        assertThat(resource.get("sign_state").asText()).isEqualTo("TERMINATED");
        assertThat(resource.get("cancel_sign_type").asText()).isEqualTo("USER");
        assertThat(resource.get("cancel_reason").asText()).isEqualTo("不想上课了");
        assertThat(resource.has("sub_mchid")).isFalse();
        assertThat(delivery.completion().get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    }

    @Test
    @DisplayName("a notification is retried, re-signed, until the merchant answers success")
    void notificationRetried() throws Exception {
        String no = unique("S");
        createSignPlan(true, no);
        endpoint.answerNext(List.of(500, 400));

        NotificationDelivery delivery = simulator.simulateUserSign(no);
        NotifyEndpoint.Received first = endpoint.next();
        endpoint.next();
        NotifyEndpoint.Received third = endpoint.next();

        NotificationDelivery done = delivery.completion().get(10, TimeUnit.SECONDS);
        assertThat(done.attempts()).extracting(NotificationDelivery.Attempt::status).containsExactly(500, 400, 204);
        assertThat(done.succeeded()).isTrue();
        assertThat(third.body()).isEqualTo(first.body());
        assertThat(third.header("Wechatpay-Nonce")).isNotEqualTo(first.header("Wechatpay-Nonce"));
        assertThat(verifies(third)).isTrue();
    }

    @Test
    @DisplayName("user actions on unknown sign plans are refused")
    void unknownUserActions() {
        assertThatThrownBy(() -> simulator.simulateUserSign("NOPE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.simulateUserCancel("NOPE")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a merchant stop terminates the sign plan with cancel type MERCHANT, once")
    void merchantStopsSignPlan() {
        String no = unique("S");
        createSignPlan(false, no);
        String stop = "/v3/payscore/sign-plan/user-sign-plans/merchant-sign-plan-no/" + no + "/stop";

        MerchantCalls.Answer a = merchant.call("POST", stop, "{\"stop_reason\":\"用户协商后停止\"}");
        MerchantCalls.Answer again = merchant.call("POST", stop, "{\"stop_reason\":\"再停一次\"}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("sign_state").asText()).isEqualTo("TERMINATED");
        assertThat(a.json().get("cancel_sign_type").asText()).isEqualTo("MERCHANT");
        assertThat(a.json().get("cancel_reason").asText()).isEqualTo("用户协商后停止");
        assertThat(again.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("a service order needs a SIGNED plan detail, uses it once, and echoes out_trade_no as out_order_no")
    void serviceOrder() throws Exception {
        String no = unique("S");
        JsonNode signPlan = createSignPlan(true, no).get("sign_plan");
        ObjectNode order = MerchantCalls.JSON.createObjectNode();
        order.put("service_id", signPlan.get("service_id").asText());
        order.put("sign_plan_id", signPlan.get("sign_plan_id").asText());
        order.put("plan_detail_no", 1);
        order.put("appid", "wxd678efh567hg6787");
        order.put("sub_mchid", SUB_MCHID);
        order.put("notify_url", endpoint.url());
        order.put("service_introduction", "瑜伽课");
        order.putObject("time_range").put("start_time", "20301225091010");
        order.put("out_trade_no", unique("O"));
        String path = "/v3/payscore/sign-plan/partner/serviceorder";

        MerchantCalls.Answer unsigned = merchant.call("POST", path, order.toString());
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().at("/detail/field").asText()).isEqualTo("sign_plan_id");

        simulator.simulateUserSign(no).completion().get(10, TimeUnit.SECONDS);
        endpoint.next();
        MerchantCalls.Answer created = merchant.call("POST", path, order.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("out_order_no").asText()).isEqualTo(order.get("out_trade_no").asText());
        assertThat(created.json().get("service_introduction").asText()).isEqualTo("瑜伽课");
        assertThat(created.json().get("mchid").asText()).isEqualTo(simulator.merchant().mchid());

        order.put("out_trade_no", unique("O"));
        MerchantCalls.Answer reused = merchant.call("POST", path, order.toString());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().at("/detail/field").asText()).isEqualTo("plan_detail_no");
        assertThat(simulator.signPlanJson(no).orElseThrow()).contains("\"plan_detail_state\":\"USING\"");
    }

    static boolean verifies(NotifyEndpoint.Received r) throws Exception {
        String message = r.header("Wechatpay-Timestamp") + "\n" + r.header("Wechatpay-Nonce") + "\n" + r.body() + "\n";
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(simulator.platformPublicKey());
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(r.header("Wechatpay-Signature")));
    }

    static String decrypt(JsonNode resource) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE,
                new SecretKeySpec(simulator.merchant().apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, resource.get("nonce").asText().getBytes(StandardCharsets.UTF_8)));
        c.updateAAD(resource.get("associated_data").asText().getBytes(StandardCharsets.UTF_8));
        return new String(c.doFinal(Base64.getDecoder().decode(resource.get("ciphertext").asText())),
                StandardCharsets.UTF_8);
    }
}
