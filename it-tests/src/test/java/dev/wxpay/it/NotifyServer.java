package dev.wxpay.it;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.runtime.NotificationAnswer;
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
 * The HTTP side of a merchant's notify endpoint on 127.0.0.1 (the JDK's HttpServer): raw headers and body go to a
 * framework-neutral handler, its {@link NotificationAnswer} goes back and is kept in {@link #answers}. The test
 * endpoints of each product own the handler and its typed queues. Thread-safe; stop it with {@link #close()}.
 */
public final class NotifyServer implements AutoCloseable {

    /** What a merchant's handler does with one notification: verify, decrypt, keep it, answer. */
    @FunctionalInterface
    public interface Handler {
        NotificationAnswer handle(String path, Map<String, String> headers, String body);
    }

    /** Every answer the endpoint gave, in order. */
    public final BlockingQueue<NotificationAnswer> answers = new LinkedBlockingQueue<>();
    private final HttpServer server;

    public NotifyServer(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            NotificationAnswer answer = handler.handle(exchange.getRequestURI().getPath(), headers, body);
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

    /** The notify_url ending in {@code /notify/<kind>}. */
    public String url(String kind) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + kind;
    }

    /** The next value of {@code queue}; a hang guard only (loopback delivers in milliseconds, a loaded CI is slower). */
    public static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
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
