package dev.wxpay.it;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.runtime.NotificationAnswer;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayException;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A merchant's notify endpoint, as the Try-it demos ({@link TryIt}, {@link TryItPayment}) show it: a loopback HTTP
 * server whose handler gets the raw path, headers and body of each notification, parses it with a
 * {@link NotificationParser} that trusts the simulator, and whose answer WeChat Pay reads: success, or {@code 400}
 * when the handler refuses the notification. Thread-safe (the JDK's {@code HttpServer} calls the handler); close it
 * to stop the server.
 */
final class DemoNotifyEndpoint implements AutoCloseable {
    /** What the demo does with one notification; throws when it is not provably from WeChat Pay. */
    interface Handler {
        void handle(NotificationParser parser, String path, Map<String, String> headers, String body);
    }

    private final HttpServer server;
    private final String context;

    /**
     * @param simulator the simulator whose notifications are trusted
     * @param context   the path prefix served, for example {@code /notify/}
     * @param handler   called for each notification
     */
    DemoNotifyEndpoint(WechatPaySimulator simulator, String context, Handler handler) throws IOException {
        NotificationParser parser = NotificationParser.builder()
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey())
                .apiV3Key(simulator.merchant().apiV3Key())
                .build();
        this.context = context;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(context, exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            NotificationAnswer answer;
            try {
                handler.handle(parser, exchange.getRequestURI().getPath(), headers, body);
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

    /** The notify URL: the context followed by {@code rest}. */
    String url(String rest) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + context + rest;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
