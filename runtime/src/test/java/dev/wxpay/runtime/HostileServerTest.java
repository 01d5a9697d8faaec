package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile servers (issue 13 item 4): each broken answer ends as a TransportException or MalformedResponseException
 * within the client's timeout, and leaves no connection open and no thread behind. Transport modules rerun the class
 * on their own transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Hostile servers: every broken answer ends in a documented exception, leaving nothing behind")
class HostileServerTest {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Hang guard only: far above the client's timeout, so a slow machine never fails a correct client. */
    static final Duration GUARD = Duration.ofSeconds(60);
    private Transport transport;

    /** The transport under test, shared by all cases so its own pooled threads are counted once. */
    protected Transport newTransport() {
        return JdkHttpTransport.create(Duration.ofSeconds(3));
    }

    @BeforeAll
    void createTransport() {
        transport = newTransport();
    }

    @AfterAll
    void closeTransport() {
        if (transport instanceof JdkHttpTransport) {
            ((JdkHttpTransport) transport).close();
        } else if (transport instanceof UrlConnectionTransport) {
            ((UrlConnectionTransport) transport).close();
        }
    }

    private WechatPayClient client(RawServer server) {
        return WechatPayClient.builder()
                .baseUri(server.baseUri())
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .transport(transport)
                .asyncExecutor(Runnable::run)
                .timeout(TIMEOUT)
                .build();
    }

    static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    /** Runs one call against the script; checks the exception, then that connections and threads come back. */
    private void assertEnds(RawServer.Script script, Class<? extends WechatPayException> expected, String message)
            throws Exception {
        assertEnds(script, expected, message, true);
    }

