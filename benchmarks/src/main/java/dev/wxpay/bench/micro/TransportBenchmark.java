package dev.wxpay.bench.micro;

import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.bench.server.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro: the bare transports, one unsigned POST of the seed-sized body and a read of the ~1.5 KiB answer from the
 * loopback server (signature checks off), so the transport's own cost can be told apart from the call around it.
 * {@code jdk_http11}: JDK HttpClient pinned to HTTP/1.1 (what the runtime uses); {@code jdk_default}: JDK HttpClient
 * as built by default (HTTP/2 preferred: h2c upgrade headers on every plain request; what the stock client uses);
 * {@code jdk_http11_notimeout}: the same without a per-request timeout; {@code jdk_http11_direct}: the same with
 * a direct executor (no hand-off to the client's default thread pool); {@code okhttp}: OkHttp 4.10 (the official
 * SDK's); {@code urlconnection}: HttpURLConnection; {@code jdk_http11_async}: the pinned JDK client driven by
 * {@code sendAsync(...).get(timeout)} (what the runtime did before: the JDK hands each completion to the common
 * fork-join pool); {@code runtime_jdk} and {@code runtime_okhttp}: the runtime's own transports
 * ({@code JdkHttpTransport}, {@code OkHttpTransport}) given a {@code WireRequest}, as the client's chain does.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransportBenchmark {
    /** The transport and the server it talks to, one per trial. */
    @State(Scope.Benchmark)
    public static class Transport {
        @Param({"jdk_http11", "jdk_http11_notimeout", "jdk_http11_direct", "jdk_http11_async", "jdk_default",
                "runtime_jdk", "okhttp", "runtime_okhttp", "urlconnection",
                "runtime_urlconnection"})
        public String transport;

        /**
         * CPU work (JMH {@code Blackhole.consumeCPU} tokens) done before each request, standing in for the signing a
         * real call does first: a transport whose I/O thread sleeps between requests pays for waking it up.
         */
        @Param("0")
        public long thinkTokens;

        private ServerProcess server;
        private Path keysDir;
        private URI uri;
        private byte[] body;
        private HttpClient jdk;
        private OkHttpClient okhttp;
        private dev.wxpay.runtime.Transport runtime;
        private dev.wxpay.runtime.WireRequest wire;

        @Setup(Level.Trial)
        public void start() throws Exception {
            keysDir = Files.createTempDirectory("wxpay-bench-keys");
            BenchKeys.generate().writeTo(keysDir);
            server = ServerProcess.start(keysDir, 0);
            uri = URI.create("http://127.0.0.1:" + server.port() + SeedFixture.PATH);
            body = ("{\"service_id\":\"" + SeedFixture.SERVICE_ID + "\",\"plan_id\":\"" + SeedFixture.PLAN_ID
                    + "\",\"appid\":\"" + SeedFixture.APPID + "\",\"sub_mchid\":\"" + SeedFixture.SUB_MCHID
                    + "\",\"sub_appid\":\"" + SeedFixture.SUB_APPID + "\",\"openid\":\"" + SeedFixture.OPENID
                    + "\",\"sub_openid\":\"" + SeedFixture.SUB_OPENID + "\",\"merchant_sign_plan_no\":\""
                    + SeedFixture.MERCHANT_SIGN_PLAN_NO + "\",\"notify_url\":\"" + SeedFixture.NOTIFY_URL
                    + "\",\"sign_plan_detail\":[{\"plan_detail_no\":1,\"merchant_plan_detail_no\":\""
                    + SeedFixture.MERCHANT_PLAN_DETAIL_NOS[0] + "\"},{\"plan_detail_no\":2,"
                    + "\"merchant_plan_detail_no\":\"" + SeedFixture.MERCHANT_PLAN_DETAIL_NOS[1] + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            switch (transport) {
                case "jdk_http11":
                case "jdk_http11_notimeout":
                case "jdk_http11_async":
                    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    break;
                case "jdk_http11_direct":
                    // Completion stages run on the selector thread instead of hopping to the default executor.
                    jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
                    break;
                case "jdk_default":
                    jdk = HttpClient.newBuilder().build();
                    break;
                case "okhttp":
                    okhttp = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
                    break;
                case "urlconnection":
                    break;
                case "runtime_jdk":
                    runtime = dev.wxpay.runtime.JdkHttpTransport.create(Duration.ofSeconds(10));
                    break;
                case "runtime_okhttp":
                    runtime = dev.wxpay.transport.okhttp.OkHttpTransport.create();
                    break;
                case "runtime_urlconnection":
                    runtime = dev.wxpay.runtime.UrlConnectionTransport.create();
                    break;
                default:
                    throw new IllegalArgumentException("unknown transport " + transport);
            }
            wire = dev.wxpay.runtime.WireRequest.of("POST", uri, java.util.Map.of(
                    "Content-Type", List.of("application/json"), "Accept", List.of("application/json")), body);
            if (post().length != SeedFixture.RESPONSE_BYTES.length) {
                throw new IllegalStateException(transport + " read a short answer");
            }
        }

        byte[] post() throws Exception {
            switch (transport) {
                case "runtime_jdk":
                case "runtime_okhttp":
                case "runtime_urlconnection":
                    return runtime.send(wire, Duration.ofSeconds(10)).bodyBytes();
                case "okhttp": {
                    Request request = new Request.Builder().url(uri.toString())
                            .header("Accept", "application/json")
                            .post(RequestBody.create(body, okhttp3.MediaType.get("application/json"))).build();
                    try (Response response = okhttp.newCall(request).execute()) {
                        return response.body().bytes();
                    }
                }
                case "urlconnection": {
                    HttpURLConnection connection = (HttpURLConnection) new URL(uri.toString()).openConnection();
                    connection.setRequestMethod("POST");
                    connection.setDoOutput(true);
                    connection.setFixedLengthStreamingMode(body.length);
                    connection.setRequestProperty("Content-Type", "application/json");
                    connection.setRequestProperty("Accept", "application/json");
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                    try (InputStream in = connection.getInputStream()) {
                        return in.readAllBytes();
                    }
                }
                default: {
                    HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
                    if (!transport.equals("jdk_http11_notimeout")) {
                        builder.timeout(Duration.ofSeconds(10)); // what the runtime sets on every request
                    }
                    HttpRequest request = builder
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    if (transport.equals("jdk_http11_async")) {
                        return jdk.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                                .get(10, TimeUnit.SECONDS).body();
                    }
                    return jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            try {
                System.out.println("loopback server: " + server.stop());
            } finally {
                server.close();
                if (okhttp != null) {
                    okhttp.dispatcher().executorService().shutdown();
                    okhttp.connectionPool().evictAll();
                }
                BenchKeys.deleteFrom(keysDir);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] t1(Transport transport) throws Exception {
        Blackhole.consumeCPU(transport.thinkTokens);
        return transport.post();
    }

    @Benchmark
    @Threads(4)
    public byte[] t4(Transport transport) throws Exception {
        Blackhole.consumeCPU(transport.thinkTokens);
        return transport.post();
    }

    /** The think time alone, to subtract from the transport rows measured with the same {@code thinkTokens}. */
    @Benchmark
    @Threads(4)
    public void think_only_t4(Think think) {
        Blackhole.consumeCPU(think.thinkTokens);
    }

    /** The think time of {@link #think_only_t4}, without a server. */
    @State(Scope.Benchmark)
    public static class Think {
        @Param("0")
        public long thinkTokens;
    }
}
