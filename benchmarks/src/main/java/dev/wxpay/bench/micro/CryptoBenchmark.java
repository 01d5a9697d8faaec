package dev.wxpay.bench.micro;

import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.NativeCrypto;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.runtime.AesGcm;
import dev.wxpay.runtime.RequestSigner;
import dev.wxpay.runtime.ResponseVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Micro: the crypto of one call, the runtime's path against the raw JDK API doing the same work, with the JDK's
 * providers and with Amazon Corretto Crypto Provider. {@code *_runtime} go through {@link RequestSigner},
 * {@link ResponseVerifier} and {@link AesGcm}; {@code *_raw} use {@link Signature}/{@link Cipher} directly, with a
 * per-thread instance initialised once (the best the API allows). Average time per operation, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CryptoBenchmark {
    /** {@code jdk}: the JDK's providers; {@code accp}: Amazon Corretto Crypto Provider. */
    @Param({"jdk", "accp"})
    public String provider;

    private Provider jca;
    private byte[] body;
    private long timestamp;
    private String nonce;
    private RequestSigner signer;
    private Signature rawSigner;
    private ResponseVerifier verifier;
    private Signature rawVerifier;
    private String responseSignature;
    private byte[] responseSignatureBytes;
    private String responseTimestamp;
    private Instant now;
    private AesGcm aes;
    private SecretKeySpec aesKey;
    private String ciphertext;
    private byte[] aesNonce;
    private byte[] aad;
    private Cipher rawCipher;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        jca = "accp".equals(provider) ? NativeCrypto.provider() : Signature.getInstance("SHA256withRSA").getProvider();
        BenchKeys keys = BenchKeys.generate();
        body = SeedFixture.RESPONSE_BYTES; // ~1.5 KiB: the size of a typical signed body either way
        timestamp = 1795000000L;
        nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";

        signer = RequestSigner.create(SeedFixture.MERCHANT_ID, SeedFixture.MERCHANT_SERIAL,
                keys.merchantPrivateKey(), jca);
        rawSigner = Signature.getInstance("SHA256withRSA", jca);
        rawSigner.initSign(keys.merchantPrivateKey());

        now = Instant.now();
        responseTimestamp = Long.toString(now.getEpochSecond());
        Signature platform = Signature.getInstance("SHA256withRSA");
        platform.initSign(keys.platformPrivateKey());
        platform.update(ResponseVerifier.message(responseTimestamp, nonce, body));
        responseSignatureBytes = platform.sign();
        responseSignature = Base64.getEncoder().encodeToString(responseSignatureBytes);
        verifier = ResponseVerifier.create(Map.of(SeedFixture.PUBLIC_KEY_ID, keys.platformPublicKey()), jca);
        rawVerifier = Signature.getInstance("SHA256withRSA", jca);
        rawVerifier.initVerify(keys.platformPublicKey());

        aes = AesGcm.of(SeedFixture.API_V3_KEY);
        String associatedData = "sign_plan";
        String aesNonceText = "uluk4a9R25RW";
        ciphertext = aes.encrypt(associatedData, aesNonceText, SeedFixture.RESPONSE_JSON);
        aesKey = new SecretKeySpec(SeedFixture.API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES");
        aesNonce = aesNonceText.getBytes(StandardCharsets.UTF_8);
        aad = associatedData.getBytes(StandardCharsets.UTF_8);
        rawCipher = "accp".equals(provider) ? Cipher.getInstance("AES/GCM/NoPadding", jca)
                : Cipher.getInstance("AES/GCM/NoPadding");
    }

    @Benchmark
    public String sign_runtime() {
        return signer.authorization("POST", SeedFixture.PATH, body, timestamp, nonce);
    }

    @Benchmark
    public String sign_raw() throws GeneralSecurityException {
        rawSigner.update(("POST\n" + SeedFixture.PATH + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8));
        rawSigner.update(body);
        rawSigner.update((byte) '\n');
        return Base64.getEncoder().encodeToString(rawSigner.sign());
    }

    @Benchmark
    public Instant verify_runtime() {
        verifier.verify(SeedFixture.PUBLIC_KEY_ID, responseTimestamp, nonce, responseSignature, body, now,
                "response", null);
        return now;
    }

    @Benchmark
    public boolean verify_raw() throws GeneralSecurityException {
        rawVerifier.update((responseTimestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        rawVerifier.update(body);
        rawVerifier.update((byte) '\n');
        boolean valid = rawVerifier.verify(Base64.getDecoder().decode(responseSignature));
        if (!valid) {
            throw new IllegalStateException("the raw verifier rejected a valid signature");
        }
        return valid;
    }

    /** The runtime's AesGcm (it has no provider setting: the JDK's default AES/GCM either way). */
    @Benchmark
    public String decrypt_runtime() {
        return aes.decrypt("sign_plan", "uluk4a9R25RW", ciphertext);
    }

    @Benchmark
    public String decrypt_raw() throws GeneralSecurityException {
        rawCipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(128, aesNonce));
        rawCipher.updateAAD(aad);
        return new String(rawCipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }
}
