package dev.wxpay.it;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.payscore.notification.PayscoreNotifications;
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
 * A merchant's notify endpoint as the README shows it, framework-neutral at its core ({@link #handle}: raw headers
 * and body in, typed sign plan out, the HTTP answer back), served here by the JDK's HttpServer. Partner and direct
 * callbacks have their own paths.
 */
final class SignPlanNotifyEndpoint implements AutoCloseable {

    private final NotificationParser parser;
    private final HttpServer server;
    final BlockingQueue<Notification<PartnerUserSignPlan>> partner = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification<UserSignPlan>> direct = new LinkedBlockingQueue<>();
    final BlockingQueue<NotificationAnswer> answers = new LinkedBlockingQueue<>();

    SignPlanNotifyEndpoint(NotificationParser parser) {
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
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + mode;
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
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
