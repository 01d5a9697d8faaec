package dev.wxpay.bench.e2e;

import dev.wxpay.bench.e2e.generated.GeneratedClientCall;
import dev.wxpay.bench.e2e.minimum.MinimumCall;
import dev.wxpay.bench.e2e.official.OfficialSdkCall;
import dev.wxpay.bench.e2e.stock.StockNativeCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.NativeCrypto;
import dev.wxpay.bench.server.ServerProcess;
import dev.wxpay.transport.okhttp.OkHttpTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * End to end: one signed seed call, answered by the loopback server in its own process, made by each client at 1 and
 * 4 threads sharing one client object. Sample-time mode gives p50/p99; {@code ClientCostProfiler} adds req/s and
 * client CPU per call; JMH's gc profiler adds allocated bytes per call.
 *
 * <p>Clients: {@code generated} and {@code generated_native} (our generated client on the runtime's default JDK
 * transport, JDK provider / Amazon Corretto Crypto Provider via signatureProvider), {@code generated_okhttp} and
 * {@code generated_okhttp_native} (the same on the optional OkHttp transport, wxpay-transport-okhttp), {@code official} (wechatpay-java 0.2.17; {@code official_native} with the
 * native provider installed first in the JVM), {@code minimum} and
 * {@code minimum_native} (hand-written inline call), {@code stock} (OpenAPI Generator 7.25 java/native plus a signing
 * interceptor; it cannot verify answers).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EndToEndBenchmark {

    /** The client under test and the server it talks to, one per trial (fork). */
    @State(Scope.Benchmark)
    public static class Client {
        @Param({"generated", "generated_native", "generated_jdk_pool", "generated_okhttp", "generated_okhttp_native",
                "generated_urlconnection", "generated_urlconnection_native", "official", "official_native", "minimum", "minimum_native", "stock"})
        public String client;

        /** Verify the request signature of the first call on a connection and of every n-th after it. */
        @Param("64")
        public int verifyEvery;

        private ServerProcess server;
        private SeedCall call;
        private Path keysDir;

        @Setup(Level.Trial)
        public void start() throws Exception {
            BenchKeys keys = BenchKeys.generate();
            keysDir = Files.createTempDirectory("wxpay-bench-keys");
            keys.writeTo(keysDir);
            server = ServerProcess.start(keysDir, verifyEvery);
            call = Clients.create(client, keys, server.port());
            // Fail fast, before warm-up, if the client and the server disagree.
            String id = call.call();
            if (id == null || id.isEmpty()) {
                throw new IllegalStateException(client + " returned no sign_plan_id");
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            try {
                call.close();
                String stats = server.stop();
                System.out.println("loopback server: " + stats);
                if (ServerProcess.rejected(stats) > 0) {
                    throw new IllegalStateException(client + " sent requests the server rejected: " + stats);
                }
            } finally {
                server.close();
                BenchKeys.deleteFrom(keysDir);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public String t1(Client client) throws Exception {
        return client.call.call();
    }

    @Benchmark
    @Threads(4)
    public String t4(Client client) throws Exception {
        return client.call.call();
    }

    /** Builds the client named by the {@code client} parameter. */
    static final class Clients {
        private Clients() {
        }

        static SeedCall create(String name, BenchKeys keys, int port) throws Exception {
            switch (name) {
                case "generated":
                    return new GeneratedClientCall(keys, port, null, null);
                case "generated_native":
                    return new GeneratedClientCall(keys, port, NativeCrypto.provider(), null);
                case "generated_jdk_pool":
                    // The runtime's JDK transport on a client with the JDK's default executor instead of the
                    // direct one: isolates what the direct executor changes.
                    return new GeneratedClientCall(keys, port, null, dev.wxpay.runtime.JdkHttpTransport.of(
                            java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                                    .build()));
                case "generated_okhttp":
                    return new GeneratedClientCall(keys, port, null, OkHttpTransport.create());
                case "generated_okhttp_native":
                    return new GeneratedClientCall(keys, port, NativeCrypto.provider(), OkHttpTransport.create());
                case "generated_urlconnection":
                    return new GeneratedClientCall(keys, port, null,
                            dev.wxpay.runtime.UrlConnectionTransport.create());
                case "generated_urlconnection_native":
                    return new GeneratedClientCall(keys, port, NativeCrypto.provider(),
                            dev.wxpay.runtime.UrlConnectionTransport.create());
                case "official":
                    return new OfficialSdkCall(keys, port);
                case "official_native":
                    // The SDK has no provider setting: installing the provider first in this fork's JVM is the only
                    // way to give it one. Each client runs in its own fork, so no other row is affected.
                    NativeCrypto.installFirst();
                    return new OfficialSdkCall(keys, port);
                case "minimum":
                    return new MinimumCall(keys, port, null);
                case "minimum_native":
                    return new MinimumCall(keys, port, NativeCrypto.provider());
                case "stock":
                    return new StockNativeCall(keys, port);
                default:
                    throw new IllegalArgumentException("unknown client " + name);
            }
        }
    }
}
