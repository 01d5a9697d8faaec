package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("RequestSigner")
class RequestSignerTest {
    private static final byte[] BODY = "{\"service_id\":\"500001\",\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
    private static final long TIMESTAMP = 1554208460L;

    private final RequestSigner signer = RequestSigner.create(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL,
            TestKeys.MERCHANT.getPrivate(), null);

    @Test
    @DisplayName("builds the message METHOD, canonical URL, timestamp, nonce and body, each line ending in a newline")
    void buildsTheDocumentedMessage() {
        byte[] message = RequestSigner.message("POST", "/v3/payscore/x?sub_mchid=1900", TIMESTAMP, NONCE, BODY);
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("POST\n/v3/payscore/x?sub_mchid=1900\n"
                + "1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + new String(BODY, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    @DisplayName("signs the empty string as the body of a body-less request")
    void signsEmptyBodyAsEmptyString() {
        assertThat(new String(RequestSigner.message("GET", "/v3/x", 1, "n", null), StandardCharsets.UTF_8))
                .isEqualTo("GET\n/v3/x\n1\nn\n\n");
        String signature = signer.signature("GET", "/v3/x", null, 1, "n");
        assertThat(jdkVerifies(TestKeys.MERCHANT, "GET\n/v3/x\n1\nn\n\n".getBytes(StandardCharsets.UTF_8), signature))
                .isTrue();
        assertThat(signer.signature("GET", "/v3/x", new byte[0], 1, "n")).isEqualTo(signature);
    }

    @Test
    @DisplayName("writes the Authorization header with the documented scheme and fields in order")
    void writesAuthorizationHeader() {
        String header = signer.authorization("POST", "/v3/x", BODY, TIMESTAMP, NONCE);
        String signature = signer.signature("POST", "/v3/x", BODY, TIMESTAMP, NONCE);
        assertThat(header).isEqualTo("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"" + NONCE
                + "\",signature=\"" + signature + "\",timestamp=\"1554208460\",serial_no=\"" + TestKeys.MERCHANT_SERIAL
                + "\"");
    }

    @Test
    @DisplayName("produces a signature the plain JDK verifies over the exact message bytes")
    void signatureVerifiesWithThePlainJdk() {
        String signature = signer.signature("POST", "/v3/x?a=%2F", BODY, TIMESTAMP, NONCE);
        byte[] message = RequestSigner.message("POST", "/v3/x?a=%2F", TIMESTAMP, NONCE, BODY);
        assertThat(jdkVerifies(TestKeys.MERCHANT, message, signature)).isTrue();
        message[message.length - 2] ^= 1; // one flipped bit in the body
        assertThat(jdkVerifies(TestKeys.MERCHANT, message, signature)).isFalse();
    }

    @Test
    @DisplayName("is a pure function: the same inputs give the same signature, any changed input another")
    void isDeterministic() {
        String a = signer.signature("POST", "/v3/x", BODY, TIMESTAMP, NONCE);
        assertThat(signer.signature("POST", "/v3/x", BODY, TIMESTAMP, NONCE)).isEqualTo(a);
        assertThat(signer.signature("POST", "/v3/x", BODY, TIMESTAMP + 1, NONCE)).isNotEqualTo(a);
        assertThat(signer.signature("POST", "/v3/y", BODY, TIMESTAMP, NONCE)).isNotEqualTo(a);
        assertThat(signer.signature("PUT", "/v3/x", BODY, TIMESTAMP, NONCE)).isNotEqualTo(a);
    }

    @Test
    @DisplayName("gives byte-for-byte the signature of openssl dgst -sha256 -sign, and openssl verifies it")
    void matchesOpenssl(@TempDir Path dir) throws Exception {
        assumeTrue(opensslAvailable(), "the openssl CLI is not installed: cross-check skipped");
        Path key = dir.resolve("apiclient_key.pem");
        Files.writeString(key, TestKeys.privatePem(TestKeys.MERCHANT.getPrivate()));
        Path publicKey = dir.resolve("pub.pem");
        Files.writeString(publicKey, TestKeys.pem("PUBLIC KEY", TestKeys.MERCHANT.getPublic().getEncoded()));
        Path message = dir.resolve("message.txt");
        Files.write(message, RequestSigner.message("POST", "/v3/x?sub_mchid=1900", TIMESTAMP, NONCE, BODY));

        Path opensslSignature = dir.resolve("openssl.sig");
        run("openssl", "dgst", "-sha256", "-sign", key.toString(), "-out", opensslSignature.toString(),
                message.toString());
        String ours = signer.signature("POST", "/v3/x?sub_mchid=1900", BODY, TIMESTAMP, NONCE);
        // RSASSA-PKCS1-v1_5 is deterministic, so two correct implementations agree exactly.
        assertThat(Base64.getEncoder().encodeToString(Files.readAllBytes(opensslSignature))).isEqualTo(ours);

        Path oursFile = dir.resolve("ours.sig");
        Files.write(oursFile, Base64.getDecoder().decode(ours));
        assertThat(run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature",
                oursFile.toString(), message.toString())).contains("Verified OK");
    }

    @Test
    @DisplayName("signs verifiably both with an explicit provider (SunRsaSign) and with the automatic choice")
    void explicitAndDefaultProvidersBothVerify() {
        Provider sun = Security.getProvider("SunRsaSign");
        RequestSigner explicit = RequestSigner.create(TestKeys.MERCHANT_ID, TestKeys.MERCHANT_SERIAL,
                TestKeys.MERCHANT.getPrivate(), sun);
        assertThat(explicit.provider()).isSameAs(sun);
        assertThat(signer.provider()).isNotNull();
        byte[] message = RequestSigner.message("POST", "/v3/x", TIMESTAMP, NONCE, BODY);
        for (RequestSigner s : List.of(explicit, signer)) {
            assertThat(jdkVerifies(TestKeys.MERCHANT, message, s.signature("POST", "/v3/x", BODY, TIMESTAMP, NONCE)))
                    .as("signature by provider %s", s.provider().getName()).isTrue();
        }
        ResponseVerifier verifier = ResponseVerifier.create(Map.of("K", TestKeys.MERCHANT.getPublic()), sun);
        assertThat(verifier.provider()).isSameAs(sun);
    }

    @Test
    @DisplayName("falls back to the JDK's provider when no native provider is present")
    void fallsBackToTheJdk() {
        assumeTrue(Security.getProvider(CryptoProviders.ACCP_NAME) == null, "a native provider is installed");
        boolean accpOnClassPath;
        try {
            Class.forName(CryptoProviders.ACCP_CLASS);
            accpOnClassPath = true;
        } catch (ClassNotFoundException e) {
            accpOnClassPath = false;
        }
        assumeTrue(!accpOnClassPath, "the native provider is on the class path");
        assertThat(signer.provider().getName()).isEqualTo(CryptoProviders.jdkDefault().getName());
    }

    @Test
    @DisplayName("signs correctly from 8 threads at once (each thread has its own Signature)")
    void signsConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Callable<Boolean> task = () -> {
                    for (int i = 0; i < 20; i++) {
                        byte[] body = ("{\"n\":" + thread * 100 + i + "}").getBytes(StandardCharsets.UTF_8);
                        String signature = signer.signature("POST", "/v3/x", body, TIMESTAMP, NONCE);
                        if (!jdkVerifies(TestKeys.MERCHANT,
                                RequestSigner.message("POST", "/v3/x", TIMESTAMP, NONCE, body), signature)) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("refuses a non-RSA key, and never shows key material in toString")
    void refusesNonRsaKeyAndHidesKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertThatThrownBy(() -> RequestSigner.create("1", "S", ec.generateKeyPair().getPrivate(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be RSA, got EC");
        String encoded = Base64.getEncoder().encodeToString(TestKeys.MERCHANT.getPrivate().getEncoded());
        assertThat(signer.toString()).contains("1900000109").doesNotContain(encoded.substring(40, 80));
    }

    static boolean jdkVerifies(KeyPair pair, byte[] message, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean opensslAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "openssl"))) {
                return true;
            }
        }
        return false;
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
