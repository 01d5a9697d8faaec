package dev.wxpay.it.payments;

import dev.wxpay.it.NotifyServer;
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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A merchant's payment notify endpoint, framework-neutral at its core ({@link #handle}: raw headers and body in,
 * typed order or refund out, the HTTP answer back), served on loopback by {@link NotifyServer}. Direct payments,
 * partner payments and refunds have their own paths, as a merchant would give them their own notify_url.
 */
final class PaymentNotifyEndpoint implements AutoCloseable {

    private final NotificationParser parser;
    private final NotifyServer server;
    final BlockingQueue<Notification<Transaction>> paid = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<PartnerTransaction>> partnerPaid = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<RefundNotification>> refunds = new LinkedBlockingQueue<>();
    final BlockingQueue<NotificationAnswer> answers;

    PaymentNotifyEndpoint(NotificationParser parser) {
        this.parser = parser;
        this.server = new NotifyServer(this::handle);
        this.answers = server.answers;
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
        return server.url(kind);
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        return NotifyServer.next(queue);
    }

    @Override
    public void close() {
        server.close();
    }
}
