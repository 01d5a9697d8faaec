package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wxpay.runtime.LoopbackWechatPay.Answer;
import dev.wxpay.runtime.LoopbackWechatPay.Merchant;
import dev.wxpay.runtime.LoopbackWechatPay.Recorded;
import dev.wxpay.runtime.LoopbackWechatPay.Signing;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WechatPayClient against a loopback WeChat Pay that checks signatures and signs its answers")
class WechatPayClientEndToEndTest {
    private static final String PATH = "/v3/payscore/sign-plan/partner/user-sign-plans";
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    LoopbackWechatPay server;

    public static class CreateRequest {
        @JsonProperty("service_id")
        public String serviceId;
        @JsonProperty("n")
        public Integer n;
        @JsonProperty("sub_mchid")
        public String subMchid;

        CreateRequest(String serviceId, int n) {
            this.serviceId = serviceId;
            this.n = n;
        }
    }

    public static class CreateResponse {
        @JsonProperty("n")
        public Integer n;
        @JsonProperty("package")
        public String packageValue;
    }

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackWechatPay(LoopbackWechatPay.merchantA(), LoopbackWechatPay.merchantB());
        server.respond(LoopbackWechatPayEcho::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Echoes the request's "n" so concurrent callers can check they got their own answer. */
    static final class LoopbackWechatPayEcho {
        static Answer answer(Recorded r) {
            Matcher m = N.matcher(r.bodyText());
            String n = m.find() ? m.group(1) : "0";
            return Answer.json(200, "{\"n\":" + n + ",\"package\":\"pkg-" + r.merchantId + "\",\"extra\":[1,2]}");
        }
    }

    /**
     * The transport under test; null means the client's default. Transport modules run this whole class against
     * their own transport by overriding it (the class ships in the runtime's test jar).
     */
    protected Transport transport() {
        return null;
    }

    WechatPayClient.Builder builderFor(LoopbackWechatPay server, Merchant merchant) {
        WechatPayClient.Builder builder = WechatPayClient.builder();
        Transport transport = transport();
        if (transport != null) {
            builder.transport(transport);
        }
        return builder
                .baseUri(server.baseUri())
                .merchantId(merchant.id)
                .merchantSerialNumber(merchant.serial)
                .merchantPrivateKey(merchant.id.equals(TestKeys.MERCHANT_ID) ? TestKeys.MERCHANT.getPrivate()
                        : TestKeys.MERCHANT_B.getPrivate())
                .wechatPayPublicKey(merchant.wechatPayKeyId, merchant.id.equals(TestKeys.MERCHANT_ID)
                        ? TestKeys.WECHATPAY.getPublic() : TestKeys.WECHATPAY_B.getPublic())
                .timeout(Duration.ofSeconds(10));
    }

    private WechatPayClient client() {
        return builderFor(server, LoopbackWechatPay.merchantA()).build();
    }

    static ApiRequest create(int n) {
        return ApiRequest.builder("POST", PATH).operationId("createPartnerUserSignPlan")
                .body(new CreateRequest("500001", n)).build();
    }

    @Test
    @DisplayName("signs a POST that WeChat Pay accepts, sends the documented headers and maps the verified answer")
    void goodCall() {
        ApiResponse<CreateResponse> response = client().execute(create(7), CreateResponse.class);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.data().n).isEqualTo(7);
        assertThat(response.data().packageValue).isEqualTo("pkg-1900000109");
        assertThat(response.requestId()).startsWith("08F78BB5AF0610D302");
        assertThat(response.headers().get("wechatpay-serial")).containsExactly(TestKeys.WECHATPAY_KEY_ID);

        Recorded sent = server.requests().get(0);
        assertThat(sent.bodyText()).isEqualTo("{\"service_id\":\"500001\",\"n\":7}"); // no nulls on the wire
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Wechatpay-Serial")).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
        assertThat(sent.header("User-Agent")).matches("wxpay-codegen/\\S+ \\(Java/[^;]+; [^)]+\\)")
                .doesNotContain("unknown");
        assertThat(sent.authorization).containsEntry("mchid", TestKeys.MERCHANT_ID)
                .containsEntry("serial_no", TestKeys.MERCHANT_SERIAL);
        // HTTP/1.1 is pinned: no h2c upgrade attempt on plain HTTP.
        assertThat(sent.headers.keySet()).noneMatch(h -> h.equalsIgnoreCase("Upgrade")
                || h.equalsIgnoreCase("HTTP2-Settings"));
    }

