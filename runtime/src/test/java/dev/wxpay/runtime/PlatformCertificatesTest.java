package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wxpay.runtime.LoopbackWechatPay.Answer;
import dev.wxpay.runtime.LoopbackWechatPay.Recorded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PlatformCertificates: downloaded, checked and refreshed against a loopback WeChat Pay")
class PlatformCertificatesTest {
    static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    static TestKeys.CertificateAndKey certA;
    static TestKeys.CertificateAndKey certB;
    static TestKeys.CertificateAndKey expired;

    private LoopbackWechatPay server;
    private final MovableClock clock = new MovableClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<WechatPayClient> clients = new ArrayList<>();
    private volatile Function<Recorded, Answer> certificates;
    private volatile Function<Recorded, Answer> business;
    private CapturedLog log;

    /** The system clock, moved forward on demand (the on-demand refresh limit is measured on the client's clock). */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        if (expired != null) { // assigned last
            // Once per test JVM: mutation testing runs each test method on its own, and two keytool JVMs per
            // method would cost seconds each time.
            return;
        }
        Path dir = Files.createTempDirectory("wxpay-certificates-test");
        CompletableFuture<TestKeys.CertificateAndKey> b = CompletableFuture.supplyAsync(() -> make(dir, "b", 30));
        CompletableFuture<TestKeys.CertificateAndKey> old = CompletableFuture.supplyAsync(
                () -> make(dir, "old", 30, "-startdate", "-60d"));
        certA = TestKeys.platformCertificate();
        certB = b.get(120, TimeUnit.SECONDS);
        expired = old.get(120, TimeUnit.SECONDS);
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static TestKeys.CertificateAndKey make(Path dir, String name, int days, String... extra) {
        try {
            KeyStore store = TestKeys.selfSignedKeyStore(dir, name, days, extra);
            return new TestKeys.CertificateAndKey((X509Certificate) store.getCertificate(name),
                    (PrivateKey) store.getKey(name, "changeit".toCharArray()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String serial(TestKeys.CertificateAndKey c) {
        return PemKeys.serialNumber(c.certificate);
    }

    /** A /v3/certificates body listing {@code certificates}, each encrypted with the APIv3 key. */
    static String download(String apiV3Key, X509Certificate... certificates) throws Exception {
        StringBuilder body = new StringBuilder("{\"data\":[");
        int i = 0;
        for (X509Certificate certificate : certificates) {
            String nonce = String.format("n0nce%07d", i);
            String pem = TestKeys.pem("CERTIFICATE", certificate.getEncoded());
            body.append(i++ == 0 ? "" : ",").append("{\"serial_no\":\"").append(PemKeys.serialNumber(certificate))
                    .append("\",\"effective_time\":\"2026-01-01T00:00:00+08:00\",\"expire_time\":")
                    .append("\"2031-01-01T00:00:00+08:00\",\"encrypt_certificate\":{\"algorithm\":")
                    .append("\"AEAD_AES_256_GCM\",\"nonce\":\"").append(nonce)
                    .append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
                    .append(AesGcm.of(apiV3Key).encrypt("certificate", nonce, pem)).append("\"}}");
        }
        return body.append("]}").toString();
    }

    static Answer signedList(TestKeys.CertificateAndKey signer, X509Certificate... certificates) {
        try {
            return Answer.signedBy(200, download(API_V3_KEY, certificates), signer.privateKey, serial(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        log = new CapturedLog(PlatformCertificates.class);
        server = new LoopbackWechatPay(LoopbackWechatPay.merchantA());
        certificates = r -> signedList(certA, certA.certificate);
        business = r -> Answer.signedBy(200, "{\"ok\":true}", certA.privateKey, serial(certA));
        server.respond(r -> r.pathAndQuery.equals("/v3/certificates") ? certificates.apply(r) : business.apply(r));
    }

    @AfterEach
    void stop() {
        clients.forEach(WechatPayClient::close);
        server.close();
        log.close();
    }

    private WechatPayClient.Builder builder() {
        return WechatPayClient.builder().baseUri(server.baseUri()).clock(clock)
                .merchantId(TestKeys.MERCHANT_ID).merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .autoPlatformCertificates(API_V3_KEY)
                .platformCertificatesListener(new PlatformCertificates.Listener() {
                    @Override
                    public void refreshed(Set<String> serials) {
                        events.add("refreshed " + serials);
                    }

                    @Override
                    public void refreshFailed(WechatPayException failure) {
                        events.add("failed " + failure.getMessage());
                    }
                });
    }

    private WechatPayClient client(WechatPayClient.Builder builder) {
        WechatPayClient client = builder.build();
        clients.add(client);
        return client;
    }

    private static String call(WechatPayClient client) {
        return client.execute(ApiRequest.builder("GET", "/v3/ping").build(), String.class).data();
    }

    private long downloads() {
        return server.requests().stream().filter(r -> r.pathAndQuery.equals("/v3/certificates")).count();
    }

    @Test
    @DisplayName("downloads the set in build(), verifies answers with it and announces the certificate serial")
    void firstDownload() {
        WechatPayClient client = client(builder());
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
        assertThat(client.platformCertificates().get().certificates()).containsExactly(certA.certificate);
        assertThat(client.platformCertificates().get().toString())
                .isEqualTo("PlatformCertificates{serials=[" + serial(certA) + "], refreshEvery=PT12H}");
        assertThat(call(client)).isEqualTo("{\"ok\":true}");
        assertThat(server.requests().get(1).header("Wechatpay-Serial")).isEqualTo(serial(certA));
        assertThat(client.encryptionKeyId()).isEqualTo(serial(certA));
        assertThat(events).containsExactly("refreshed [" + serial(certA) + "]");
        assertThat(log.lines()).containsExactly("FINE platform certificates adopted: [" + serial(certA) + "]");
    }

    /** A request body with one sensitive field, shaped like a generated model. */
    static final class Secret {
        @com.fasterxml.jackson.annotation.JsonProperty("name")
        @SensitiveField
        public final String name;

        Secret(String name) {
            this.name = name;
        }
    }

    private static void sendSecret(WechatPayClient client, String name) {
        client.execute(ApiRequest.builder("POST", "/v3/secret").body(new Secret(name)).build(), String.class);
    }

    private String secretSent(int index, TestKeys.CertificateAndKey holder) throws Exception {
        Recorded sent = server.requests().stream().filter(r -> r.pathAndQuery.equals("/v3/secret"))
                .skip(index).findFirst().orElseThrow();
        String ciphertext = WechatPayJson.newObjectMapper().readTree(sent.body).get("name").asText();
        return SensitiveFieldsTest.decrypt(ciphertext, holder.privateKey) + " @" + sent.header("Wechatpay-Serial");
    }

    @Test
    @DisplayName("after a rotation, sensitive request fields are encrypted to the key Wechatpay-Serial then names")
    void sensitiveFieldsFollowTheAnnouncedKey() throws Exception {
        WechatPayClient client = client(builder());
        sendSecret(client, "before");
        assertThat(secretSent(0, certA)).isEqualTo("before @" + serial(certA));

        certificates = r -> signedList(certA, certA.certificate, certB.certificate);
        business = r -> Answer.signedBy(200, "{\"ok\":\"b\"}", certB.privateKey, serial(certB));
        clock.offset = Duration.ofMinutes(2); // past the on-demand limit since build()
        sendSecret(client, "during"); // its answer, signed with B, makes the client adopt B
        sendSecret(client, "after");

        TestKeys.CertificateAndKey announced = client.encryptionKeyId().equals(serial(certB)) ? certB : certA;
        assertThat(secretSent(2, announced)).isEqualTo("after @" + serial(announced));
    }

    @Test
    @DisplayName("rotation with overlap: no answer is rejected across the switch, old and new both verify")
    void rotationWithOverlap() {
        WechatPayClient client = client(builder());
        assertThat(call(client)).contains("ok");

        // WeChat Pay publishes B beside A, then starts signing with B.
        certificates = r -> signedList(certA, certA.certificate, certB.certificate);
        business = r -> Answer.signedBy(200, "{\"ok\":\"b\"}", certB.privateKey, serial(certB));
        clock.offset = Duration.ofMinutes(2); // past the on-demand limit since build()
        assertThat(call(client)).contains("\"b\"");
        assertThat(client.platformCertificates().get().serials())
                .containsExactlyInAnyOrder(serial(certA), serial(certB));
        assertThat(client.encryptionKeyId()).isEqualTo(
                certB.certificate.getNotAfter().after(certA.certificate.getNotAfter()) ? serial(certB) : serial(certA));

        business = r -> Answer.signedBy(200, "{\"ok\":\"a\"}", certA.privateKey, serial(certA));
        assertThat(call(client)).contains("\"a\""); // the old certificate still verifies during the overlap
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    @DisplayName("asks for an unknown serial at most once a minute, and then fails that answer as unknown")
    void onDemandRefreshIsRateLimited() {
        WechatPayClient client = client(builder());
        business = r -> Answer.signedBy(200, "{}", certB.privateKey, serial(certB)); // B never published
        clock.offset = Duration.ofMinutes(2);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> call(client)).isInstanceOf(VerificationException.class)
                    .hasMessageContaining("unknown Wechatpay-Serial '" + serial(certB) + "'");
        }
        assertThat(downloads()).isEqualTo(2); // build() and one on-demand refresh, not one per answer
        assertThat(log.lines()).filteredOn(line -> line.startsWith("INFO")).containsExactly("INFO WeChat Pay"
                + " signed with unknown serial " + serial(certB) + ": refreshing platform certificates");
    }

    @Test
    @DisplayName("refuses a download with a wrong AEAD tag: build() fails, a later refresh keeps the old set")
    void wrongAeadTag() throws Exception {
        Answer bad = Answer.signedBy(200, flipLastTagByte(download(API_V3_KEY, certA.certificate)), certA.privateKey,
                serial(certA));
        certificates = r -> bad;
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first download of platform certificates failed")
                .hasMessageContaining("AES-GCM authentication failed");

        certificates = r -> signedList(certA, certA.certificate);
        WechatPayClient client = client(builder());
        certificates = r -> bad;
        assertThatThrownBy(() -> client.platformCertificates().get().refresh())
                .isInstanceOf(DecryptionException.class);
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
        // An operator sees each failure and what is kept; the APIv3 key never appears.
        assertThat(log.lines()).filteredOn(line -> line.startsWith("WARNING")).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("WARNING platform certificate refresh"
                        + " failed; keeping []: ").contains("AES-GCM authentication failed"))
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("WARNING platform certificate refresh"
                        + " failed; keeping [" + serial(certA) + "]: ").contains("AES-GCM authentication failed"))
                .noneMatch(line -> line.contains(API_V3_KEY));
        assertThat(call(client)).contains("ok");
    }

    @Test
    @DisplayName("refuses a certificate encrypted under another algorithm, naming it; one without the field is decrypted")
    void certificateAlgorithm() {
        String sm4 = listOrFail(certA.certificate).replace("AEAD_AES_256_GCM", "AEAD_SM4_GCM");
        certificates = r -> Answer.signedBy(200, sm4, certA.privateKey, serial(certA));
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("certificate " + serial(certA)
                        + " uses algorithm AEAD_SM4_GCM; expected AEAD_AES_256_GCM");

        String unnamed = listOrFail(certA.certificate).replace("\"algorithm\":\"AEAD_AES_256_GCM\",", "");
        assertThat(unnamed).doesNotContain("algorithm");
        certificates = r -> Answer.signedBy(200, unnamed, certA.privateKey, serial(certA));
        assertThat(client(builder()).platformCertificates().get().serials()).containsExactly(serial(certA));
    }

    /** Flips one bit in the last byte of the first ciphertext, which is the last byte of its GCM tag. */
    static String flipLastTagByte(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ciphertext\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).isTrue();
        byte[] data = Base64.getDecoder().decode(m.group(1));
        data[data.length - 1] ^= 1;
        return body.substring(0, m.start(1)) + base64(data) + body.substring(m.end(1));
    }

    @Test
    @DisplayName("refuses a download signed by a stranger, even under a listed serial")
    void strangerSigned() {
        certificates = r -> Answer.signedBy(200, listOrFail(certA.certificate), TestKeys.STRANGER.getPrivate(),
                serial(certA));
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signature does not match");
        certificates = r -> Answer.signedBy(200, listOrFail(certA.certificate), TestKeys.STRANGER.getPrivate(),
                "PUB_KEY_ID_STRANGER");
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown Wechatpay-Serial 'PUB_KEY_ID_STRANGER'");
    }

    @Test
    @DisplayName("never adopts an expired certificate: alone it fails, beside a valid one it is left out")
    void expiredCertificate() {
        certificates = r -> signedList(expired, expired.certificate);
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listed no certificate valid").hasMessageContaining(serial(expired));

        certificates = r -> signedList(certA, expired.certificate, certA.certificate);
        WechatPayClient client = client(builder());
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
    }

    @Test
    @DisplayName("a failed scheduled refresh keeps the still-valid set, tells the listener and never reaches a call")
    void scheduledRefreshFailure() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        WechatPayClient client = client(builder().platformCertificatesRefreshInterval(Duration.ofMillis(200))
                .platformCertificatesListener(new PlatformCertificates.Listener() {
                    @Override
                    public void refreshFailed(WechatPayException failure) {
                        events.add("failed " + failure.getMessage());
                        failed.countDown();
                    }
                }));
        certificates = r -> Answer.json(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}");
        assertThat(failed.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(events.get(0)).contains("HTTP 500").contains("SYSTEM_ERROR");
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
        assertThat(call(client)).contains("ok");
    }

    @Test
    @DisplayName("a scheduled refresh adds the new certificate and keeps the old one while it is valid")
    void scheduledRefreshAdopts() throws Exception {
        CountDownLatch adopted = new CountDownLatch(1);
        WechatPayClient client = client(builder().platformCertificatesRefreshInterval(Duration.ofMillis(200))
                .platformCertificatesListener(new PlatformCertificates.Listener() {
                    @Override
                    public void refreshed(Set<String> serials) {
                        if (serials.contains(serial(certB))) {
                            adopted.countDown();
                        }
                    }
                }));
        certificates = r -> signedList(certB, certB.certificate); // WeChat Pay lists only the new one
        assertThat(adopted.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(client.platformCertificates().get().serials())
                .containsExactlyInAnyOrder(serial(certA), serial(certB));
        assertThat(call(client)).contains("ok"); // still signed with A
    }

    @Test
    @DisplayName("tells a public-key-only merchant to configure wechatPayPublicKey, after one attempt")
    void publicKeyOnlyMerchant() {
        certificates = r -> Answer.json(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书\"}");
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was refused").hasMessageContaining("RESOURCE_NOT_EXISTS")
                .hasMessageContaining("configure wechatPayPublicKey(id, key) instead of autoPlatformCertificates");
        assertThat(downloads()).isEqualTo(1);
        assertThat(refreshThreads()).isEmpty();
    }

    @Test
    @DisplayName("works beside a configured public key, and no refresh thread outlives close()")
    void besideAPublicKeyAndClose() {
        WechatPayClient client = client(builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()));
        assertThat(client.encryptionKeyId()).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
        business = r -> Answer.json(200, "{\"by\":\"public key\"}");
        assertThat(call(client)).contains("public key");
        assertThat(refreshThreads()).isNotEmpty();
        clients.forEach(WechatPayClient::close);
        assertThat(refreshThreads()).isEmpty();
    }

    @Test
    @DisplayName("an answer signed with a configured public key, which is trusted, never asks for a download")
    void trustedKeyAnswersDoNotRefresh() {
        WechatPayClient client = client(builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()));
        business = r -> Answer.json(200, "{\"by\":\"public key\"}");
        clock.offset = Duration.ofMinutes(2); // past the on-demand limit: only the trust decides
        assertThat(call(client)).contains("public key");
        assertThat(downloads()).isEqualTo(1); // the one in build()
    }

    @Test
    @DisplayName("a notification parser sharing the set verifies notifications signed with a rotated certificate")
    void sharedWithNotificationParser() throws Exception {
        WechatPayClient client = client(builder());
        NotificationParser parser = NotificationParser.builder().apiV3Key(API_V3_KEY).clock(clock)
                .platformCertificates(client.platformCertificates().get()).build();
        certificates = r -> signedList(certA, certA.certificate, certB.certificate);
        clock.offset = Duration.ofMinutes(2);
        String body = NotificationParserTest.envelope("{\"sign_plan_id\":\"1\"}", "payscore");
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Wechatpay-Timestamp", String.valueOf(now));
        headers.put("Wechatpay-Nonce", "n");
        headers.put("Wechatpay-Serial", serial(certB));
        headers.put("Wechatpay-Signature", ResponseVerifierTest.sign(certB.privateKey, String.valueOf(now), "n",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(parser.parse(headers, body, String.class).resource()).contains("sign_plan_id");
        assertThat(client.platformCertificates().get().serials()).contains(serial(certB));
    }

    @Test
    @DisplayName("names a bad APIv3 key, refresh interval, listener and shared set in the build message")
    void builderProblems() {
        assertThatThrownBy(() -> builder().autoPlatformCertificates("short")
                .platformCertificatesRefreshInterval(Duration.ZERO).platformCertificatesListener(null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("autoPlatformCertificates: apiV3Key must be exactly 32 bytes, got 5")
                .hasMessageContaining("platformCertificatesRefreshInterval must be positive")
                .hasMessageContaining("platformCertificatesListener: the listener is null")
                .hasMessageNotContaining("a trusted WeChat Pay key is required");
        assertThatThrownBy(() -> NotificationParser.builder().apiV3Key(API_V3_KEY).platformCertificates(null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("platformCertificates: the certificates are null");
        assertThat(downloads()).isZero();
    }

    @Test
    @DisplayName("requestSerial may name a downloaded certificate; one naming no trusted key fails build() after the download, listing the trusted ids")
    void requestSerialAgainstDownloadedSet() {
        WechatPayClient client = client(builder().requestSerial(serial(certA)));
        assertThat(client.encryptionKeyId()).isEqualTo(serial(certA));
        assertThatThrownBy(() -> client(builder().requestSerial("ABCDEF01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requestSerial(ABCDEF01) names no trusted key; trusted: [" + serial(certA) + "]");
    }

    @Test
    @DisplayName("a build() that fails after the first download (refused set, unknown requestSerial) leaves no thread of the half-built client running")
    void failedBuildLeavesNoThread() throws Exception {
        Set<Thread> before = wxpayThreads();
        Answer bad = Answer.signedBy(200, flipLastTagByte(download(API_V3_KEY, certA.certificate)), certA.privateKey,
                serial(certA));
        certificates = r -> bad;
        assertThatThrownBy(() -> client(builder())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first download of platform certificates failed");
        assertNoNewThread(before);

        certificates = r -> signedList(certA, certA.certificate);
        assertThatThrownBy(() -> client(builder().requestSerial("ABCDEF01")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names no trusted key");
        assertNoNewThread(before);
    }

    private static Set<Thread> wxpayThreads() {
        Set<Thread> threads = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("wxpay-") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /** The download ran on a deadline timer thread; the failed build() closed it, so it ends promptly, not idle. */
    private static void assertNoNewThread(Set<Thread> before) throws InterruptedException {
        Set<Thread> left = wxpayThreads();
        left.removeAll(before);
        for (Thread thread : left) {
            thread.join(TimeUnit.SECONDS.toMillis(10)); // idle threads of an unclosed client live 60 s
        }
        left.removeIf(thread -> !thread.isAlive());
        assertThat(left).as("threads of the client whose build() failed").isEmpty();
    }

    @Test
    @DisplayName("a listener that throws does not stop the set from being adopted")
    void throwingListener() {
        WechatPayClient client = client(builder().platformCertificatesListener(new PlatformCertificates.Listener() {
            @Override
            public void refreshed(Set<String> serials) {
                throw new IllegalStateException("listener bug");
            }
        }));
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
        assertThat(call(client)).contains("ok");
        assertThat(log.lines()).contains("WARNING platform certificate listener failed"
                + " [java.lang.IllegalStateException: listener bug]");
    }

    @Test
    @DisplayName("a listener that throws on a failure is logged, and the refresh still fails with its own cause")
    void throwingFailureListener() {
        WechatPayClient client = client(builder().platformCertificatesListener(new PlatformCertificates.Listener() {
            @Override
            public void refreshFailed(WechatPayException failure) {
                throw new IllegalStateException("failure listener bug");
            }
        }));
        certificates = r -> Answer.json(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}");
        assertThatThrownBy(() -> client.platformCertificates().get().refresh())
                .isInstanceOf(WechatPayException.class).hasMessageContaining("SYSTEM_ERROR");
        assertThat(log.lines()).contains("WARNING platform certificate listener failed"
                + " [java.lang.IllegalStateException: failure listener bug]");
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
    }

    @Test
    @DisplayName("a download that fails outside the WeChat Pay exceptions is wrapped, reported and keeps the set")
    void unexpectedDownloadFailure() {
        IllegalStateException cause = new IllegalStateException("connection pool shut down");
        List<WechatPayException> reported = new CopyOnWriteArrayList<>();
        PlatformCertificates certificates = new PlatformCertificates(() -> {
            throw cause;
        }, AesGcm.of(API_V3_KEY), clock, Map.of(), CryptoProviders.resolve(null), WechatPayJson.newObjectMapper(),
                new PlatformCertificates.Listener() {
                    @Override
                    public void refreshFailed(WechatPayException failure) {
                        reported.add(failure);
                    }
                }, PlatformCertificates.DEFAULT_REFRESH_INTERVAL, TestKeys.MERCHANT_ID);

        assertThatThrownBy(certificates::refresh).isInstanceOf(WechatPayException.class).hasCause(cause)
                .hasMessage("platform certificate refresh failed: " + cause)
                .satisfies(thrown -> assertThat(reported).containsExactly((WechatPayException) thrown));
        assertThat(certificates.serials()).isEmpty();
        assertThat(log.lines()).containsExactly("WARNING platform certificate refresh failed; keeping []:"
                + " platform certificate refresh failed: " + cause);
    }

    @Test
    @DisplayName("adopts a download signed with the configured WeChat Pay public key, which it does not list")
    void downloadSignedWithConfiguredKey() {
        certificates = r -> Answer.json(200, listOrFail(certA.certificate)); // signed with WECHATPAY_KEY_ID
        WechatPayClient client = client(builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()));
        assertThat(client.platformCertificates().get().serials()).containsExactly(serial(certA));
    }

    @Test
    @DisplayName("adopts a download that lists only a new certificate when an adopted one signed it")
    void downloadSignedWithAdoptedCertificate() {
        WechatPayClient client = client(builder());
        certificates = r -> signedList(certA, certB.certificate);
        client.platformCertificates().get().refresh();
        assertThat(client.platformCertificates().get().serials())
                .containsExactlyInAnyOrder(serial(certA), serial(certB));
    }

    @Test
    @DisplayName("close() on an interrupted thread returns at once, keeps the interrupt, and the refresh thread still ends")
    void closeWhileInterrupted() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WechatPayClient client = client(builder().platformCertificatesRefreshInterval(Duration.ofMillis(100))
                .platformCertificatesListener(new PlatformCertificates.Listener() {
                    @Override
                    public void refreshed(Set<String> serials) {
                        if (!Thread.currentThread().getName().endsWith("-certificates")) {
                            return; // the first download, in build()
                        }
                        inListener.countDown();
                        // Holds the scheduled refresh in flight, deaf to the interrupt close() sends.
                        while (true) {
                            try {
                                release.await();
                                return;
                            } catch (InterruptedException e) {
                                // keep waiting: this refresh must still be running when close() waits for it
                            }
                        }
                    }
                }));
        assertThat(inListener.await(60, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt();
        client.platformCertificates().get().close();
        assertThat(Thread.interrupted()).as("interrupt status kept by close()").isTrue();

        release.countDown();
        client.platformCertificates().get().close(); // now it can wait for the thread to end
        assertThat(refreshThreads()).isEmpty();
    }

    private static String listOrFail(X509Certificate... certificates) {
        try {
            return download(API_V3_KEY, certificates);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> refreshThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("wxpay-" + TestKeys.MERCHANT_ID + "-certificates") && thread.isAlive()) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
