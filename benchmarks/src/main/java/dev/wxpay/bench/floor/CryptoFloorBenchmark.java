package dev.wxpay.bench.floor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.bench.e2e.minimum.MinimumCall;
import dev.wxpay.bench.fixture.BenchKeys;
import dev.wxpay.bench.fixture.NativeCrypto;
import dev.wxpay.bench.fixture.SeedFixture;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The crypto floor of one end-to-end call, measured in the same run as the calls: what no client can avoid, the RSA-2048
 * signature of the seed request and the verification of the seed answer, with raw JCA {@link Signature}s (one per
 * thread, initialised once) at the end-to-end benchmark's 4 threads. {@code run.sh} subtracts the CPU per call of
 * {@code sign} plus {@code verify} from each client's CPU per call and prints the rest as {@code OVERHEAD} lines.
 *
 * <p>Same work as the end-to-end calls: RSA-2048 keys generated the same way ({@link BenchKeys}), the request body the
 * clients send (the seed request as Jackson writes it, {@value SeedFixture#PATH}), the 1,604-byte answer the loopback
 * server signs. {@code jdk}: the JDK's SunRsaSign; {@code accp}: Amazon Corretto Crypto Provider. One state per
 * thread, so nothing is shared.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class CryptoFloorBenchmark {
    /** {@code jdk}: the JDK's providers; {@code accp}: Amazon Corretto Crypto Provider. */
    @Param({"jdk", "accp"})
    public String provider;

    private byte[] requestBody;
    private byte[] responseBody;
    private Signature signer;
    private Signature verifier;
    private String timestamp;
    private String nonce;
    private byte[] responseSignature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Provider jca = "accp".equals(provider) ? NativeCrypto.provider()
                : Signature.getInstance("SHA256withRSA").getProvider();
        BenchKeys keys = BenchKeys.generate();
        requestBody = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .writeValueAsBytes(MinimumCall.newRequest());
        responseBody = SeedFixture.RESPONSE_BYTES;
        timestamp = Long.toString(System.currentTimeMillis() / 1000);
        nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        signer = Signature.getInstance("SHA256withRSA", jca);
        signer.initSign(keys.merchantPrivateKey());
        Signature platform = Signature.getInstance("SHA256withRSA");
        platform.initSign(keys.platformPrivateKey());
        platform.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        platform.update(responseBody);
        platform.update((byte) '\n');
        responseSignature = platform.sign();
        verifier = Signature.getInstance("SHA256withRSA", jca);
        verifier.initVerify(keys.platformPublicKey());
    }

    /** Signs the seed request as every client must: {@code POST\nPATH\nTIMESTAMP\nNONCE\nBODY\n}, Base64. */
    @Benchmark
    @Threads(4)
    public String sign() throws GeneralSecurityException {
        signer.update(("POST\n" + SeedFixture.PATH + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8));
        signer.update(requestBody);
        signer.update((byte) '\n');
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /** Verifies the seed answer's signature as every client must ({@code TIMESTAMP\nNONCE\nBODY\n}). */
    @Benchmark
    @Threads(4)
    public boolean verify() throws GeneralSecurityException {
        verifier.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        verifier.update(responseBody);
        verifier.update((byte) '\n');
        if (!verifier.verify(responseSignature)) {
            throw new IllegalStateException("the floor's verifier rejected a valid signature");
        }
        return true;
    }
}
