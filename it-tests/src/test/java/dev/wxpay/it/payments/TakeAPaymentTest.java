package dev.wxpay.it.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxpay.payments.api.BillsApi;
import dev.wxpay.payments.api.JsapiApi;
import dev.wxpay.payments.api.PartnerJsapiApi;
import dev.wxpay.payments.api.PartnerTransactionsApi;
import dev.wxpay.payments.api.RefundsApi;
import dev.wxpay.payments.api.TransactionsApi;
import dev.wxpay.payments.model.Amount;
import dev.wxpay.payments.model.BillLocation;
import dev.wxpay.payments.model.CloseOrderRequest;
import dev.wxpay.payments.model.CreateRefundRequest;
import dev.wxpay.payments.model.JsapiPrepayRequest;
import dev.wxpay.payments.model.PartnerCloseOrderRequest;
import dev.wxpay.payments.model.PartnerJsapiPrepayRequest;
import dev.wxpay.payments.model.PartnerPayer;
import dev.wxpay.payments.model.PartnerTransaction;
import dev.wxpay.payments.model.Payer;
import dev.wxpay.payments.model.Refund;
import dev.wxpay.payments.model.RefundAmount;
import dev.wxpay.payments.model.RefundNotification;
import dev.wxpay.payments.model.Transaction;
import dev.wxpay.runtime.Download;
import dev.wxpay.runtime.JsapiInvokeParams;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.Fault;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.SimulatorSpec;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's "How it is proven", in both modes against the simulator: JSAPI prepay, invoke parameters verified with
 * the merchant public key, simulated payment, TRANSACTION.SUCCESS parsed into the typed order, query agrees, partial
 * refund and REFUND.SUCCESS, a second refund beyond the rest refused (NOT_ENOUGH), close of the paid order refused,
 * and the trade bill applied for, downloaded, hash-checked and matched row by row; an altered bill is refused.
 */
@DisplayName("Take a payment, end to end against the simulator, in direct and partner mode")
class TakeAPaymentTest {
    /** The simulator reads the same payments.yaml the client is generated from (the wxpay-spec jar). */
    static final SimulatorSpec PAYMENTS_SPEC = SimulatorSpec.fromClasspath("wxpay/v3/payments.yaml",
            TakeAPaymentTest.class.getClassLoader());
    @RegisterExtension
    static final WechatPaySimulatorExtension SIMULATOR = WechatPaySimulatorExtension.builder()
            .simulator(b -> b.spec(PAYMENTS_SPEC)).build();
    private static final String APPID = "wxd678efh567hg6787";
    private static final String SP_APPID = "wx8888888888888888";
    private static final String SUB_MCHID = "1900000109";
    private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    private static PaymentNotifyEndpoint endpoint;

