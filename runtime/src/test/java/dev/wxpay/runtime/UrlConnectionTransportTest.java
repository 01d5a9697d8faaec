package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The traps of {@code HttpURLConnection} that {@link UrlConnectionTransport} must close or document, each against a
 * loopback server that reads whole requests, so that every request the JDK sends, resent ones included, is counted.
 */
@DisplayName("UrlConnectionTransport against HttpURLConnection's traps")
class UrlConnectionTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Hang guard only, far above the transport's timeout. */
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final UrlConnectionTransport transport = UrlConnectionTransport.create(Duration.ofSeconds(3));
    private final List<RequestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RequestServer server : servers) {
            server.close();
        }
        transport.close();
    }

    private RequestServer server(RequestServer.Answer answer) throws IOException {
        RequestServer server = new RequestServer(answer);
        servers.add(server);
        return server;
    }

    private static WireRequest request(String method, RequestServer server, String body) {
        return WireRequest.of(method, URI.create(server.base() + "/v3/trap"),
                Map.of("Accept", List.of("application/json"), "Content-Type", List.of("application/json")),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    @Test
    @DisplayName("never sends a POST a second time when the reused connection it went out on fails")
    void postIsNeverResent() throws Exception {
        // The first request on each connection is answered and the connection kept; the second is read, then the
        // connection is dropped unanswered, as a server that closed an idle connection at that moment does.
        RequestServer server = server((index, request) -> index == 0 ? ok("{\"n\":1}") : null);
        assertThat(transport.send(request("POST", server, "{\"pay\":1}"), TIMEOUT).bodyAsString())
                .isEqualTo("{\"n\":1}");
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> transport.send(request("POST", server,
                "{\"pay\":2}"), TIMEOUT)).isInstanceOf(TransportException.class).hasMessageContaining("POST"));
        assertThat(server.requests()).containsExactly("POST {\"pay\":1}", "POST {\"pay\":2}");
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    @DisplayName("sends a GET again, once, on a new connection when the reused one fails (HttpURLConnection's own retry, documented)")
    void getIsRetriedOnce() throws Exception {
        RequestServer server = server((index, request) -> index == 0 ? ok("{\"n\":1}") : null);
        transport.send(request("GET", server, null), TIMEOUT);
        assertTimeoutPreemptively(GUARD, () -> assertThat(transport.send(request("GET", server, null), TIMEOUT)
                .bodyAsString()).isEqualTo("{\"n\":1}"));
        assertThat(server.requests()).containsExactly("GET ", "GET ", "GET ");
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    @DisplayName("returns a redirect as it is, without following it")
    void redirectIsNotFollowed() throws Exception {
        RequestServer elsewhere = server((index, request) -> ok("{}"));
        RequestServer server = server((index, request) -> "HTTP/1.1 302 Found\r\nLocation: " + elsewhere.base()
                + "/v3/elsewhere\r\nContent-Length: 0\r\n\r\n");
        WireResponse response = transport.send(request("POST", server, "{}"), TIMEOUT);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(elsewhere.base() + "/v3/elsewhere");
        assertThat(elsewhere.accepted()).isZero();
    }

    @Test
    @DisplayName("refuses PATCH, which HttpURLConnection cannot send, naming the method, before anything is sent")
    void patchIsRefused() throws Exception {
        RequestServer server = server((index, request) -> ok("{}"));
        assertThatThrownBy(() -> transport.send(request("PATCH", server, "{}"), TIMEOUT))
                .isInstanceOf(WechatPayException.class).hasMessageContaining("PATCH")
                .hasMessageContaining("JdkHttpTransport");
        assertThat(server.accepted()).isZero();
    }

    @Test
    @DisplayName("reads the body of a 4xx or 5xx answer from the error stream")
    void errorBodies() throws Exception {
        String error = "{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}";
        for (int status : new int[] {400, 403, 404, 429, 500}) {
            RequestServer server = server((index, request) -> "HTTP/1.1 " + status + " X\r\nContent-Length: "
                    + error.length() + "\r\n\r\n" + error);
            WireResponse response = transport.send(request("POST", server, "{}"), TIMEOUT);
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.bodyAsString()).as("HTTP %d", status).isEqualTo(error);
        }
    }

    @Test
    @DisplayName("returns a 401 to a POST without its body: the price of never resending a POST (documented)")
    void unauthorizedPostLosesItsBody() throws Exception {
        String error = "{\"code\":\"SIGN_ERROR\",\"message\":\"bad signature\"}";
        RequestServer server = server((index, request) -> "HTTP/1.1 401 Unauthorized\r\nContent-Length: "
                + error.length() + "\r\n\r\n" + error);
        WireResponse post = transport.send(request("POST", server, "{}"), TIMEOUT);
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(post.bodyLength()).isZero();
        WireResponse get = transport.send(request("GET", server, null), TIMEOUT);
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.bodyAsString()).isEqualTo(error);
    }

    @Test
    @DisplayName("ends a call whose server never answers at its timeout, as a timeout, with nothing resent")
    void silentServer() throws Exception {
        RequestServer server = server((index, request) -> {
            Thread.sleep(GUARD.toMillis());
            return null;
        });
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> transport.send(request("POST", server, "{}"),
                TIMEOUT)).isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue())
                .hasMessageContaining("timed out"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @DisplayName("keeps connections alive: 4 callers making 40 calls open at most 4 connections")
    void reusesConnections() throws Exception {
        RequestServer server = server((index, request) -> ok("{\"echo\":" + request.substring(5) + "}"));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                answers.add(callers.submit(() -> transport.send(request("POST", server, String.valueOf(n)), TIMEOUT)
                        .bodyAsString()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo("{\"echo\":" + i + "}");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(server.accepted()).isBetween(1, 4);
    }

    /**
     * A loopback HTTP/1.1 server that reads each request whole (head and {@code Content-Length} body), records it
     * as {@code "METHOD body"}, and writes what the answer function returns for it, or drops the connection when
     * that is null. Requests are numbered per connection.
     */
    static final class RequestServer implements AutoCloseable {
        interface Answer {
            String answer(int indexOnConnection, String request) throws Exception;
        }

        private final Answer answer;
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final RawServer server;

        RequestServer(Answer answer) throws IOException {
            this.answer = answer;
            server = new RawServer(this::serve);
        }

        String base() {
            return server.baseUri().toString();
        }

        int accepted() {
            return server.accepted();
        }

        List<String> requests() {
            return requests;
        }

        private void serve(Socket connection) throws IOException {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            try {
                for (int index = 0; ; index++) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    String reply = answer.answer(index, request);
                    if (reply == null) {
                        return;
                    }
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (Exception e) {
                // the client went away, or the server is closing
            }
        }

        /** {@code "METHOD body"}, or null at the end of the connection. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int length = 0;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return lines[0].substring(0, lines[0].indexOf(' ')) + " " + new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
