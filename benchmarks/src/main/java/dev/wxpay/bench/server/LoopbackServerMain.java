package dev.wxpay.bench.server;

import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs the {@link LoopbackServer} as its own process, so that its CPU is never counted as client CPU.
 *
 * <p>Arguments: {@code <keys-dir> [verify-every]}. Prints {@code LISTENING <port>}, then reads commands from standard
 * input: {@code stats} prints a {@code STATS ...} line; {@code quit} or the end of input prints it and exits.
 */
public final class LoopbackServerMain {
    private LoopbackServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LoopbackServerMain <keys-dir> [verify-every]");
            System.exit(2);
        }
        BenchKeys keys = BenchKeys.readFrom(Path.of(args[0]));
        int verifyEvery = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (LoopbackServer server = new LoopbackServer(keys.merchantPublicKey(), keys.platformPrivateKey(),
                SeedFixture.PUBLIC_KEY_ID, SeedFixture.PATH, SeedFixture.RESPONSE_BYTES, Clock.systemUTC(),
                verifyEvery).start()) {
            System.out.println("LISTENING " + server.port());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null && !command.equals("quit")) {
                if (command.equals("stats")) {
                    System.out.println("STATS " + server.stats());
                    System.out.flush();
                }
            }
            System.out.println("STATS " + server.stats());
            System.out.flush();
        }
    }
}