    @BeforeAll
    static void start(NotificationParser parser) {
        endpoint = new PaymentNotifyEndpoint(parser);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static boolean merchantSigned(SimulatedMerchant merchant, String message, String base64) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(merchant.publicKey());
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64));
    }

    private static String unique(String prefix) {
        return prefix + System.nanoTime();
    }

    @Test
    @DisplayName("direct mode: prepay, invoke, pay, notify, query, refund, refuse the overdraft and the close, reconcile")
    void directMode(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant merchant) throws Exception {
        String outTradeNo = unique("D");
        JsapiPrepayRequest order = new JsapiPrepayRequest().appid(APPID).mchid(merchant.mchid())
                .description("QQ公仔").outTradeNo(outTradeNo).notifyUrl(endpoint.url("paid"))
                .amount(new Amount().total(100).currency("CNY")).payer(new Payer().openid(OPENID));
        String prepayId = new JsapiApi(client).jsapiPrepay(order).getPrepayId();

        JsapiInvokeParams invoke = client.jsapiInvokeParams(APPID, prepayId);
        assertThat(invoke.packageValue()).isEqualTo("prepay_id=" + prepayId);
        assertThat(merchantSigned(merchant, APPID + "\n" + invoke.timeStamp() + "\n" + invoke.nonceStr() + "\n"
                + "prepay_id=" + prepayId + "\n", invoke.paySign())).isTrue();
        TransactionsApi transactions = new TransactionsApi(client);
        assertThat(transactions.queryOrderByOutTradeNo(outTradeNo, merchant.mchid()).getTradeState()).isEqualTo("NOTPAY");

        sim.simulateUserPay(outTradeNo);
        Notification<Transaction> paid = PaymentNotifyEndpoint.next(endpoint.paid);
        assertThat(paid.eventType()).isEqualTo("TRANSACTION.SUCCESS");
        Transaction notified = paid.resource();
        assertThat(notified.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(notified.getTradeState()).isEqualTo("SUCCESS");
        assertThat(notified.getAmount().getTotal()).isEqualTo(100);
        assertThat(notified.getPayer().getOpenid()).isEqualTo(OPENID);
        assertThat(notified.getSuccessTime()).isNotNull();

        Transaction queried = transactions.queryOrderById(notified.getTransactionId(), merchant.mchid());
        assertThat(queried).isEqualTo(notified);

        RefundsApi refunds = new RefundsApi(client);
        Refund refund = refunds.createRefund(new CreateRefundRequest().outTradeNo(outTradeNo)
                .outRefundNo(outTradeNo + "-R1").notifyUrl(endpoint.url("refund")).reason("部分退款")
                .amount(new RefundAmount().refund(30L).total(100L).currency("CNY")));
        assertThat(refund.getStatus()).isIn("PROCESSING", "SUCCESS");
        Notification<RefundNotification> refunded = PaymentNotifyEndpoint.next(endpoint.refunds);
        assertThat(refunded.eventType()).isEqualTo("REFUND.SUCCESS");
        assertThat(refunded.resource().getOutRefundNo()).isEqualTo(outTradeNo + "-R1");
        assertThat(refunded.resource().getAmount().getRefund()).isEqualTo(30L);
        assertThat(refunds.queryRefundByOutRefundNo(outTradeNo + "-R1", null).getStatus()).isEqualTo("SUCCESS");

        assertThatThrownBy(() -> refunds.createRefund(new CreateRefundRequest().transactionId(notified.getTransactionId())
                .outRefundNo(outTradeNo + "-R2").amount(new RefundAmount().refund(71L).total(100L).currency("CNY"))))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("NOT_ENOUGH");
                });
        assertThatThrownBy(() -> transactions.closeOrder(outTradeNo, new CloseOrderRequest().mchid(merchant.mchid())))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("ORDERPAID"));

        // The bill of the payment's day in China time (success_time carries +08:00).
        String billDate = notified.getSuccessTime().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        reconcile(sim, client, billDate, notified.getTransactionId(), outTradeNo);
    }

    @Test
    @DisplayName("partner mode: the same walk with sp_/sub_ ids, the sub_openid payer and sub_mchid on the refund")
    void partnerMode(WechatPaySimulator sim, WechatPayClient client, SimulatedMerchant merchant) throws Exception {
        String outTradeNo = unique("P");
        PartnerJsapiPrepayRequest order = new PartnerJsapiPrepayRequest().spAppid(SP_APPID).spMchid(merchant.mchid())
                .subAppid(APPID).subMchid(SUB_MCHID).description("QQ公仔").outTradeNo(outTradeNo)
                .notifyUrl(endpoint.url("partner-paid")).amount(new Amount().total(200).currency("CNY"))
                .payer(new PartnerPayer().subOpenid(OPENID));
        String prepayId = new PartnerJsapiApi(client).partnerJsapiPrepay(order).getPrepayId();

        // The payer is a sub_openid: the front end invokes with the sub_appid.
        JsapiInvokeParams invoke = client.jsapiInvokeParams(APPID, prepayId);
        assertThat(merchantSigned(merchant, APPID + "\n" + invoke.timeStamp() + "\n" + invoke.nonceStr() + "\n"
                + invoke.packageValue() + "\n", invoke.paySign())).isTrue();

        sim.simulateUserPay(outTradeNo);
        Notification<PartnerTransaction> paid = PaymentNotifyEndpoint.next(endpoint.partnerPaid);
        PartnerTransaction notified = paid.resource();
        assertThat(notified.getOutTradeNo()).isEqualTo(outTradeNo);
        assertThat(notified.getSubMchid()).isEqualTo(SUB_MCHID);
        assertThat(notified.getTradeState()).isEqualTo("SUCCESS");
        PartnerTransactionsApi transactions = new PartnerTransactionsApi(client);
        assertThat(transactions.partnerQueryOrderById(notified.getTransactionId(), merchant.mchid(), SUB_MCHID))
                .isEqualTo(notified);

        RefundsApi refunds = new RefundsApi(client);
        refunds.createRefund(new CreateRefundRequest().subMchid(SUB_MCHID).outTradeNo(outTradeNo)
                .outRefundNo(outTradeNo + "-R1").notifyUrl(endpoint.url("refund"))
                .amount(new RefundAmount().refund(150L).total(200L).currency("CNY")));
        Notification<RefundNotification> refunded = PaymentNotifyEndpoint.next(endpoint.refunds);
        assertThat(refunded.resource().getSubMchid()).isEqualTo(SUB_MCHID);
        assertThat(refunded.resource().getRefundStatus()).isEqualTo("SUCCESS");
        assertThat(refunds.queryRefundByOutRefundNo(outTradeNo + "-R1", SUB_MCHID).getAmount().getRefund())
                .isEqualTo(150L);

        assertThatThrownBy(() -> refunds.createRefund(new CreateRefundRequest().subMchid(SUB_MCHID)
                .outTradeNo(outTradeNo).outRefundNo(outTradeNo + "-R2")
                .amount(new RefundAmount().refund(51L).total(200L).currency("CNY"))))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("NOT_ENOUGH"));
        assertThatThrownBy(() -> transactions.partnerCloseOrder(outTradeNo,
                new PartnerCloseOrderRequest().spMchid(merchant.mchid()).subMchid(SUB_MCHID)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("ORDERPAID"));

        // The bill of the payment's day in China time (success_time carries +08:00).
        String billDate = notified.getSuccessTime().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        reconcile(sim, client, billDate, notified.getTransactionId(), outTradeNo);
    }

    /**
     * Applies for the day's trade bill, downloads it through the runtime (signed GET, unsigned answer, SHA-1 checked
     * over the uncompressed bill) and finds the order's row; a download whose bytes were altered is refused.
     */
    private static void reconcile(WechatPaySimulator sim, WechatPayClient client, String billDate,
                                  String transactionId, String outTradeNo) {
        BillLocation location = new BillsApi(client).getTradeBill(billDate, "ALL", null);
        ByteArrayOutputStream bill = new ByteArrayOutputStream();
        Download download = client.downloadBill(location.getDownloadUrl(), location.getHashType(),
                location.getHashValue(), bill);
        assertThat(download.bytesWritten()).isEqualTo(bill.size());
        List<List<String>> rows = BillFiles.tradeRows(bill.toByteArray());
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get(5)).isEqualTo(transactionId);   // 微信订单号
            assertThat(row.get(6)).isEqualTo(outTradeNo);      // 商户订单号
        });

        sim.faults().forPath(URI.create(location.getDownloadUrl()).getRawPath(), 1, Fault.tamperedBody());
        assertThatThrownBy(() -> client.downloadBill(location.getDownloadUrl(), location.getHashType(),
                location.getHashValue(), new ByteArrayOutputStream()))
                .isInstanceOf(VerificationException.class);
    }
}
