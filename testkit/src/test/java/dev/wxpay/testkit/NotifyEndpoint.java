package dev.wxpay.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A merchant's notify URL for tests: records each POST (headers and raw body) and answers with the next planned
 * status (204 once the plan is used up). Header lookup in tests is case-insensitive, as it must be.
 */
final class NotifyEndpoint implements AutoCloseable {

    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> plannedStatuses = new LinkedBlockingQueue<>();

    NotifyEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/notify", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer status = plannedStatuses.poll();
            int code = status == null ? 204 : status;
            if (code == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] answer = "{\"code\":\"FAIL\",\"message\":\"planned failure\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(code, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
            received.add(new Received(headers, body));
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** The next attempts get these statuses, in order. */
    void answerNext(List<Integer> statuses) {
        plannedStatuses.addAll(statuses);
    }

    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no notification arrived");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
