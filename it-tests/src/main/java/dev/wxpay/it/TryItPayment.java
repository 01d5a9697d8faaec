package dev.wxpay.it;

import dev.wxpay.payments.Wxpay;
import dev.wxpay.payments.api.BillsApi;
import dev.wxpay.payments.api.RefundsApi;
import dev.wxpay.payments.api.TransactionsApi;
import dev.wxpay.payments.model.Amount;
import dev.wxpay.payments.model.BillLocation;
import dev.wxpay.payments.model.CreateRefundRequest;
import dev.wxpay.payments.model.JsapiPrepayRequest;
import dev.wxpay.payments.model.Payer;
import dev.wxpay.payments.model.PrepayResponse;
import dev.wxpay.payments.model.Refund;
import dev.wxpay.payments.model.RefundAmount;
import dev.wxpay.payments.model.RefundNotification;
import dev.wxpay.payments.model.Transaction;
import dev.wxpay.payments.notification.PaymentsNotifications;
import dev.wxpay.runtime.JsapiInvokeParams;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.SimulatorSpec;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The payment part of the README's "Try it": a JSAPI prepay through the payments client, the invoke parameters for
 * the front end, the simulated user paying, the typed {@code TRANSACTION.SUCCESS} at the merchant's notify handler,
 * the query, a partial refund and its {@code REFUND.SUCCESS}, and the day's trade bill. Starts and stops its own
 * simulator (serving {@code wxpay/v3/payments.yaml}); no instances, no shared state.
 */
public final class TryItPayment {
    private static final String APPID = "wxd678efh567hg6787";

    private TryItPayment() {
    }

    /** The payment walk-through, printing to {@code out}; steps are numbered from {@code first}. */
    public static void run(PrintStream out, int first) throws Exception {
        try (WechatPaySimulator simulator = WechatPaySimulator.builder()
                .spec(SimulatorSpec.fromClasspath("wxpay/v3/payments.yaml", TryItPayment.class.getClassLoader()))
                .notificationRetryDelays(List.of(Duration.ofMillis(200), Duration.ofSeconds(1))).start();
             PaymentNotifications handler = new PaymentNotifications(simulator)) {
            SimulatedMerchant merchant = simulator.merchant();
            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(simulator.baseUri())
                    .merchantId(merchant.mchid())
                    .merchantSerialNumber(merchant.certificateSerialNo())
                    .merchantPrivateKey(merchant.privateKey().orElseThrow())
                    .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey())
                    .build();

            JsapiPrepayRequest order = new JsapiPrepayRequest().appid(APPID).mchid(merchant.mchid())
                    .description("Image形象店-深圳腾大-QQ公仔").outTradeNo("ORDER-0001").notifyUrl(handler.url("paid"))
                    .amount(new Amount().total(100).currency("CNY")).payer(new Payer().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
            PrepayResponse prepay = new Wxpay(client).v3().pay().transactions().jsapi().post(order).data();
            out.println();
            out.println(first + ". new Wxpay(client).v3().pay().transactions().jsapi().post(order): prepay_id "
                    + prepay.getPrepayId());

            JsapiInvokeParams invoke = client.jsapiInvokeParams(APPID, prepay.getPrepayId());
            out.println();
            out.println((first + 1) + ". client.jsapiInvokeParams(appId, prepayId).toMap(), for wx.requestPayment:");
            out.println("   " + invoke.toMap());

            simulator.simulateUserPay("ORDER-0001");
            Transaction paid = handler.paid.get(30, TimeUnit.SECONDS).resource();
            Transaction queried = new TransactionsApi(client).queryOrderByOutTradeNo("ORDER-0001", merchant.mchid());
            out.println();
            out.println((first + 2) + ". the user pays; the notify handler receives TRANSACTION.SUCCESS, typed:");
            out.println("   trade_state=" + paid.getTradeState() + ", transaction_id=" + paid.getTransactionId()
                    + ", payer_total=" + paid.getAmount().getPayerTotal() + ", success_time=" + paid.getSuccessTime());
            out.println("   the query agrees: " + paid.equals(queried));

            Refund refund = new RefundsApi(client).createRefund(new CreateRefundRequest()
                    .transactionId(paid.getTransactionId()).outRefundNo("REFUND-0001").reason("部分退款")
                    .notifyUrl(handler.url("refund")).amount(new RefundAmount().refund(30L).total(100L).currency("CNY")));
            Notification<RefundNotification> refunded = handler.refunded.get(30, TimeUnit.SECONDS);
            out.println();
            out.println((first + 3) + ". a refund of 30 fen: " + refund.getStatus() + ", then " + refunded.eventType()
                    + " (refund_status=" + refunded.resource().getRefundStatus() + ")");

            String day = paid.getSuccessTime().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
            BillLocation bill = new BillsApi(client).getTradeBill(day, "ALL", null);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            client.downloadBill(bill.getDownloadUrl(), bill.getHashType(), bill.getHashValue(), csv);
            long rows = csv.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("`")).count();
            out.println();
            out.println((first + 4) + ". the trade bill of " + day + ": downloaded, " + bill.getHashType() + " "
                    + bill.getHashValue() + " checked, " + rows + " rows");
        }
    }

    /** The merchant's payment notify endpoint: the typed order and refund it received. */
    private static final class PaymentNotifications implements AutoCloseable {
        final CompletableFuture<Notification<Transaction>> paid = new CompletableFuture<>();
        final CompletableFuture<Notification<RefundNotification>> refunded = new CompletableFuture<>();
        private final DemoNotifyEndpoint endpoint;

        PaymentNotifications(WechatPaySimulator simulator) throws IOException {
            endpoint = new DemoNotifyEndpoint(simulator, "/notify/", (parser, path, headers, body) -> {
                if (path.endsWith("/refund")) {
                    refunded.complete(PaymentsNotifications.parseNotifyRefund(parser, headers, body));
                } else {
                    paid.complete(PaymentsNotifications.parseTransactionNotification(parser, headers, body));
                }
            });
        }

        String url(String kind) {
            return endpoint.url(kind);
        }

        @Override
        public void close() {
            endpoint.close();
        }
    }
}
