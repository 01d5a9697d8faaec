package dev.wxpay.it.payments;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.payments.model.PartnerTransaction;
import dev.wxpay.payments.model.RefundNotification;
import dev.wxpay.payments.model.Transaction;
import dev.wxpay.payments.notification.PaymentsNotifications;
import dev.wxpay.runtime.DecryptionException;
import dev.wxpay.runtime.MalformedResponseException;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationAnswer;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.VerificationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A merchant's payment notify endpoint, framework-neutral at its core ({@link #handle}: raw headers and body in,
 * typed order or refund out, the HTTP answer back), served on loopback by the JDK's HttpServer. Direct payments,
 * partner payments and refunds have their own paths, as a merchant would give them their own notify_url.
 */
final class PaymentNotifyEndpoint implements AutoCloseable {

    private final NotificationParser parser;
    private final HttpServer server;
    final BlockingQueue<Notification<Transaction>> paid = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<PartnerTransaction>> partnerPaid = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<RefundNotification>> refunds = new LinkedBlockingQueue<>();
    final BlockingQueue<NotificationAnswer> answers = new LinkedBlockingQueue<>();

    PaymentNotifyEndpoint(NotificationParser parser) {
        this.parser = parser;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            NotificationAnswer answer = handle(exchange.getRequestURI().getPath(), headers, body);
            answers.add(answer);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** The handler itself: verify and decrypt with the parser, keep the typed resource, answer. */
    NotificationAnswer handle(String path, Map<String, String> headers, String body) {
        try {
            if (path.endsWith("/refund")) {
                refunds.add(PaymentsNotifications.parseNotifyRefund(parser, headers, body));
            } else if (path.endsWith("/partner-paid")) {
                partnerPaid.add(PaymentsNotifications.parsePartnerTransactionNotification(parser, headers, body));
            } else {
                paid.add(PaymentsNotifications.parseTransactionNotification(parser, headers, body));
            }
            return NotificationParser.success();
        } catch (VerificationException | DecryptionException | MalformedResponseException e) {
            return NotificationParser.failure(400, "invalid notification");
        }
    }

    /** The notify_url of {@code kind}: {@code paid}, {@code partner-paid} or {@code refund}. */
    String url(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + kind;
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        // A hang guard only: notifications arrive within milliseconds on loopback, but the machine may be loaded.
        T value = queue.poll(30, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived at the notify endpoint");
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
