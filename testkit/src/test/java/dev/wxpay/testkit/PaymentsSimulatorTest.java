package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

@DisplayName("The simulator keeps payments and refunds as state and notifies like WeChat Pay")
class PaymentsSimulatorTest {

    /** The payments spec shipped in wxpay-spec, the one the payments client is generated from. */
    static final SimulatorSpec PAYMENTS = SimulatorSpec.payments();
    static final String APPID = "wxd678efh567hg6787";
    static final String SUB_MCHID = "1900000109";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);

    static WechatPaySimulator simulator;
    static MerchantCalls merchant;
    static NotifyEndpoint endpoint;
    static int sequence;

    @BeforeAll
    static void start() {
        simulator = payments(true);
        merchant = new MerchantCalls(simulator, CLOCK);
        endpoint = new NotifyEndpoint();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        endpoint.close();
    }

    /** A simulator serving the payments fixture on the fixed clock; refunds succeed at once or are held. */
    static WechatPaySimulator payments(boolean refundsAtOnce) {
        return TestKeys.simulator().spec(PAYMENTS).clock(CLOCK).refundsSucceedAtOnce(refundsAtOnce)
                .notificationRetryDelays(List.of(Duration.ZERO, Duration.ZERO)).start();
    }

    static String unique(String prefix) {
        return prefix + (++sequence) + "T" + System.nanoTime() % 1_000_000_000L;
    }

    static ObjectNode prepayRequest(String outTradeNo, long total, boolean partner) {
        ObjectNode r = MerchantCalls.JSON.createObjectNode();
        if (partner) {
            r.put("sp_appid", APPID);
            r.put("sp_mchid", simulator.merchant().mchid());
            r.put("sub_mchid", SUB_MCHID);
        } else {
            r.put("appid", APPID);
            r.put("mchid", simulator.merchant().mchid());
        }
        r.put("description", "Image形象店-深圳腾大-QQ公仔");
        r.put("out_trade_no", outTradeNo);
        r.put("notify_url", endpoint.url());
        r.put("attach", "自定义数据");
        r.putObject("amount").put("total", total).put("currency", "CNY");
        r.putObject("payer").put(partner ? "sp_openid" : "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        return r;
    }

    static String prepay(MerchantCalls calls, String kind, ObjectNode request, boolean partner) {
        MerchantCalls.Answer a = calls.call("POST", (partner ? "/v3/pay/partner/transactions/" : "/v3/pay/transactions/")
                + kind, request.toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }

    static JsonNode query(String outTradeNo) {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid="
                + simulator.merchant().mchid(), null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
        return a.json();
    }

    static JsonNode paid(long total) throws Exception {
        String no = unique("PAY");
        prepay(merchant, "jsapi", prepayRequest(no, total, false), false);
        NotificationDelivery d = simulator.simulateUserPay(no);
        assertThat(d.completion().get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        return query(no);
    }

    static ObjectNode refundRequest(JsonNode transaction, String outRefundNo, long refund) {
        ObjectNode r = MerchantCalls.JSON.createObjectNode();
        r.put("transaction_id", transaction.get("transaction_id").asText());
        r.put("out_refund_no", outRefundNo);
        r.put("reason", "商品已售完");
        r.put("notify_url", endpoint.url());
        r.putObject("amount").put("refund", refund).put("total", transaction.at("/amount/total").asLong())
                .put("currency", "CNY");
        return r;
    }

    /** The notification with this id as the endpoint received it (earlier ones are skipped). */
    static NotifyEndpoint.Received received(NotificationDelivery d) throws Exception {
        d.completion().get(30, TimeUnit.SECONDS);
        while (true) {
            NotifyEndpoint.Received r = endpoint.next();
            if (MerchantCalls.JSON.readTree(r.body()).get("id").asText().equals(d.notificationId())) {
                return r;
            }
        }
    }

    static JsonNode decrypt(NotifyEndpoint.Received r) throws Exception {
        JsonNode resource = MerchantCalls.JSON.readTree(r.body()).get("resource");
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE,
                new SecretKeySpec(simulator.merchant().apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, resource.get("nonce").asText().getBytes(StandardCharsets.UTF_8)));
        c.updateAAD(resource.get("associated_data").asText().getBytes(StandardCharsets.UTF_8));
        return MerchantCalls.JSON.readTree(new String(c.doFinal(Base64.getDecoder().decode(
                resource.get("ciphertext").asText())), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a JSAPI prepay answers a prepay_id and creates a NOTPAY order the query answers")
    void prepayCreatesAnUnpaidOrder() throws Exception {
        String no = unique("JS");
        JsonNode answer = MerchantCalls.JSON.readTree(prepay(merchant, "jsapi", prepayRequest(no, 100, false), false));
        assertThat(answer.get("prepay_id").asText()).matches("wx20261201100000[0-9a-f]{20}");
        JsonNode order = query(no);
        assertThat(order.get("trade_state").asText()).isEqualTo("NOTPAY");
        assertThat(order.get("out_trade_no").asText()).isEqualTo(no);
        assertThat(order.get("mchid").asText()).isEqualTo(simulator.merchant().mchid());
        assertThat(order.at("/amount/total").asLong()).isEqualTo(100);
        assertThat(order.has("transaction_id")).isFalse();
    }

    @Test
    @DisplayName("the same prepay sent again answers the same prepay_id; other content under that out_trade_no is refused")
    void duplicatePrepay() throws Exception {
        String no = unique("DUP");
        String first = prepay(merchant, "jsapi", prepayRequest(no, 100, false), false);
        assertThat(prepay(merchant, "jsapi", prepayRequest(no, 100, false), false)).isEqualTo(first);
        MerchantCalls.Answer other = merchant.call("POST", "/v3/pay/transactions/jsapi",
                prepayRequest(no, 200, false).toString());
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(other.json().get("message").asText()).contains(no);
    }

    @Test
    @DisplayName("APP, H5 and Native prepays answer prepay_id, h5_url and code_url")
    void otherPrepays() throws Exception {
        ObjectNode app = prepayRequest(unique("APP"), 1, false);
        app.remove("payer");
        assertThat(MerchantCalls.JSON.readTree(prepay(merchant, "app", app, false)).has("prepay_id")).isTrue();
        ObjectNode h5 = prepayRequest(unique("H5"), 1, false);
        h5.remove("payer");
        h5.putObject("scene_info").put("payer_client_ip", "14.23.150.211").putObject("h5_info").put("type", "Wap");
        assertThat(MerchantCalls.JSON.readTree(prepay(merchant, "h5", h5, false)).get("h5_url").asText())
                .startsWith("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx");
        ObjectNode nat = prepayRequest(unique("NAT"), 1, false);
        nat.remove("payer");
        assertThat(MerchantCalls.JSON.readTree(prepay(merchant, "native", nat, false)).get("code_url").asText())
                .startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(query(nat.get("out_trade_no").asText()).get("trade_type").asText()).isEqualTo("NATIVE");
    }

    @Test
    @DisplayName("a JSAPI prepay without the payer's openid is refused naming payer.openid")
    void jsapiNeedsPayer() {
        ObjectNode r = prepayRequest(unique("NOP"), 1, false);
        r.putObject("payer");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/pay/transactions/jsapi", r.toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("payer.openid");
    }

    @Test
    @DisplayName("the simulated user pays: SUCCESS, and an encrypted, signed TRANSACTION.SUCCESS reaches notify_url")
    void userPays() throws Exception {
        String no = unique("PAID");
        prepay(merchant, "jsapi", prepayRequest(no, 888, false), false);
        NotificationDelivery d = simulator.simulateUserPay(no);
        NotifyEndpoint.Received r = received(d);
        assertThat(d.eventType()).isEqualTo("TRANSACTION.SUCCESS");
        String message = r.header("Wechatpay-Timestamp") + "\n" + r.header("Wechatpay-Nonce") + "\n" + r.body() + "\n";
        java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
        s.initVerify(simulator.platformPublicKey());
        s.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(s.verify(Base64.getDecoder().decode(r.header("Wechatpay-Signature")))).isTrue();
        JsonNode envelope = MerchantCalls.JSON.readTree(r.body());
        assertThat(envelope.get("event_type").asText()).isEqualTo("TRANSACTION.SUCCESS");
        assertThat(envelope.at("/resource/original_type").asText()).isEqualTo("transaction");
        JsonNode transaction = decrypt(r);
        assertThat(transaction.get("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(transaction.get("success_time").asText()).isEqualTo("2026-12-01T10:00:00+08:00");
        assertThat(transaction.at("/amount/payer_total").asLong()).isEqualTo(888);
        assertThat(transaction.at("/payer/openid").asText()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        String id = transaction.get("transaction_id").asText();
        assertThat(id).matches("420020261201[0-9]{16}");
        MerchantCalls.Answer byId = merchant.call("GET", "/v3/pay/transactions/id/" + id + "?mchid="
                + simulator.merchant().mchid(), null);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).isEqualTo(transaction);
        assertThat(simulator.transactionJson(no)).contains(transaction.toString());
        assertThatThrownBy(() -> simulator.simulateUserPay(no)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUCCESS");
    }

    @Test
    @DisplayName("close makes an unpaid order CLOSED (204) and refuses a paid one with 400 ORDERPAID")
    void close() throws Exception {
        String no = unique("CLS");
        prepay(merchant, "native", prepayRequest(no, 5, false), false);
        String body = "{\"mchid\":\"" + simulator.merchant().mchid() + "\"}";
        MerchantCalls.Answer closed = merchant.call("POST", "/v3/pay/transactions/out-trade-no/" + no + "/close", body);
        assertThat(closed.status()).isEqualTo(204);
        assertThat(query(no).get("trade_state").asText()).isEqualTo("CLOSED");
        assertThatThrownBy(() -> simulator.simulateUserPay(no)).isInstanceOf(IllegalStateException.class);

        JsonNode paid = paid(5);
        MerchantCalls.Answer refused = merchant.call("POST", "/v3/pay/transactions/out-trade-no/"
                + paid.get("out_trade_no").asText() + "/close", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("ORDERPAID");
    }

    @Test
    @DisplayName("a query of an order nobody created answers 404 ORDER_NOT_EXIST")
    void unknownOrder() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/pay/transactions/out-trade-no/NOPE12345?mchid="
                + simulator.merchant().mchid(), null);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("code").asText()).isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    @DisplayName("a partial refund answers PROCESSING, then succeeds with REFUND.SUCCESS; more than is left is NOT_ENOUGH")
    void refunds() throws Exception {
        JsonNode t = paid(1000);
        String rno = unique("R");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/refund/domestic/refunds",
                refundRequest(t, rno, 600).toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("PROCESSING");
        assertThat(a.json().at("/amount/refund").asLong()).isEqualTo(600);
        assertThat(a.json().get("refund_id").asText()).matches("50[0-9]{27}");

        JsonNode resource = refundNotification(rno);
        assertThat(resource.get("refund_status").asText()).isEqualTo("SUCCESS");
        assertThat(resource.get("out_refund_no").asText()).isEqualTo(rno);
        assertThat(resource.at("/amount/refund").asLong()).isEqualTo(600);

        MerchantCalls.Answer q = merchant.call("GET", "/v3/refund/domestic/refunds/" + rno, null);
        assertThat(q.json().get("status").asText()).isEqualTo("SUCCESS");
        assertThat(query(t.get("out_trade_no").asText()).get("trade_state").asText()).isEqualTo("REFUND");

        MerchantCalls.Answer tooMuch = merchant.call("POST", "/v3/refund/domestic/refunds",
                refundRequest(t, unique("R"), 401).toString());
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("code").asText()).isEqualTo("NOT_ENOUGH");
        assertThat(tooMuch.json().get("message").asText()).contains("400 fen left");
        MerchantCalls.Answer rest = merchant.call("POST", "/v3/refund/domestic/refunds",
                refundRequest(t, unique("R"), 400).toString());
        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
    }

    /** The decrypted resource of the next refund notification about {@code outRefundNo} the endpoint receives. */
    static JsonNode refundNotification(String outRefundNo) throws Exception {
        while (true) {
            NotifyEndpoint.Received r = endpoint.next();
            JsonNode resource = decrypt(r);
            if (outRefundNo.equals(resource.path("out_refund_no").asText())) {
                assertThat(MerchantCalls.JSON.readTree(r.body()).get("event_type").asText())
                        .isEqualTo("REFUND." + resource.get("refund_status").asText());
                return resource;
            }
        }
    }

    @Test
    @DisplayName("a refund of an unpaid order or with the wrong total is refused")
    void refundChecks() throws Exception {
        String no = unique("UNP");
        prepay(merchant, "jsapi", prepayRequest(no, 100, false), false);
        ObjectNode unpaid = MerchantCalls.JSON.createObjectNode();
        unpaid.put("out_trade_no", no);
        unpaid.put("out_refund_no", unique("R"));
        unpaid.putObject("amount").put("refund", 1).put("total", 100).put("currency", "CNY");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/refund/domestic/refunds", unpaid.toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("message").asText()).contains("NOTPAY");

        JsonNode t = paid(100);
        ObjectNode wrongTotal = refundRequest(t, unique("R"), 1);
        ((ObjectNode) wrongTotal.get("amount")).put("total", 99);
        MerchantCalls.Answer b = merchant.call("POST", "/v3/refund/domestic/refunds", wrongTotal.toString());
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.json().at("/detail/field").asText()).isEqualTo("amount.total");
    }

    @Test
    @DisplayName("held refunds stay PROCESSING until the bank ends them; ABNORMAL frees the amount again")
    void heldRefunds() throws Exception {
        try (WechatPaySimulator held = payments(false)) {
            MerchantCalls calls = new MerchantCalls(held, CLOCK);
            String no = unique("HLD");
            ObjectNode request = prepayRequest(no, 300, false);
            prepay(calls, "jsapi", request, false);
            held.simulateUserPay(no).completion().get(30, TimeUnit.SECONDS);
            ObjectNode refund = MerchantCalls.JSON.createObjectNode();
            refund.put("out_trade_no", no);
            refund.put("out_refund_no", "RH" + no);
            refund.putObject("amount").put("refund", 300).put("total", 300).put("currency", "CNY");
            assertThat(calls.call("POST", "/v3/refund/domestic/refunds", refund.toString()).status()).isEqualTo(200);
            assertThat(calls.call("GET", "/v3/refund/domestic/refunds/RH" + no, null).json().get("status").asText())
                    .isEqualTo("PROCESSING");

            NotificationDelivery d = held.simulateRefundAbnormal("RH" + no);
            assertThat(d.eventType()).isEqualTo("REFUND.ABNORMAL");
            assertThat(d.notifyUrl()).as("falls back to the order's notify_url").isEqualTo(endpoint.url());
            assertThat(MerchantCalls.JSON.readTree(d.resourcePlaintext()).get("refund_status").asText())
                    .isEqualTo("ABNORMAL");
            assertThat(calls.call("GET", "/v3/refund/domestic/refunds/RH" + no, null).json().get("status").asText())
                    .isEqualTo("ABNORMAL");
            assertThatThrownBy(() -> held.simulateRefundSuccess("RH" + no)).isInstanceOf(IllegalStateException.class);

            refund.put("out_refund_no", "RI" + no);
            assertThat(calls.call("POST", "/v3/refund/domestic/refunds", refund.toString()).status()).isEqualTo(200);
            assertThat(held.simulateRefundSuccess("RI" + no).eventType()).isEqualTo("REFUND.SUCCESS");
        }
    }

    @Test
    @DisplayName("partner mode: the order belongs to sp_mchid and sub_mchid, and another sub-merchant cannot see it")
    void partnerMode() throws Exception {
        String no = unique("SP");
        prepay(merchant, "jsapi", prepayRequest(no, 50, true), true);
        String mchid = simulator.merchant().mchid();
        MerchantCalls.Answer q = merchant.call("GET", "/v3/pay/partner/transactions/out-trade-no/" + no + "?sp_mchid="
                + mchid + "&sub_mchid=" + SUB_MCHID, null);
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        assertThat(q.json().get("sp_mchid").asText()).isEqualTo(mchid);
        assertThat(q.json().get("sub_mchid").asText()).isEqualTo(SUB_MCHID);
        assertThat(q.json().get("trade_state").asText()).isEqualTo("NOTPAY");
        MerchantCalls.Answer other = merchant.call("GET", "/v3/pay/partner/transactions/out-trade-no/" + no
                + "?sp_mchid=" + mchid + "&sub_mchid=1900000999", null);
        assertThat(other.status()).isEqualTo(404);
        MerchantCalls.Answer direct = merchant.call("GET", "/v3/pay/transactions/out-trade-no/" + no + "?mchid="
                + mchid, null);
        assertThat(direct.status()).as("a partner order is not a direct one").isEqualTo(404);

        JsonNode t = decrypt(received(simulator.simulateUserPay(no)));
        assertThat(t.get("sp_appid").asText()).isEqualTo(APPID);
        assertThat(t.at("/payer/sp_openid").asText()).as("the payer as the prepay named it")
                .isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        ObjectNode refund = refundRequest(t, unique("SR"), 50);
        refund.put("sub_mchid", SUB_MCHID);
        assertThat(merchant.call("POST", "/v3/refund/domestic/refunds", refund.toString()).status()).isEqualTo(200);
        MerchantCalls.Answer rq = merchant.call("GET", "/v3/refund/domestic/refunds/"
                + refund.get("out_refund_no").asText() + "?sub_mchid=" + SUB_MCHID, null);
        assertThat(rq.status()).as(rq.body()).isEqualTo(200);
        String close = "{\"sp_mchid\":\"" + mchid + "\",\"sub_mchid\":\"" + SUB_MCHID + "\"}";
        assertThat(merchant.call("POST", "/v3/pay/partner/transactions/out-trade-no/" + no + "/close", close).status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("a prepay naming another merchant than the signer is refused")
    void prepayForAnotherMerchant() {
        ObjectNode r = prepayRequest(unique("OTH"), 1, false);
        r.put("mchid", "1999999999");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/pay/transactions/jsapi", r.toString());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().at("/detail/field").asText()).isEqualTo("mchid");
    }
}