    /**
     * The same; {@code released} false skips the check that the connection and threads come back, for a transport
     * whose documented behaviour hands the connection to code it does not control (see {@link #releasesTrickle()}).
     */
    private void assertEnds(RawServer.Script script, Class<? extends WechatPayException> expected, String message,
            boolean released) throws Exception {
        warmUp();
        java.util.Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        try (RawServer server = new RawServer(script)) {
            WechatPayClient client = client(server);
            assertTimeoutPreemptively(GUARD, () -> {
                assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/hostile").build(),
                        JsonNode.class)).isInstanceOf(expected).hasMessageContaining(message);
            });
            assertThat(server.accepted()).isEqualTo(1);
            if (!released) {
                return;
            }
            waitUntil(() -> server.open() == 0);
        }
        try {
            waitUntil(() -> liveThreads() <= threadsBefore.size());
        } catch (AssertionError e) {
            java.util.Set<Thread> left = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
            left.removeAll(threadsBefore);
            throw new AssertionError("threads left behind: " + left, e);
        }
    }

    /** One good call first, so that threads the transport starts lazily are not counted as left behind. */
    private void warmUp() throws Exception {
        try (RawServer warmUp = new RawServer((socket, out) -> out.write(RawServer.ascii(
                "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")))) {
            client(warmUp).execute(ApiRequest.builder("GET", "/v3/warm").build(), Void.class);
            waitUntil(() -> warmUp.open() == 0);
        }
    }

    /** Polls on the test's own thread (no helper thread that would itself be counted), failing after GUARD. */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("still not true after the " + GUARD.toSeconds() + " s hang guard");
            }
            Thread.sleep(20);
        }
    }

    private static void head(OutputStream out, String head) throws java.io.IOException {
        out.write(RawServer.ascii(head + "\r\n\r\n"));
        out.flush();
    }

    @Test
    @DisplayName("a connection reset in the middle of the body is a TransportException")
    void resetMidBody() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000");
            out.write(new byte[100]);
            out.flush();
            socket.setSoLinger(true, 0);
            socket.close();
        }, TransportException.class, "GET");
    }

    @Test
    @DisplayName("a truncated chunked body is a TransportException")
    void truncatedChunked() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked");
            out.write(RawServer.ascii("64\r\n{\"a\":\"only part of the chunk"));
            out.flush();
            socket.shutdownOutput();
        }, TransportException.class, "GET");
    }

    @Test
    @DisplayName("a Content-Length larger than the body is a TransportException")
    void shortBody() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000");
            out.write(RawServer.ascii("{\"a\":1}"));
            out.flush();
            socket.shutdownOutput();
        }, TransportException.class, "GET");
    }

    /**
     * Whether a connection whose body trickles past the timeout is closed by the transport. True of the JDK client
     * and OkHttp. {@code HttpURLConnection} hands an abandoned body of at most 512 KiB
     * ({@code http.KeepAlive.remainingData}) to the JDK's own {@code Keep-Alive-SocketCleaner} thread, which drains
     * it to reuse the connection, for as long as the server keeps sending: the call ends at its timeout, the
     * connection and that thread do not.
     */
    protected boolean releasesTrickle() {
        return true;
    }

    /** Requests a transport sends for one GET whose headers are refused: 1, or 2 when it resends the GET once. */
    protected int sendsPerRefusedGet() {
        return 1;
    }

    @Test
    @DisplayName("a body trickling one byte per second ends at the client's timeout as a TransportException")
    void trickle() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100");
            for (int i = 0; i < 100; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(1000);
            }
        }, TransportException.class, "timed out", releasesTrickle());
    }

    /**
     * Connections the transport leaves open per answer refused for oversized headers. OkHttp closes them: 0. The
     * JDK's {@code HttpClient} (17, and still 25) does not: its header parser fails the exchange with
     * {@code ProtocolException: Header size too big} (past {@code jdk.http.maxHeaderSize}, 384 KiB) without closing
     * the connection, which is then neither pooled nor reused nor ever closed, not even when the server closes its
     * end or the client is dropped (on 17). The runtime has no handle on that connection: 1 each.
     */
    protected int connectionsLeftPerHugeHeaders() {
        return 1;
    }

    @Test
    @DisplayName("10 MB of headers is a TransportException, three times over: the connection count grows by the transport's known bound at most, and no poisoned connection is reused")
    void hugeHeaders() throws Exception {
        int calls = 3;
        int refused = calls * sendsPerRefusedGet();
        AtomicInteger connections = new AtomicInteger();
        warmUp();
        java.util.Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        try (RawServer server = new RawServer((socket, out) -> {
            if (connections.incrementAndGet() > refused) {
                head(out, "HTTP/1.1 204 No Content\r\nConnection: close");
                return;
            }
            out.write(RawServer.ascii("HTTP/1.1 200 OK\r\n"));
            byte[] line = RawServer.ascii("X-Padding: " + "a".repeat(1000) + "\r\n");
            for (int i = 0; i < 10 * 1024; i++) {
                out.write(line);
            }
            head(out, "Content-Length: 0");
        })) {
            WechatPayClient client = client(server);
            for (int i = 0; i < calls; i++) {
                assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> client.execute(
                        ApiRequest.builder("GET", "/v3/hostile").build(), JsonNode.class))
                        .isInstanceOf(TransportException.class).hasMessageContaining("GET"));
            }
            // A good answer afterwards comes on a connection of its own: none of the refused ones was reused.
            assertTimeoutPreemptively(GUARD, () -> client.execute(ApiRequest.builder("GET", "/v3/after").build(),
                    Void.class));
            assertThat(server.accepted()).isEqualTo(refused + 1);
            int bound = refused * connectionsLeftPerHugeHeaders();
            waitUntil(() -> server.open() <= bound);
            // Settled: nothing closes the leftover connections later, and nothing opens more.
            Thread.sleep(500);
            assertThat(server.open()).as("connections left open after %d refused answers", calls).isEqualTo(bound);
        }
        // The server's own per-connection threads end with it; the transport must not have added any.
        waitUntil(() -> liveThreads() <= threadsBefore.size());
    }

    @Test
    @DisplayName("a 1 GB body announced by Content-Length is refused before it is read, as MalformedResponseException")
    void hugeDeclaredBody() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824");
            writeForever(out);
        }, MalformedResponseException.class, "larger than 4194304 bytes");
    }

    @Test
    @DisplayName("a 1 GB chunked body is refused once it passes the cap, as MalformedResponseException")
    void hugeChunkedBody() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked");
            byte[] chunk = new byte[65536];
            Arrays.fill(chunk, (byte) ' ');
            byte[] size = RawServer.ascii("10000\r\n");
            for (int i = 0; i < 16384; i++) {
                out.write(size);
                out.write(chunk);
                out.write(RawServer.ascii("\r\n"));
            }
        }, MalformedResponseException.class, "larger than 4194304 bytes");
    }

    static void writeForever(OutputStream out) throws java.io.IOException {
        byte[] chunk = new byte[65536];
        Arrays.fill(chunk, (byte) ' ');
        for (long i = 0; i < 16384; i++) {
            out.write(chunk);
        }
    }

    @Test
    @DisplayName("a redirect is never followed: MalformedResponseException naming the target")
    void redirect() throws Exception {
        try (RawServer elsewhere = new RawServer((socket, out) -> head(out, "HTTP/1.1 204 No Content"))) {
            assertEnds((socket, out) -> {
                head(out, "HTTP/1.1 302 Found\r\nLocation: " + elsewhere.baseUri() + "/v3/hostile\r\n"
                        + "Content-Length: 0\r\nConnection: close");
                socket.close();
            }, MalformedResponseException.class, "never followed");
            assertThat(elsewhere.accepted()).isZero();
        }
    }

    @Test
    @DisplayName("an HTTP/1.0 answer read to the end of the connection is capped like any other")
    void http10() throws Exception {
        assertEnds((socket, out) -> {
            head(out, "HTTP/1.0 200 OK\r\nContent-Type: application/json");
            writeForever(out);
            socket.close();
        }, MalformedResponseException.class, "larger than 4194304 bytes");
    }
}
