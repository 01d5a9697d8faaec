package dev.wxpay.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * WeChat Pay's download host on 127.0.0.1 with an ephemeral port: checks each GET's signature over the raw path and
 * query with merchant A's public key (401 SIGN_ERROR otherwise) and streams the file registered for the path,
 * unsigned, chunked (no Content-Length), as WeChat Pay's download answers come.
 */
final class DownloadServer implements AutoCloseable {
    /** Writes a file's bytes as the answer body. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, Body> files = new ConcurrentHashMap<>();
    final List<String> signedUrls = new CopyOnWriteArrayList<>();

    DownloadServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code body} at {@code /v3/billdownload/file?token=<token>} and returns that URL. */
    String serve(String token, Body body) {
        files.put(token, body);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v3/billdownload/file?token=" + token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, String> auth = LoopbackWechatPay.parseAuthorization(
                    exchange.getRequestHeaders().getFirst("Authorization"));
            boolean signed = auth.containsKey("signature") && RequestSignerTest.jdkVerifies(TestKeys.MERCHANT,
                    RequestSigner.message("GET", pathAndQuery, Long.parseLong(auth.get("timestamp")),
                            auth.get("nonce_str"), new byte[0]), auth.get("signature"));
            exchange.getResponseHeaders().set("Request-ID", "download-" + uri.getRawQuery());
            if (!signed) {
                byte[] body = "{\"code\":\"SIGN_ERROR\",\"message\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            signedUrls.add(pathAndQuery);
            String token = uri.getQuery() == null ? "" : uri.getQuery().replace("token=", "");
            Body file = files.get(token);
            if (file == null) {
                byte[] body = "{\"code\":\"NOT_FOUND\",\"message\":\"expired\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                file.writeTo(out);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (a refused download closes early): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
