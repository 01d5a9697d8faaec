package dev.wxpay.transport.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.wxpay.runtime.TransportException;
import dev.wxpay.runtime.WechatPayException;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What OkHttpTransport adds to OkHttp; the signed end-to-end behaviour is the runtime suite it reruns. */
@DisplayName("OkHttpTransport")
class OkHttpTransportTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " type=" + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " length=" + exchange.getRequestHeaders().getFirst("Content-Length")
                    + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (exchange.getRequestURI().getPath().startsWith("/moved")) {
                exchange.getResponseHeaders().add("Location", base + "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("answers a redirect as a response instead of following it, even on a client that follows redirects")
    void neverFollowsRedirects() {
        OkHttpTransport transport = OkHttpTransport.of(new OkHttpClient.Builder().followRedirects(true).build());
        WireResponse response = transport.send(WireRequest.of("GET", URI.create(base + "/moved"), Map.of(), null),
                Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("location")).isEqualTo(base + "/elsewhere");
        assertThat(seen).hasSize(1);
    }

    @Test
    @DisplayName("sends a body-less POST as zero bytes without a Content-Type, as it was signed")
    void bodylessPost() {
        OkHttpTransport transport = OkHttpTransport.create();
        transport.send(WireRequest.of("POST", URI.create(base + "/v3/stop"), Map.of(), null), Duration.ofSeconds(5));
        assertThat(seen).containsExactly("POST /v3/stop type=null length=0 body=");
    }

    @Test
    @DisplayName("sends the signed Content-Type as set, without a charset of its own")
    void keepsContentType() {
        OkHttpTransport transport = OkHttpTransport.create();
        transport.send(WireRequest.of("POST", URI.create(base + "/v3/x"),
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(5));
        assertThat(seen).containsExactly("POST /v3/x type=application/json length=2 body={}");
    }

    @Test
    @DisplayName("refuses, before sending, a URI that OkHttp would encode differently from the signed one")
    void refusesReEncodedUri() {
        OkHttpTransport transport = OkHttpTransport.create();
        WireRequest request = WireRequest.of("GET", URI.create(base + "/v3/\u4e2d"), Map.of(), null);
        assertThatThrownBy(() -> transport.send(request, Duration.ofSeconds(5)))
                .isInstanceOf(WechatPayException.class).isNotInstanceOf(TransportException.class)
                .hasMessageContaining("/v3/%E4%B8%AD").hasMessageContaining("/v3/\u4e2d");
        assertThat(seen).isEmpty();
    }

    @Test
    @DisplayName("refuses a connect timeout that is not positive")
    void refusesBadConnectTimeout() {
        assertThatThrownBy(() -> OkHttpTransport.create(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout must be positive");
    }
}
