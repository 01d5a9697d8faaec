package dev.wxpay.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one loopback server every benchmarked client talks to: a plain HTTP/1.1 keep-alive server on 127.0.0.1 that
 * answers the seed operation with a fixed, signed JSON body.
 *
 * <p>Its cost per response is constant and small, so that client differences are not drowned by the server sharing
 * the same two cores: the response (status line, headers, body) is prepared as one byte array and re-signed once a
 * second, not per response. Header names go on the wire exactly as WeChat Pay spells them, because the official SDK
 * looks them up case-sensitively (the JDK's HttpServer would rewrite {@code Wechatpay-Timestamp} to
 * {@code Wechatpay-timestamp}).
 *
 * <p>It checks what matters to a fair comparison: the method and path, and the request's {@code Authorization}
 * signature (WECHATPAY2-SHA256-RSA2048 with the merchant's key) on the first request of every connection and on every
 * {@code verifyEvery}-th request after that. A bad signature gets a 401, which makes the client under test fail.
 *
 * <p>Thread-safe: one thread accepts, one thread per connection answers, one scheduler thread re-signs.
 */
public final class LoopbackServer implements AutoCloseable {
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final PublicKey merchantPublicKey;
    private final PrivateKey platformPrivateKey;
    private final String publicKeyId;
    private final String expectedPath;
    private final byte[] body;
    private final Clock clock;
    private final int verifyEvery;
    private final SecureRandom random = new SecureRandom();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong resigned = new AtomicLong();

    private volatile byte[] signedResponse;
    private volatile boolean closed;
    private ServerSocket serverSocket;
    private ScheduledExecutorService resigner;

    /**
     * @param merchantPublicKey  verifies the clients' request signatures
     * @param platformPrivateKey signs the response, as WeChat Pay does
     * @param publicKeyId        sent as {@code Wechatpay-Serial}
     * @param expectedPath       the only path answered with 200
     * @param body               the fixed response body
     * @param clock              source of the response timestamp
     * @param verifyEvery        verify the first request of a connection and every n-th after it (1 = all, 0 = none:
     *                           only for the transport benchmark, whose requests are unsigned)
     */
    public LoopbackServer(PublicKey merchantPublicKey, PrivateKey platformPrivateKey, String publicKeyId,
                          String expectedPath, byte[] body, Clock clock, int verifyEvery) {
        this.merchantPublicKey = Objects.requireNonNull(merchantPublicKey, "merchantPublicKey");
        this.platformPrivateKey = Objects.requireNonNull(platformPrivateKey, "platformPrivateKey");
        this.publicKeyId = Objects.requireNonNull(publicKeyId, "publicKeyId");
        this.expectedPath = Objects.requireNonNull(expectedPath, "expectedPath");
        this.body = body.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (verifyEvery < 0) {
            throw new IllegalArgumentException("verifyEvery must be >= 0, was " + verifyEvery);
        }
        this.verifyEvery = verifyEvery;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts answering. */
    public synchronized LoopbackServer start() throws IOException {
        resign();
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        resigner = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "resigner"));
        resigner.scheduleAtFixedRate(this::resign, 1, 1, TimeUnit.SECONDS);
        daemon(this::acceptLoop, "acceptor").start();
        return this;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** One line: how many requests were served, how many signatures checked and how many rejected. */
    public String stats() {
        return "requests=" + requests.get() + " verified=" + verified.get() + " rejected=" + rejected.get()
                + " resigned=" + resigned.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (resigner != null) {
            resigner.shutdownNow();
        }
        if (serverSocket != null) {
            serverSocket.close();
        }
    }

    private void resign() {
        try {
            long timestamp = clock.instant().getEpochSecond();
            String nonce = nonce();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(platformPrivateKey);
            signer.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            signer.update((byte) '\n');
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            String head = "HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Request-ID: 08F78BB5AF0610D2B2AFC3A60100000000" + timestamp + "\r\n"
                    + "Wechatpay-Nonce: " + nonce + "\r\n"
                    + "Wechatpay-Signature: " + signature + "\r\n"
                    + "Wechatpay-Timestamp: " + timestamp + "\r\n"
                    + "Wechatpay-Serial: " + publicKeyId + "\r\n"
                    + "Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048\r\n"
                    + "\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] response = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, response, 0, headBytes.length);
            System.arraycopy(body, 0, response, headBytes.length, body.length);
            signedResponse = response;
            resigned.incrementAndGet();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the response", e);
        }
    }

    private String nonce() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        char[] chars = new char[32];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHANUMERIC.charAt((bytes[i] & 0xff) % ALPHANUMERIC.length());
        }
        return new String(chars);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                daemon(() -> serve(socket), "connection-" + socket.getPort()).start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Connection connection = new Connection(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            long served = 0;
            while (!closed) {
                int headLength = connection.readHead();
                if (headLength < 0) {
                    return;
                }
                Request request = Request.parse(connection.buffer, connection.headStart, headLength);
                byte[] requestBody = connection.readBody(request.contentLength);
                if (requestBody == null) {
                    return;
                }
                requests.incrementAndGet();
                if (!"POST".equals(request.method) || !expectedPath.equals(request.target)) {
                    out.write(plain(404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such operation\"}"));
                } else if (verifyEvery > 0 && served++ % verifyEvery == 0 && !verify(request, requestBody)) {
                    rejected.incrementAndGet();
                    out.write(plain(401, "{\"code\":\"SIGN_ERROR\",\"message\":\"bad request signature\"}"));
                } else {
                    out.write(signedResponse);
                }
                out.flush();
            }
        } catch (SocketException e) {
            // the client closed its connection
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                System.err.println("connection failed: " + e);
            }
        }
    }

    private boolean verify(Request request, byte[] requestBody) {
        verified.incrementAndGet();
        String authorization = request.authorization;
        String prefix = "WECHATPAY2-SHA256-RSA2048 ";
        if (authorization == null || !authorization.startsWith(prefix)) {
            return false;
        }
        String mchid = null;
        String nonce = null;
        String signature = null;
        String timestamp = null;
        for (String part : authorization.substring(prefix.length()).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
                return false;
            }
            value = value.substring(1, value.length() - 1);
            switch (key) {
                case "mchid": mchid = value; break;
                case "nonce_str": nonce = value; break;
                case "signature": signature = value; break;
                case "timestamp": timestamp = value; break;
                default: break;
            }
        }
        if (mchid == null || nonce == null || signature == null || timestamp == null) {
            return false;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > 300) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(merchantPublicKey);
            verifier.update((request.method + "\n" + request.target + "\n" + timestamp + "\n" + nonce + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            verifier.update(requestBody);
            verifier.update((byte) '\n');
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] plain(int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Error\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, "loopback-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Reads requests from one connection through its own buffer: no per-byte locking, and the bytes of a pipelined
     * next request are kept.
     */
    private static final class Connection {
        private final InputStream in;
        final byte[] buffer = new byte[16 * 1024];
        int headStart;
        private int position;
        private int limit;

        Connection(InputStream in) {
            this.in = in;
        }

        /** Reads up to and including CRLFCRLF; returns the head's length (from headStart), -1 at end of stream. */
        int readHead() throws IOException {
            compact();
            headStart = position;
            int scan = position;
            while (true) {
                for (; scan + 3 < limit; scan++) {
                    if (buffer[scan] == '\r' && buffer[scan + 1] == '\n' && buffer[scan + 2] == '\r'
                            && buffer[scan + 3] == '\n') {
                        position = scan + 4;
                        return position - headStart;
                    }
                }
                if (limit == buffer.length) {
                    throw new IOException("request head larger than " + buffer.length + " bytes");
                }
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    return -1;
                }
                limit += n;
            }
        }

        /** The next {@code length} bytes, or null if the stream ends first. */
        byte[] readBody(int length) throws IOException {
            byte[] body = new byte[length];
            int buffered = Math.min(length, limit - position);
            System.arraycopy(buffer, position, body, 0, buffered);
            position += buffered;
            int filled = buffered;
            while (filled < length) {
                int n = in.read(body, filled, length - filled);
                if (n < 0) {
                    return null;
                }
                filled += n;
            }
            return body;
        }

        private void compact() {
            if (position == limit) {
                position = 0;
                limit = 0;
            } else if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
        }
    }

    /** The parts of a request head the server looks at. */
    private static final class Request {
        final String method;
        final String target;
        final int contentLength;
        final String authorization;

        private Request(String method, String target, int contentLength, String authorization) {
            this.method = method;
            this.target = target;
            this.contentLength = contentLength;
            this.authorization = authorization;
        }

        static Request parse(byte[] buffer, int offset, int length) throws IOException {
            String text = new String(buffer, offset, length, StandardCharsets.ISO_8859_1);
            int lineEnd = text.indexOf("\r\n");
            String[] requestLine = text.substring(0, lineEnd).split(" ");
            if (requestLine.length != 3) {
                throw new IOException("bad request line: " + text.substring(0, lineEnd));
            }
            int contentLength = 0;
            String authorization = null;
            int start = lineEnd + 2;
            while (start < length - 2) {
                int end = text.indexOf("\r\n", start);
                int colon = text.indexOf(':', start);
                if (colon > start && colon < end) {
                    String name = text.substring(start, colon);
                    if (name.equalsIgnoreCase("Content-Length")) {
                        contentLength = Integer.parseInt(text.substring(colon + 1, end).trim());
                    } else if (name.equalsIgnoreCase("Authorization")) {
                        authorization = text.substring(colon + 1, end).trim();
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        throw new IOException("chunked request bodies are not supported here");
                    }
                }
                start = end + 2;
            }
            return new Request(requestLine[0], requestLine[1], contentLength, authorization);
        }
    }
}
