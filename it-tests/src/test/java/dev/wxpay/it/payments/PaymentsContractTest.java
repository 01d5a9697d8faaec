package dev.wxpay.it.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payments.Wxpay;
import dev.wxpay.payments.api.AppApi;
import dev.wxpay.payments.api.BillsApi;
import dev.wxpay.payments.api.H5Api;
import dev.wxpay.payments.api.JsapiApi;
import dev.wxpay.payments.api.NativeApi;
import dev.wxpay.payments.api.PartnerJsapiApi;
import dev.wxpay.payments.api.PartnerTransactionsApi;
import dev.wxpay.payments.api.RefundsApi;
import dev.wxpay.payments.api.TransactionsApi;
import dev.wxpay.payments.model.Amount;
import dev.wxpay.payments.model.AppPrepayRequest;
import dev.wxpay.payments.model.BillLocation;
import dev.wxpay.payments.model.CloseOrderRequest;
import dev.wxpay.payments.model.CreateRefundRequest;
import dev.wxpay.payments.model.H5Info;
import dev.wxpay.payments.model.H5PrepayRequest;
import dev.wxpay.payments.model.H5PrepayResponse;
import dev.wxpay.payments.model.H5SceneInfo;
import dev.wxpay.payments.model.JsapiPrepayRequest;
import dev.wxpay.payments.model.NativePrepayRequest;
import dev.wxpay.payments.model.NativePrepayResponse;
import dev.wxpay.payments.model.PartnerJsapiPrepayRequest;
import dev.wxpay.payments.model.PartnerPayer;
import dev.wxpay.payments.model.PartnerTransaction;
import dev.wxpay.payments.model.Payer;
import dev.wxpay.payments.model.PrepayResponse;
import dev.wxpay.payments.model.Refund;
import dev.wxpay.payments.model.RefundNotification;
import dev.wxpay.payments.model.RefundAmount;
import dev.wxpay.payments.model.Transaction;
import dev.wxpay.payments.notification.PaymentsNotifications;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.Transport;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Compiles against every name of issue 17's public contract and checks what each call puts on the wire and how the
 * signed answer reads back. A small transport stands in for WeChat Pay: it answers each operationId with a fixed
 * body, signed with its own key, so this test depends on the generated client and the runtime only.
 */
