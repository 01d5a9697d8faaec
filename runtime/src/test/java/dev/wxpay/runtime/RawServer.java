package dev.wxpay.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile HTTP server on 127.0.0.1 with an ephemeral port: reads each request's head and then writes whatever
 * bytes the test scripts, however broken. It counts connections: accepted, and still open (neither side closed it
 * yet), so a test can check that nothing is left behind.
 */
final class RawServer implements AutoCloseable {
    /** Writes the answer; returns normally to let the client close the connection, which the server then waits for. */
    interface Script {
        void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    /** Serves one whole connection, for a test that reads its requests itself; the server closes it afterwards. */
    interface Connection {
        void serve(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile Script script;
    private final Connection connectionHandler;
    private final java.util.Set<Socket> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RawServer(Script script) throws IOException {
        this(script, null);
    }

    /** A server whose connections are served wholly by {@code connection}, which reads the requests itself. */
    RawServer(Connection connection) throws IOException {
        this(null, connection);
    }

    private RawServer(Script script, Connection connection) throws IOException {
        this.script = script;
        this.connectionHandler = connection;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "raw-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int accepted() {
        return accepted.get();
    }

    int open() {
        return open.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                open.incrementAndGet();
                Thread handler = new Thread(() -> handle(connection), "raw-server-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            if (connectionHandler != null) {
                connectionHandler.serve(connection);
                return;
            }
            InputStream in = connection.getInputStream();
            readHead(in);
            script.answer(connection, connection.getOutputStream());
            if (!connection.isClosed()) {
                // Wait for the client to give the connection up (EOF or reset): a leak would wait for ever.
                while (in.read() >= 0) {
                    // drain
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client closed or reset the connection: that is the end we wait for
        } finally {
            open.decrementAndGet();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Stops accepting and closes every connection still open from this side. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
