package dev.wxpay.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link LoopbackServerMain} in a child JVM on the benchmark's own class path and stops it. A separate
 * process keeps the server's CPU out of the client's measured CPU. Not thread-safe: one owner starts and closes it.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int port;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String first = out.readLine();
        if (first == null || !first.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IOException("loopback server did not start, said: " + first);
        }
        this.port = Integer.parseInt(first.substring("LISTENING ".length()).trim());
    }

    /** Starts the server with the keys in {@code keysDir}, verifying every {@code verifyEvery}-th request. */
    public static ServerProcess start(Path keysDir, int verifyEvery) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                LoopbackServerMain.class.getName(), keysDir.toString(), Integer.toString(verifyEvery)));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ServerProcess(builder.start());
    }

    public int port() {
        return port;
    }

    /** The server's counters, e.g. {@code requests=1200 verified=20 rejected=0 resigned=31}. */
    public synchronized String stats() throws IOException {
        in.write("stats\n");
        in.flush();
        return statsLine();
    }

    /** Stops the server and returns its final counters. */
    public synchronized String stop() throws IOException, InterruptedException {
        in.write("quit\n");
        in.flush();
        String stats = statsLine();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return stats;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The number after {@code rejected=} in a stats line. */
    public static long rejected(String stats) {
        for (String part : stats.split(" ")) {
            if (part.startsWith("rejected=")) {
                return Long.parseLong(part.substring("rejected=".length()));
            }
        }
        throw new IllegalArgumentException("no rejected= in " + stats);
    }

    private String statsLine() throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith("STATS ")) {
            throw new IOException("loopback server answered: " + line);
        }
        return line.substring("STATS ".length());
    }
}