    /** A body that counts how often it is serialised. */
    public static class CountingBody {
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        @JsonProperty("service_id")
        public String getServiceId() {
            reads.incrementAndGet();
            return "500001";
        }
    }

    @Test
    @DisplayName("serialises the body once and signs exactly the bytes that were sent")
    void serialisesOnce() {
        CountingBody body = new CountingBody();
        client().execute(ApiRequest.builder("POST", PATH).body(body).build(), CreateResponse.class);
        assertThat(body.reads).hasValue(1);
        assertThat(server.requests().get(0).bodyText()).isEqualTo("{\"service_id\":\"500001\"}");
    }

    @Test
    @DisplayName("signs the raw path and query of a GET with encoded parameters and sends no Content-Type")
    void signedGetWithEncodedPath() {
        ApiRequest get = ApiRequest.builder("GET", "/v3/payscore/plan/partner/plans/merchant-plan-no/{no}")
                .pathParam("no", "plan 1/2").queryParam("sub_mchid", "1900000222").build();
        ApiResponse<String> response = client().execute(get, String.class);
        assertThat(response.data()).startsWith("{\"n\":0");
        Recorded sent = server.requests().get(0);
        assertThat(sent.pathAndQuery).isEqualTo(
                "/v3/payscore/plan/partner/plans/merchant-plan-no/plan%201%2F2?sub_mchid=1900000222");
        assertThat(sent.body).isEmpty();
        assertThat(sent.header("Content-Type")).isNull();
    }

