package dev.wxpay.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on one loopback socket that writes response header names exactly as given.
 *
 * <p>Why not {@code com.sun.net.httpserver}: it rewrites every response header name to "first letter upper, rest
 * lower" ({@code Wechatpay-Timestamp} becomes {@code Wechatpay-timestamp}), and clients that read headers
 * case-sensitively (the official Java SDK does) then fail. Owning the response writer is the only way to emit
 * WeChat Pay's exact spellings without {@code --add-opens}. It also lets fault injection send bytes that differ from
 * the signed ones.
 *
 * <p>Supports what WeChat Pay clients send: persistent connections, {@code Content-Length} and chunked request
 * bodies, {@code Expect: 100-continue}. It never upgrades (an {@code Upgrade: h2c} offer is ignored, as RFC 9110
 * allows). Thread-safe: one accept thread, one pooled thread per open connection.
 */
final class LoopbackHttpServer implements Closeable {

    /** Largest request head (request line plus headers) accepted. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Largest request body accepted; WeChat Pay's own limit for JSON bodies is far below this. */
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** Answers one parsed request. Called concurrently from connection threads. */
    interface Handler {
        HttpAnswer handle(HttpCall call);
    }

    /** One header as it appeared on (or goes onto) the wire. */
    record Header(String name, String value) {
    }

    /** A parsed request; {@code target} is the raw request target ({@code /path?query}, still percent-encoded). */
    record HttpCall(String method, String target, List<Header> headers, byte[] body) {
        /** The first value of a header, looked up case-insensitively, or null. */
        String header(String name) {
            for (Header h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }
    }

    /** An answer: header names are written byte for byte as given; Content-Length is added by the server. */
    record HttpAnswer(int status, List<Header> headers, byte[] body) {
    }

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket serverSocket, Handler handler, String threadName) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        AtomicInteger counter = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-conn-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, threadName + "-accept");
        this.acceptor.setDaemon(true);
    }

    /** Binds {@code address:port} (0 = ephemeral) and starts accepting. */
    static LoopbackHttpServer start(InetAddress address, int port, Handler handler, String threadName)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 128);
        LoopbackHttpServer server = new LoopbackHttpServer(socket, handler, threadName);
        server.acceptor.start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    InetAddress address() {
        return serverSocket.getInetAddress();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket));
            } catch (RuntimeException rejected) {
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                RequestHead head = readHead(in);
                if (head == null) {
                    return; // peer closed between requests
                }
                if ("100-continue".equalsIgnoreCase(head.header("Expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                byte[] body = readBody(in, head);
                HttpCall call = new HttpCall(head.method, head.target, List.copyOf(head.headers), body);
                HttpAnswer answer;
                try {
                    answer = handler.handle(call);
                } catch (RuntimeException e) {
                    answer = new HttpAnswer(500, List.of(new Header("Content-Type", "text/plain")),
                            ("simulator failure: " + e).getBytes(StandardCharsets.UTF_8));
                }
                boolean keepAlive = head.keepAlive();
                write(out, answer, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (BadRequest e) {
            try {
                write(socket.getOutputStream(), new HttpAnswer(400, List.of(new Header("Content-Type", "text/plain")),
                        e.getMessage().getBytes(StandardCharsets.UTF_8)), false);
            } catch (IOException ignored) {
                // the peer is gone
            }
        } catch (SocketException e) {
            // closed by the peer or by close()
        } catch (IOException e) {
            // a broken connection ends only itself
        } finally {
            open.remove(socket);
        }
    }

    private static void write(OutputStream out, HttpAnswer answer, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(answer.status()).append(' ').append(reason(answer.status())).append("\r\n");
        for (Header h : answer.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    private static final class RequestHead {
        String method;
        String target;
        String version;
        final List<Header> headers = new ArrayList<>();

        String header(String name) {
            for (Header h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }

        boolean keepAlive() {
            String connection = header("Connection");
            if (connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                return false;
            }
            if ("HTTP/1.0".equals(version)) {
                return connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
            }
            return true;
        }
    }

    private static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** Reads the request line and headers; null when the peer closed the connection before a new request. */
    private static RequestHead readHead(InputStream in) throws IOException {
        String line = readLine(in, true);
        while (line != null && line.isEmpty()) {
            line = readLine(in, true); // tolerate stray CRLF between requests (RFC 9112 section 2.2)
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        RequestHead head = new RequestHead();
        head.method = parts[0];
        head.target = parts[1];
        head.version = parts[2];
        int total = line.length();
        while (true) {
            String h = readLine(in, false);
            if (h == null) {
                throw new BadRequest("connection closed inside the request head");
            }
            if (h.isEmpty()) {
                return head;
            }
            total += h.length();
            if (total > MAX_HEAD_BYTES) {
                throw new BadRequest("request head too large");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("malformed header line");
            }
            head.headers.add(new Header(h.substring(0, colon), h.substring(colon + 1).trim()));
        }
    }

    private static byte[] readBody(InputStream in, RequestHead head) throws IOException {
        String te = head.header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, false);
                if (sizeLine == null) {
                    throw new BadRequest("connection closed inside a chunked body");
                }
                int semi = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new BadRequest("malformed chunk size");
                }
                if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                    throw new BadRequest("request body too large");
                }
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in, false);
                    } while (trailer != null && !trailer.isEmpty());
                    return body.toByteArray();
                }
                body.write(readExactly(in, size));
                readLine(in, false); // CRLF after the chunk
            }
        }
        String length = head.header("Content-Length");
        if (length == null) {
            return new byte[0];
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("malformed Content-Length");
        }
        if (n < 0 || n > MAX_BODY_BYTES) {
            throw new BadRequest("request body too large");
        }
        return readExactly(in, (int) n);
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new BadRequest("connection closed inside the request body");
        }
        return bytes;
    }

    /** Reads one line ending in LF (a preceding CR is dropped); null at end of stream before any byte. */
    private static String readLine(InputStream in, boolean allowEof) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new BadRequest("line too long");
            }
        }
        if (line.size() == 0 && allowEof) {
            return null;
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 415: return "Unsupported Media Type";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status";
        }
    }
}
