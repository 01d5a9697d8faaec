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
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's transports over TLS, as WeChat Pay is always reached: the default one's direct executor runs the
 * handshake's and the exchange's work on the client's own threads, which must hold with several callers on one
 * connection pool; {@link UrlConnectionTransport} must use the TLS context it is given, on each connection, with the
 * host name checked.
 */
@DisplayName("The runtime's transports over TLS (loopback HTTPS server with a self-signed certificate)")
class JdkHttpTransportTlsTest {
    /**
     * The transports under test, by name: each made with a TLS context, or with the JVM's default one (null), and
     * the number of concurrent callers it is tested with (HttpURLConnection keeps at most 5 idle connections per
     * destination, so more callers than that would open connections that are closed after their call).
     */
    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("JdkHttpTransport", (Function<SSLContext, Transport>) context -> context == null
                        ? JdkHttpTransport.create(Duration.ofSeconds(5))
                        : JdkHttpTransport.create(Duration.ofSeconds(5), context), 8),
                Arguments.of("UrlConnectionTransport", (Function<SSLContext, Transport>) context -> context == null
                        ? UrlConnectionTransport.create(Duration.ofSeconds(5))
                        : UrlConnectionTransport.create(Duration.ofSeconds(5), context), 4));
    }

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    @DisplayName("completes exchanges from several threads at once, each with its own answer, reusing connections")
    void concurrentCallsOverTls(String name, Function<SSLContext, Transport> create, int threads) throws Exception {
        Transport transport = create.apply(trusting);
        clientPorts.clear();
        ExecutorService callers = Executors.newFixedThreadPool(threads);
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
        assertThat(clientPorts.size()).isLessThanOrEqualTo(threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    @DisplayName("refuses a server certificate it does not trust, as a TransportException")
    void untrustedCertificate(String name, Function<SSLContext, Transport> create, int threads) {
        Transport transport = create.apply(null);
        assertThatThrownBy(() -> transport.send(post(1), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isFalse())
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    @DisplayName("refuses a trusted certificate issued for another host, even with a permissive JVM-wide HostnameVerifier")
    void otherHostsCertificate(String name, Function<SSLContext, Transport> create, int threads) throws Exception {
        Path dir = Files.createTempDirectory("wxpay-tls-test");
        KeyStore keyStore = TestKeys.selfSignedKeyStore(dir, "elsewhere", 2, "-ext", "san=dns:elsewhere.example");
        Files.deleteIfExists(dir.resolve("elsewhere.p12"));
        Files.deleteIfExists(dir);
        HttpsServer other = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        other.start();
        javax.net.ssl.HostnameVerifier before = javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier();
        javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
        try {
            Transport transport = create.apply(trustingOnly(keyStore.getCertificate("elsewhere")));
            WireRequest request = WireRequest.of("POST", URI.create("https://127.0.0.1:" + other.getAddress().getPort()
                    + "/v3/echo"), Map.of("Content-Type", List.of("application/json")), new byte[] {'1'});
            assertThatThrownBy(() -> transport.send(request, Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isFalse())
                    .rootCause().satisfiesAnyOf(
                            // The JDK client: the handshake's own host check.
                            cause -> assertThat(cause).isInstanceOf(java.security.cert.CertificateException.class),
                            // HttpURLConnection: its host check, which the permissive verifier did not overrule.
                            cause -> assertThat(cause).hasMessageContaining("HTTPS hostname wrong"));
        } finally {
            javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier(before);
            other.stop(0);
        }
    }

    private static SSLContext serverContext(KeyStore keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext trustingOnly(java.security.cert.Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
