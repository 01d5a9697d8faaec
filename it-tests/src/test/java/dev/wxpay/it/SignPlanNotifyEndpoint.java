package dev.wxpay.it;

import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.payscore.notification.PayscoreNotifications;
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
 * A merchant's notify endpoint as the README shows it, framework-neutral at its core ({@link #handle}: raw headers
 * and body in, typed sign plan out, the HTTP answer back), served on loopback by {@link NotifyServer}. Partner and direct
 * callbacks have their own paths.
 */
final class SignPlanNotifyEndpoint implements AutoCloseable {

    private final NotificationParser parser;
    private final NotifyServer server;
    final BlockingQueue<Notification<PartnerUserSignPlan>> partner = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<UserSignPlan>> direct = new LinkedBlockingQueue<>();
    final BlockingQueue<NotificationAnswer> answers;

    SignPlanNotifyEndpoint(NotificationParser parser) {
        this.parser = parser;
        this.server = new NotifyServer(this::handle);
        this.answers = server.answers;
    }

    /** The handler itself: verify and decrypt with the parser, keep the typed sign plan, answer. */
    NotificationAnswer handle(String path, Map<String, String> headers, String body) {
        try {
            if (path.endsWith("/partner")) {
                partner.add(PayscoreNotifications.parseNotifyPartnerUserSignPlan(parser, headers, body));
            } else {
                direct.add(PayscoreNotifications.parseNotifyUserSignPlan(parser, headers, body));
            }
            return NotificationParser.success();
        } catch (VerificationException | DecryptionException | MalformedResponseException e) {
            return NotificationParser.failure(400, "invalid notification");
        }
    }

    String url(String mode) {
        return server.url(mode);
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        return NotifyServer.next(queue);
    }

    @Override
    public void close() {
        server.close();
    }
}