@DisplayName("The payments client's public contract: every named method, on the wire and back")
class PaymentsContractTest {
    private static final String MCHID = "1230000109";
    private static final String APPID = "wxd678efh567hg6787";
    private static final String KEY_ID = "PUB_KEY_ID_0112300001092026000000000000001";
    private static final String TRANSACTION = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\","
            + "\"out_trade_no\":\"order-1\",\"transaction_id\":\"4200000001202612010000000001\",\"trade_type\":\"JSAPI\","
            + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"CMC\",\"attach\":\"\","
            + "\"success_time\":\"2026-12-01T18:00:05+08:00\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
            + "\"amount\":{\"total\":100,\"payer_total\":90,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"},"
            + "\"promotion_detail\":[{\"coupon_id\":\"109519\",\"amount\":10,\"scope\":\"GLOBAL\",\"type\":\"CASH\"}]}";
    private static final String REFUND = "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"refund-1\","
            + "\"transaction_id\":\"4200000001202612010000000001\",\"out_trade_no\":\"order-1\",\"channel\":\"ORIGINAL\","
            + "\"user_received_account\":\"支付用户零钱\",\"create_time\":\"2026-12-01T18:10:00+08:00\","
            + "\"status\":\"PROCESSING\",\"amount\":{\"total\":100,\"refund\":30,\"payer_total\":90,\"payer_refund\":27,"
            + "\"settlement_refund\":30,\"settlement_total\":100,\"discount_refund\":3,\"currency\":\"CNY\"}}";
    private static final String BILL = "{\"hash_type\":\"SHA1\",\"hash_value\":\"79bb0f45fc4c42234a918000b2668d689e2bde04\","
            + "\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=abc\"}";
    private static final Map<String, String> ANSWERS = Map.ofEntries(
            Map.entry("jsapiPrepay", "{\"prepay_id\":\"wx-jsapi\"}"), Map.entry("appPrepay", "{\"prepay_id\":\"wx-app\"}"),
            Map.entry("h5Prepay", "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx-h5\"}"),
            Map.entry("nativePrepay", "{\"code_url\":\"weixin://wxpay/bizpayurl/up?pr=NwY5Mz9\"}"),
            Map.entry("partnerJsapiPrepay", "{\"prepay_id\":\"wx-partner-jsapi\"}"),
            Map.entry("queryOrderById", TRANSACTION), Map.entry("queryOrderByOutTradeNo", TRANSACTION),
            Map.entry("partnerQueryOrderByOutTradeNo", "{\"sp_appid\":\"wx8888888888888888\",\"sp_mchid\":\"1230000109\","
                    + "\"sub_mchid\":\"1900000109\",\"out_trade_no\":\"order-2\",\"trade_state\":\"NOTPAY\","
                    + "\"trade_state_desc\":\"订单未支付\",\"success_time\":\"\",\"payer\":{\"sub_openid\":\"o-sub\"}}"),
            Map.entry("closeOrder", ""), Map.entry("createRefund", REFUND), Map.entry("queryRefundByOutRefundNo", REFUND),
            Map.entry("getTradeBill", BILL), Map.entry("getFundFlowBill", BILL));

    private static KeyPair merchant;
    private static KeyPair wechatPay;
    private final List<WireRequest> sent = new ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        merchant = generator.generateKeyPair();
        wechatPay = generator.generateKeyPair();
    }

    private WechatPayClient client() {
        return WechatPayClient.builder().merchantId(MCHID).merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .merchantPrivateKey(merchant.getPrivate()).wechatPayPublicKey(KEY_ID, wechatPay.getPublic())
                .transport(this::answer).build();
    }

    /** Answers like WeChat Pay: the fixed body of the operation, signed over {@code timestamp\nnonce\nbody\n}. */
    private WireResponse answer(WireRequest request, Duration timeout) {
        synchronized (sent) {
            sent.add(request);
        }
        String body = ANSWERS.get(request.operationId());
        if (body == null) {
            return WireResponse.of(404, Map.of(), "{\"code\":\"NOT_FOUND\",\"message\":\"no answer\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (body.isEmpty()) {
            return WireResponse.of(204, Map.of("Request-ID", List.of("r-1")), new byte[0]);
        }
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "n" + System.nanoTime();
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(wechatPay.getPrivate());
            signature.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
            return WireResponse.of(200, Map.of("Content-Type", List.of("application/json"),
                    "Wechatpay-Timestamp", List.of(timestamp), "Wechatpay-Nonce", List.of(nonce),
                    "Wechatpay-Serial", List.of(KEY_ID), "Request-ID", List.of("r-1"),
                    "Wechatpay-Signature", List.of(Base64.getEncoder().encodeToString(signature.sign()))),
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private WireRequest last() {
        synchronized (sent) {
            return sent.get(sent.size() - 1);
        }
    }

    private static JsapiPrepayRequest jsapiRequest() {
        return new JsapiPrepayRequest().appid(APPID).mchid(MCHID).description("QQ公仔").outTradeNo("order-1")
                .timeExpire(OffsetDateTime.parse("2026-12-01T18:30:00+08:00"))
                .notifyUrl("https://merchant.example/wxpay/paid").amount(new Amount().total(100).currency("CNY"))
                .payer(new Payer().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
    }

    @Test
    @DisplayName("JsapiApi#jsapiPrepay posts the request and answers the prepay_id; the chain reaches the same operation")
    void jsapiPrepay() {
        WechatPayClient client = client();

        PrepayResponse prepay = new JsapiApi(client).jsapiPrepay(jsapiRequest());
        assertThat(prepay.getPrepayId()).isEqualTo("wx-jsapi");
        assertThat(last().method()).isEqualTo("POST");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/jsapi");
        assertThat(last().bodyAsString()).contains("\"out_trade_no\":\"order-1\"", "\"time_expire\":\"2026-12-01T18:30:00+08:00\"",
                "\"amount\":{\"total\":100,\"currency\":\"CNY\"}", "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}");

        ApiResponse<PrepayResponse> chained = new Wxpay(client).v3().pay().transactions().jsapi().post(jsapiRequest());
        assertThat(chained.data().getPrepayId()).isEqualTo("wx-jsapi");
        assertThat(new JsapiApi(client).jsapiPrepayWithHttpInfo(jsapiRequest()).requestId()).isEqualTo("r-1");
        assertThat(new JsapiApi(client).jsapiPrepayAsync(jsapiRequest()).join().data().getPrepayId()).isEqualTo("wx-jsapi");
    }

    @Test
    @DisplayName("AppApi, H5Api and NativeApi answer prepay_id, h5_url and code_url")
    void otherPrepays() {
        WechatPayClient client = client();

        PrepayResponse app = new AppApi(client).appPrepay(new AppPrepayRequest().appid(APPID).mchid(MCHID)
                .description("QQ公仔").outTradeNo("order-app").notifyUrl("https://merchant.example/wxpay/paid")
                .amount(new Amount().total(1)));
        assertThat(app.getPrepayId()).isEqualTo("wx-app");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/app");

        H5PrepayResponse h5 = new H5Api(client).h5Prepay(new H5PrepayRequest().appid(APPID).mchid(MCHID)
                .description("QQ公仔").outTradeNo("order-h5").notifyUrl("https://merchant.example/wxpay/paid")
                .amount(new Amount().total(1))
                .sceneInfo(new H5SceneInfo().payerClientIp("14.23.150.211").h5Info(new H5Info().type("Wap"))));
        assertThat(h5.getH5Url()).endsWith("prepay_id=wx-h5");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/h5");

        NativePrepayResponse nativePrepay = new NativeApi(client).nativePrepay(new NativePrepayRequest().appid(APPID)
                .mchid(MCHID).description("QQ公仔").outTradeNo("order-native")
                .notifyUrl("https://merchant.example/wxpay/paid").amount(new Amount().total(1)));
        assertThat(nativePrepay.getCodeUrl()).startsWith("weixin://wxpay/bizpayurl");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/native");
    }

    @Test
    @DisplayName("TransactionsApi queries by transaction_id and out_trade_no into a typed Transaction, and closes")
    void transactions() {
        TransactionsApi api = new TransactionsApi(client());

        Transaction byId = api.queryOrderById("4200000001202612010000000001", MCHID);
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/id/4200000001202612010000000001?mchid=" + MCHID);
        Transaction byNo = api.queryOrderByOutTradeNo("order-1", MCHID);
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/out-trade-no/order-1?mchid=" + MCHID);
        assertThat(byNo).isEqualTo(byId);
        Integer total = byNo.getAmount().getTotal();
        Integer payerTotal = byNo.getAmount().getPayerTotal();
        assertThat(total).isEqualTo(100);
        assertThat(payerTotal).isEqualTo(90);
        OffsetDateTime successTime = byNo.getSuccessTime();
        assertThat(successTime).isEqualTo(OffsetDateTime.parse("2026-12-01T18:00:05+08:00"));
        assertThat(successTime.getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        assertThat(byNo.getTradeState()).isEqualTo("SUCCESS");
        assertThat(byNo.getPayer().getOpenid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(byNo.getPromotionDetail()).singleElement().satisfies(p -> assertThat(p.getAmount()).isEqualTo(10L));

        api.closeOrder("order 1/2", new CloseOrderRequest().mchid(MCHID));
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/transactions/out-trade-no/order%201%2F2/close");
        assertThat(last().bodyAsString()).isEqualTo("{\"mchid\":\"1230000109\"}");
    }

    @Test
    @DisplayName("partner mode: PartnerJsapiApi prepays with sp_/sub_ ids, and a NOTPAY order reads with an empty success_time")
    void partnerMode() {
        WechatPayClient client = client();

        PrepayResponse prepay = new PartnerJsapiApi(client).partnerJsapiPrepay(new PartnerJsapiPrepayRequest()
                .spAppid("wx8888888888888888").spMchid(MCHID).subMchid("1900000109").description("QQ公仔")
                .outTradeNo("order-2").notifyUrl("https://merchant.example/wxpay/paid").amount(new Amount().total(1))
                .payer(new PartnerPayer().subOpenid("o-sub")));
        assertThat(prepay.getPrepayId()).isEqualTo("wx-partner-jsapi");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/pay/partner/transactions/jsapi");

        PartnerTransaction order = new PartnerTransactionsApi(client).partnerQueryOrderByOutTradeNo("order-2", MCHID,
                "1900000109");
        assertThat(last().pathAndQuery())
                .isEqualTo("/v3/pay/partner/transactions/out-trade-no/order-2?sp_mchid=" + MCHID + "&sub_mchid=1900000109");
        assertThat(order.getTradeState()).isEqualTo("NOTPAY");
        assertThat(order.getSuccessTime()).isNull();
        assertThat(order.getPayer().getSubOpenid()).isEqualTo("o-sub");
    }

    @Test
    @DisplayName("RefundsApi creates a refund with Long amounts and queries it, with sub_mchid left out in direct mode")
    void refunds() {
        RefundsApi api = new RefundsApi(client());

        Refund created = api.createRefund(new CreateRefundRequest().outTradeNo("order-1").outRefundNo("refund-1")
                .reason("不想要了").amount(new RefundAmount().refund(30L).total(100L).currency("CNY")));
        assertThat(last().pathAndQuery()).isEqualTo("/v3/refund/domestic/refunds");
        assertThat(last().bodyAsString()).isEqualTo("{\"out_trade_no\":\"order-1\",\"out_refund_no\":\"refund-1\","
                + "\"reason\":\"不想要了\",\"amount\":{\"refund\":30,\"total\":100,\"currency\":\"CNY\"}}");
        Long refunded = created.getAmount().getRefund();
        assertThat(refunded).isEqualTo(30L);
        assertThat(created.getStatus()).isEqualTo("PROCESSING");

        Refund read = api.queryRefundByOutRefundNo("refund-1", null);
        assertThat(last().pathAndQuery()).isEqualTo("/v3/refund/domestic/refunds/refund-1");
        assertThat(read).isEqualTo(created);
        api.queryRefundByOutRefundNo("refund-1", "1900000109");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/refund/domestic/refunds/refund-1?sub_mchid=1900000109");
    }

    @Test
    @DisplayName("BillsApi applies for the trade and fund-flow bills and answers where to download them")
    void bills() {
        BillsApi api = new BillsApi(client());

        BillLocation trade = api.getTradeBill("2026-12-01", "ALL", null);
        assertThat(last().pathAndQuery()).isEqualTo("/v3/bill/tradebill?bill_date=2026-12-01&bill_type=ALL");
        assertThat(trade.getHashType()).isEqualTo("SHA1");
        assertThat(trade.getHashValue()).isEqualTo("79bb0f45fc4c42234a918000b2668d689e2bde04");
        assertThat(trade.getDownloadUrl()).startsWith("https://api.mch.weixin.qq.com/v3/billdownload/file?token=");

        BillLocation fundFlow = api.getFundFlowBill("2026-12-01", null, "GZIP");
        assertThat(last().pathAndQuery()).isEqualTo("/v3/bill/fundflowbill?bill_date=2026-12-01&tar_type=GZIP");
        assertThat(fundFlow).isEqualTo(trade);
    }

    @Test
    @DisplayName("PaymentsNotifications parses TRANSACTION.SUCCESS into a Transaction and REFUND.SUCCESS into a RefundNotification")
    void notifications() throws Exception {
        NotificationParser parser = NotificationParser.builder().wechatPayPublicKey(KEY_ID, wechatPay.getPublic())
                .apiV3Key(API_V3_KEY).build();

        Notification<Transaction> paid = PaymentsNotifications.parseTransactionNotification(parser,
                notificationHeaders(PAID), PAID);
        assertThat(paid.eventType()).isEqualTo(PaymentsNotifications.TRANSACTION_SUCCESS);
        assertThat(paid.resource().getTradeState()).isEqualTo("SUCCESS");
        assertThat(paid.resource().getAmount().getPayerTotal()).isEqualTo(90);

        Notification<RefundNotification> refunded = PaymentsNotifications.parseNotifyRefund(parser,
                notificationHeaders(REFUNDED), REFUNDED);
        assertThat(refunded.eventType()).isIn(PaymentsNotifications.NOTIFY_REFUND_EVENT_TYPES);
        assertThat(refunded.resource().getRefundStatus()).isEqualTo("SUCCESS");
        assertThat(refunded.resource().getAmount().getRefund()).isEqualTo(30L);
        assertThat(PaymentsNotifications.NOTIFY_REFUND_EVENT_TYPES)
                .containsExactly("REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED");
    }

    private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    private static final String PAID = envelope("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    private static final String REFUNDED = envelope("REFUND.SUCCESS", "refund", "{\"mchid\":\"1230000109\","
            + "\"out_trade_no\":\"order-1\",\"transaction_id\":\"4200000001202612010000000001\",\"out_refund_no\":\"refund-1\","
            + "\"refund_id\":\"50000000382019052709732678859\",\"refund_status\":\"SUCCESS\","
            + "\"success_time\":\"2026-12-01T18:11:00+08:00\",\"user_received_account\":\"支付用户零钱\","
            + "\"amount\":{\"total\":100,\"refund\":30,\"payer_total\":90,\"payer_refund\":27}}");

    /** An envelope as WeChat Pay sends it: the resource encrypted with AES-256-GCM under the APIv3 key. */
    private static String envelope(String eventType, String associatedData, String resource) {
        try {
            String nonce = "fdasfwqewlkj";
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(resource.getBytes(StandardCharsets.UTF_8)));
            return "{\"id\":\"EV-1\",\"create_time\":\"2026-12-01T18:00:06+08:00\",\"resource_type\":\"encrypt-resource\","
                    + "\"event_type\":\"" + eventType + "\",\"summary\":\"\",\"resource\":{\"original_type\":\"" + associatedData
                    + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\""
                    + associatedData + "\",\"nonce\":\"" + nonce + "\"}}";
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> notificationHeaders(String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "n" + System.nanoTime();
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(wechatPay.getPrivate());
        signature.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", nonce, "Wechatpay-Serial", KEY_ID,
                "Wechatpay-Signature", Base64.getEncoder().encodeToString(signature.sign()));
    }
}
