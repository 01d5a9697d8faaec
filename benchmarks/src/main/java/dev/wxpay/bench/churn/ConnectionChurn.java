package dev.wxpay.bench.churn;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.runtime.JdkHttpTransport;
import dev.wxpay.runtime.Transport;
import dev.wxpay.runtime.UrlConnectionTransport;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.transport.okhttp.OkHttpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Counts the connections each transport opens for the same calls from more or fewer concurrent callers than
 * {@code HttpURLConnection}'s keep-alive cache holds ({@code http.maxConnections}, 5 per destination): a connection
 * opened per call is, in production, a TCP and TLS handshake per call. Counts, not timings, so the machine's load
 * does not change them much. Prints one line per transport and caller count:
 * {@code CHURN <transport> callers=<n> calls=<c> connections=<k>}.
 *
 * <p>Run: {@code java -cp <benchmark class path> dev.wxpay.bench.churn.ConnectionChurn [calls per caller]}.
 */
public final class ConnectionChurn {
    private ConnectionChurn() {
    }

    public static void main(String[] args) throws Exception {
        int callsPerCaller = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        Map<String, Supplier<Transport>> transports = new java.util.LinkedHashMap<>();
        transports.put("JdkHttpTransport", () -> JdkHttpTransport.create(Duration.ofSeconds(5)));
        transports.put("UrlConnectionTransport", () -> UrlConnectionTransport.create(Duration.ofSeconds(5)));
        transports.put("OkHttpTransport", OkHttpTransport::create);
        for (Map.Entry<String, Supplier<Transport>> transport : transports.entrySet()) {
            for (int callers : new int[] {4, 5, 6, 8, 16}) {
                int connections = run(transport.getValue().get(), callers, callsPerCaller);
                System.out.println("CHURN " + transport.getKey() + " callers=" + callers + " calls="
                        + callers * callsPerCaller + " connections=" + connections);
            }
        }
        // The JDK and OkHttp clients' own threads are not all daemons.
        System.exit(0);
    }

    /** Runs the calls against a fresh loopback server; returns how many connections reached it. */
    private static int run(Transport transport, int callers, int callsPerCaller) throws Exception {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverThreads = Executors.newFixedThreadPool(callers);
        server.setExecutor(serverThreads);
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            ports.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            WireRequest request = WireRequest.of("POST", URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/v3/churn"), Map.of("Content-Type", List.of("application/json"), "Accept",
                    List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8));
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < callsPerCaller; i++) {
                        transport.send(request, Duration.ofSeconds(10));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return ports.size();
        } finally {
            threads.shutdownNow();
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }
}