    @Test
    @DisplayName("sends operation header parameters on the wire while the signature, still accepted, covers only the body")
    void sendsHeaderParametersUnsigned() throws Exception {
        ApiRequest post = ApiRequest.builder("POST", PATH).operationId("createWithKey")
                .header("Idempotency-Key", "idem-42").body(new CreateRequest("500001", 3)).build();
        ApiResponse<CreateResponse> response = client().execute(post, CreateResponse.class);
        assertThat(response.data().n).isEqualTo(3); // the loopback verified the signature over method, URL, body
        Recorded sent = server.requests().get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("idem-42");
        // The signature is exactly the one computed without the header: headers are not part of the message.
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.MERCHANT.getPublic());
        verifier.update(RequestSigner.message("POST", sent.pathAndQuery,
                Long.parseLong(sent.authorization.get("timestamp")), sent.authorization.get("nonce_str"), sent.body));
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(sent.authorization.get("signature"))))
                .isTrue();
    }

    @Test
    @DisplayName("uploads media as multipart/form-data whose signature covers the meta JSON only, as WeChat Pay checks")
    void uploadsMultipartSigningMetaOnly() throws Exception {
        byte[] png = new byte[300];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) i; // every byte value, CR and LF included
        }
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("filename", "小票.png");
        meta.put("sha256", "abc");
        ApiRequest upload = ApiRequest.builder("POST", "/v3/merchant/media/upload").operationId("uploadImage")
                .multipart(meta, "小票.png", "image/png", png).build();
        ApiResponse<String> response = client().execute(upload, String.class);
        assertThat(response.statusCode()).isEqualTo(200); // the loopback verified the signature over the meta

        Recorded sent = server.requests().get(0);
        String contentType = sent.header("Content-Type");
        String boundary = MultipartTestParser.boundary(contentType);
        assertThat(boundary).matches("[0-9A-Za-z]{32}");
        java.util.List<MultipartTestParser.Part> parts = MultipartTestParser.parse(contentType, sent.body);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name).isEqualTo("meta");
        assertThat(parts.get(0).contentType).isEqualTo("application/json");
        assertThat(parts.get(0).text()).isEqualTo("{\"filename\":\"小票.png\",\"sha256\":\"abc\"}");
        assertThat(parts.get(1).name).isEqualTo("file");
        assertThat(parts.get(1).fileName).isEqualTo("小票.png");
        assertThat(parts.get(1).contentType).isEqualTo("image/png");
        assertThat(parts.get(1).content).isEqualTo(png);

        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(TestKeys.MERCHANT.getPublic());
        verifier.update(RequestSigner.message("POST", sent.pathAndQuery,
                Long.parseLong(sent.authorization.get("timestamp")), sent.authorization.get("nonce_str"),
                parts.get(0).content));
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(sent.authorization.get("signature"))))
                .as("signed over the meta JSON").isTrue();
        verifier.initVerify(TestKeys.MERCHANT.getPublic());
        verifier.update(RequestSigner.message("POST", sent.pathAndQuery,
                Long.parseLong(sent.authorization.get("timestamp")), sent.authorization.get("nonce_str"), sent.body));
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(sent.authorization.get("signature"))))
                .as("not over the whole multipart body").isFalse();
    }

    @Test
    @DisplayName("sends a custom file part name and form fields in call order, and draws each boundary afresh")
    void multipartWithFieldsAndFreshBoundary() {
        ApiRequest upload = ApiRequest.builder("POST", "/v3/x/{sub_mchid}/files").pathParam("sub_mchid", "1900")
                .multipart("{\"file_name\":\"a.pdf\"}", "submission_file", "a \"b\".pdf", "application/pdf",
                        new byte[] {1, 2, 3})
                .formField("item_id", 56).formField("skipped", null).formField("manage_record_id", "m-1")
                .build();
        WechatPayClient client = client();
        client.execute(upload, String.class);
        client.execute(upload, String.class);
        Recorded first = server.requests().get(0);
        java.util.List<MultipartTestParser.Part> parts =
                MultipartTestParser.parse(first.header("Content-Type"), first.body);
        assertThat(parts).extracting(p -> p.name)
                .containsExactly("meta", "item_id", "manage_record_id", "submission_file");
        assertThat(parts.get(0).text()).isEqualTo("{\"file_name\":\"a.pdf\"}");
        assertThat(parts.get(1).text()).isEqualTo("56");
        assertThat(parts.get(1).contentType).isNull();
        assertThat(parts.get(3).fileName).isEqualTo("a %22b%22.pdf");
        assertThat(parts.get(3).content).containsExactly(1, 2, 3);
        assertThat(server.requests().get(1).header("Content-Type")).isNotEqualTo(first.header("Content-Type"));
    }

    @Test
    @DisplayName("keeps a base URI path prefix on the wire and in the signature")
    void keepsBasePathPrefix() throws Exception {
        WechatPayClient prefixed = builderFor(server, LoopbackWechatPay.merchantA())
                .baseUri(URI.create(server.baseUri() + "/gateway/")).build();
        prefixed.execute(create(1), CreateResponse.class);
        assertThat(server.requests().get(0).pathAndQuery).isEqualTo("/gateway" + PATH);
    }

    @Test
    @DisplayName("accepts a 204 without body or signature when no body is expected")
    void acceptsUnsignedNoContent() {
        server.respond(r -> Answer.raw(204, "", null));
        ApiResponse<Void> response = client().execute(ApiRequest.builder("POST", "/v3/x/stop").build(), Void.class);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.data()).isNull();
    }

    @Test
    @DisplayName("rejects a 2xx body that carries no signature")
    void rejectsUnsignedBody() {
        server.respond(r -> Answer.raw(200, "{\"n\":1}", "application/json"));
        assertThatThrownBy(() -> client().execute(create(1), CreateResponse.class))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not signed");
    }

    @Test
    @DisplayName("rejects a tampered, stale, future, unknown-serial or SIGNTEST answer, keeping the request id")
    void rejectsUnverifiableAnswers() {
        WechatPayClient client = client();
        for (Signing signing : new Signing[] {Signing.TAMPERED, Signing.STALE, Signing.FUTURE, Signing.UNKNOWN_SERIAL,
                Signing.SIGNTEST}) {
            server.respond(r -> Answer.json(200, "{\"n\":1,\"package\":\"p\"}", signing));
            assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class)).as(signing.name())
                    .isInstanceOfSatisfying(VerificationException.class,
                            e -> assertThat(e.requestId()).startsWith("08F78BB5AF0610D302"));
        }
    }

    @Test
    @DisplayName("is refused by WeChat Pay when it signs with a key that is not the merchant's")
    void wrongMerchantKeyIsRefusedByTheServer() {
        WechatPayClient impostor = builderFor(server, LoopbackWechatPay.merchantA())
                .merchantPrivateKey(TestKeys.STRANGER.getPrivate()).build();
        assertThatThrownBy(() -> impostor.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("SIGN_ERROR");
                });
    }

    @Test
    @DisplayName("maps a JSON error body into ServiceException with code, message, detail and request id")
    void mapsJsonError() {
        server.respond(r -> Answer.json(400, "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":"
                + "{\"field\":\"service_id\",\"issue\":\"missing\"}}", Signing.UNSIGNED));
        assertThatThrownBy(() -> client().execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.errorMessage()).isEqualTo("参数错误");
                    assertThat(e.detail().get("field").asText()).isEqualTo("service_id");
                    assertThat(e.requestId()).startsWith("08F78BB5AF0610D302");
                    assertThat(e.responseBody()).contains("PARAM_ERROR");
                    assertThat(e.getMessage()).contains("400", "PARAM_ERROR", "参数错误", e.requestId());
                });
    }

    @Test
    @DisplayName("keeps an empty or HTML error body raw instead of failing on it")
    void keepsNonJsonErrorBodiesRaw() {
        WechatPayClient client = client();
        server.respond(r -> Answer.raw(502, "", null));
        assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.detail()).isNull();
                    assertThat(e.responseBody()).isEmpty();
                    assertThat(e.getMessage()).contains("502", "empty body", e.requestId());
                });
        String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        server.respond(r -> Answer.raw(502, html, "text/html"));
        assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.responseBody()).isEqualTo(html);
                });
        server.respond(r -> Answer.raw(500, "{not json", "application/json"));
        assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.responseBody()).isEqualTo("{not json"));
    }

    @Test
    @DisplayName("reports a verified body that does not map to the expected type, keeping body and request id")
    void reportsMalformedBody() {
        server.respond(r -> Answer.json(200, "[\"not\",\"an\",\"object\"]"));
        assertThatThrownBy(() -> client().execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
                    assertThat(e.responseBody()).isEqualTo("[\"not\",\"an\",\"object\"]");
                    assertThat(e.requestId()).startsWith("08F78BB5AF0610D302");
                    assertThat(e.statusCode()).isEqualTo(200);
                });
    }

    @Test
    @DisplayName("times out on a server that never answers, as a TransportException marked as timeout")
    void timesOutOnHungServer() {
        server.respond(r -> Answer.hang());
        WechatPayClient impatient = builderFor(server, LoopbackWechatPay.merchantA())
                .timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> impatient.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isTimeout()).isTrue();
                    assertThat(e.getCause()).isNotNull();
                    assertThat(e.getMessage()).contains("createPartnerUserSignPlan", "timed out");
                });
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt leaks out of a timed-out call").isFalse();
    }

    @Test
    @DisplayName("reports an interrupted caller as a TransportException that is not a timeout, keeping the interrupt")
    void interruptedCaller() {
        server.respond(r -> Answer.hang());
        WechatPayClient client = builderFor(server, LoopbackWechatPay.merchantA()).timeout(Duration.ofSeconds(5))
                .build();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.isTimeout()).isFalse();
                        assertThat(e.getMessage()).contains("interrupted");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("times out when the body stalls after the headers arrived")
    void timesOutOnStalledBody() {
        server.respond(r -> Answer.stallBody());
        WechatPayClient impatient = builderFor(server, LoopbackWechatPay.merchantA())
                .timeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> impatient.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue());
        assertThat(Thread.currentThread().isInterrupted()).as("no interrupt leaks out of a timed-out call").isFalse();
        // The same thread calls again at once: a deadline of the failed call must not hit this one.
        server.respond(LoopbackWechatPayEcho::answer);
        assertThat(impatient.execute(create(2), CreateResponse.class).data().n).isEqualTo(2);
    }

    @Test
    @DisplayName("reports a refused connection as a TransportException keeping the cause")
    void reportsRefusedConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WechatPayClient nowhere = builderFor(server, LoopbackWechatPay.merchantA())
                .baseUri(URI.create("http://127.0.0.1:" + port)).build();
        assertThatThrownBy(() -> nowhere.execute(create(1), CreateResponse.class))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isTimeout()).isFalse();
                    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
                });
    }

    @Test
    @DisplayName("reuses one connection for consecutive calls")
    void reusesConnections() {
        WechatPayClient client = client();
        for (int i = 0; i < 3; i++) {
            client.execute(create(i), CreateResponse.class);
        }
        assertThat(server.requests()).extracting(r -> r.remotePort).containsOnly(server.requests().get(0).remotePort);
    }

    @Test
    @DisplayName("serves 8 threads sharing one client, each getting its own verified answer")
    void eightThreadsShareOneClient() throws Exception {
        WechatPayClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Callable<Integer> calls = () -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        int n = thread * 1000 + i;
                        if (client.execute(create(n), CreateResponse.class).data().n == n) {
                            ok++;
                        }
                    }
                    return ok;
                };
                results.add(pool.submit(calls));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }
        // The server refuses a replayed nonce; 80 accepted calls also mean 80 distinct nonces.
        assertThat(server.requests()).hasSize(80)
                .extracting(r -> r.authorization.get("nonce_str")).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("keeps two merchants in one JVM apart: each signs with its own key and trusts only its own")
    void twoMerchantsDoNotInterfere() throws Exception {
        WechatPayClient a = client();
        WechatPayClient b = builderFor(server, LoopbackWechatPay.merchantB()).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                WechatPayClient client = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> client.execute(create(1), CreateResponse.class).data().packageValue));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS))
                        .isEqualTo("pkg-" + (i % 2 == 0 ? TestKeys.MERCHANT_ID : TestKeys.MERCHANT_B_ID));
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        server.requests().forEach(r -> seen.add(r.merchantId + "/" + r.authorization.get("serial_no")));
        assertThat(seen).containsExactlyInAnyOrder(TestKeys.MERCHANT_ID + "/" + TestKeys.MERCHANT_SERIAL,
                TestKeys.MERCHANT_B_ID + "/" + TestKeys.MERCHANT_B_SERIAL);
        assertThat(a.toString()).contains(TestKeys.MERCHANT_ID).doesNotContain(TestKeys.MERCHANT_B_ID);
    }

    @Test
    @DisplayName("completes executeAsync with the verified answer, or exceptionally with the same exception")
    void asyncPath() throws Exception {
        WechatPayClient client = client();
        assertThat(client.executeAsync(create(5), CreateResponse.class).get(30, TimeUnit.SECONDS).data().n)
                .isEqualTo(5);
        server.respond(r -> Answer.json(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"no\"}",
                Signing.UNSIGNED));
        assertThatThrownBy(() -> client.executeAsync(create(5), CreateResponse.class).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> client.executeAsync(create(5), CreateResponse.class).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ServiceException.class);
        Throwable seen = client.executeAsync(create(5), CreateResponse.class)
                .handle((response, failure) -> failure).get(30, TimeUnit.SECONDS);
        assertThat(seen).isInstanceOf(ServiceException.class);
    }

    @Test
    @DisplayName("runs user interceptors outside the signer, so their changes are signed and they see verified answers")
    void userInterceptors() {
        List<String> seen = new ArrayList<>();
        Interceptor tracing = chain -> {
            seen.add(chain.request().operationId() + " auth=" + chain.request().header("Authorization"));
            WireResponse response = chain.proceed(chain.request().withHeader("X-Trace-Id", "t-1")
                    .withBody("{\"n\":42}".getBytes(StandardCharsets.UTF_8)));
            seen.add("status " + response.statusCode());
            return response;
        };
        WechatPayClient client = builderFor(server, LoopbackWechatPay.merchantA()).addInterceptor(tracing).build();
        assertThat(client.execute(create(1), CreateResponse.class).data().n).isEqualTo(42);
        assertThat(seen).containsExactly("createPartnerUserSignPlan auth=null", "status 200");
        assertThat(server.requests().get(0).header("x-trace-id")).isEqualTo("t-1");

        server.respond(r -> Answer.json(200, "{\"n\":1}", Signing.TAMPERED));
        assertThatThrownBy(() -> client.execute(create(1), CreateResponse.class))
                .isInstanceOf(VerificationException.class);
        assertThat(seen).hasSize(3); // the tampered answer never reached the interceptor as data
    }

    @Test
    @DisplayName("verifies answers in platform-certificate mode and announces the certificate serial")
    void certificateMode() throws Exception {
        TestKeys.CertificateAndKey platform = TestKeys.platformCertificate();
        String serial = PemKeys.serialNumber(platform.certificate);
        Merchant merchant = new Merchant(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL, TestKeys.MERCHANT.getPublic(),
                platform.privateKey, serial);
        try (LoopbackWechatPay certificateServer = new LoopbackWechatPay(merchant)) {
            certificateServer.respond(LoopbackWechatPayEcho::answer);
            WechatPayClient client = WechatPayClient.builder().baseUri(certificateServer.baseUri())
                    .merchantId(TestKeys.MERCHANT_ID).merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                    .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                    .platformCertificate(platform.certificate).build();
            assertThat(client.execute(create(9), CreateResponse.class).data().n).isEqualTo(9);
            assertThat(certificateServer.requests().get(0).header("Wechatpay-Serial")).isEqualTo(serial);
        }
    }

    @Test
    @DisplayName("works end to end with an explicit signature provider (SunRsaSign)")
    void explicitProvider() {
        WechatPayClient client = builderFor(server, LoopbackWechatPay.merchantA())
                .signatureProvider(Security.getProvider("SunRsaSign")).build();
        assertThat(client.signatureProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(client.execute(create(3), CreateResponse.class).data().n).isEqualTo(3);
    }
}
