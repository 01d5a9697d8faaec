package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The default transport over TLS, as WeChat Pay is always reached: its direct executor runs the handshake's and the
 * exchange's work on the client's own threads, which must hold with several callers on one connection pool.
 */
@DisplayName("JdkHttpTransport over TLS (loopback HTTPS server with a self-signed certificate)")
class JdkHttpTransportTlsTest {
    private static HttpsServer server;
    private static SSLContext trusting;
    private static URI base;
    private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private static ExecutorService serverThreads;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("wxpay-tls-test");
        KeyStore keyStore = TestKeys.selfSignedKeyStore(dir, "loopback", 2, "-ext", "san=ip:127.0.0.1");
        Files.deleteIfExists(dir.resolve("loopback.p12"));
        Files.deleteIfExists(dir);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("loopback", keyStore.getCertificate("loopback"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trustManagers.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] in = exchange.getRequestBody().readAllBytes();
            byte[] out = ("{\"echo\":" + new String(in, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static WireRequest post(int n) {
        return WireRequest.of("POST", URI.create(base + "/v3/echo"), Map.of("Content-Type", List.of("application/json")),
                String.valueOf(n).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("completes exchanges from 8 threads at once on the recommended settings, each with its own answer")
    void concurrentCallsOverTls() throws Exception {
        JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(5), trusting);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                answers.add(callers.submit(() -> transport.send(post(n), Duration.ofSeconds(10)).bodyAsString()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo("{\"echo\":" + i + "}");
            }
        } finally {
            callers.shutdownNow();
        }
        // Connections are reused: far fewer TLS connections than calls.
        assertThat(clientPorts.size()).isLessThanOrEqualTo(8);
    }

    @Test
    @DisplayName("refuses a server certificate it does not trust, as a TransportException")
    void untrustedCertificate() {
        JdkHttpTransport transport = JdkHttpTransport.create(Duration.ofSeconds(5));
        assertThatThrownBy(() -> transport.send(post(1), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isFalse())
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }
}
