package dev.wxpay.it;

import com.sun.net.httpserver.HttpServer;
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
import dev.wxpay.runtime.NotificationAnswer;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WechatPayException;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.SimulatorSpec;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
             NotifyHandler handler = new NotifyHandler(simulator)) {
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

    /** A merchant's payment notify endpoint: raw headers and body in, typed order or refund out, the answer back. */
    private static final class NotifyHandler implements AutoCloseable {
        final CompletableFuture<Notification<Transaction>> paid = new CompletableFuture<>();
        final CompletableFuture<Notification<RefundNotification>> refunded = new CompletableFuture<>();
        private final HttpServer server;

        NotifyHandler(WechatPaySimulator simulator) throws IOException {
            NotificationParser parser = NotificationParser.builder()
                    .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey())
                    .apiV3Key(simulator.merchant().apiV3Key())
                    .build();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/notify/", exchange -> {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                NotificationAnswer answer;
                try {
                    if (exchange.getRequestURI().getPath().endsWith("/refund")) {
                        refunded.complete(PaymentsNotifications.parseNotifyRefund(parser, headers, body));
                    } else {
                        paid.complete(PaymentsNotifications.parseTransactionNotification(parser, headers, body));
                    }
                    answer = NotificationParser.success();
                } catch (WechatPayException e) {
                    answer = NotificationParser.failure(400, "invalid notification");
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0) {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                }
                exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            });
            server.start();
        }

        String url(String kind) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + kind;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
