package dev.wxpay.spring;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Test fixture of the several-merchant tests: a simulator that knows {@link #ALPHA} and {@link #BETA}, their key
 * files and the platform public key in one folder, and the properties that configure the starter for either. One
 * per test class, started in {@code @BeforeAll} and closed in {@code @AfterAll}; not thread-safe.
 */
final class TwoMerchants implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final SimulatedMerchant ALPHA = SimulatedMerchant.generate("1900000101", RANDOM);
    static final SimulatedMerchant BETA = SimulatedMerchant.generate("1900000102", RANDOM);

    final WechatPaySimulator sim;
    private final Path dir;

    /** Starts the simulator and writes {@code alpha_key.pem}, {@code beta_key.pem} and {@code pub_key.pem} to dir. */
    TwoMerchants(Path dir) {
        this.dir = dir;
        this.sim = WechatPaySimulator.builder().merchant(ALPHA).merchant(BETA).start();
        TestPem.write(dir, "alpha_key.pem", ALPHA.privateKeyPem().orElseThrow());
        TestPem.write(dir, "beta_key.pem", BETA.privateKeyPem().orElseThrow());
        TestPem.write(dir, "pub_key.pem", sim.platformPublicKeyPem());
    }

    /** A file of the fixture's folder. */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** The single-merchant {@code wxpay.*} properties for m, signing with the key in keyFile. */
    String[] single(SimulatedMerchant m, String keyFile) {
        return new String[] {
            "wxpay.merchant-id=" + m.mchid(),
            "wxpay.merchant-serial-number=" + m.certificateSerialNo(),
            "wxpay.private-key=file:" + dir.resolve(keyFile),
            "wxpay.public-key-id=" + sim.publicKeyId(),
            "wxpay.public-key=file:" + dir.resolve("pub_key.pem"),
            "wxpay.base-uri=" + sim.baseUri(),
        };
    }

    /** The {@code wxpay.merchants.<name>.*} properties for m, signing with {@code <name>_key.pem}. */
    String[] merchant(String name, SimulatedMerchant m, boolean primary) {
        String prefix = "wxpay.merchants." + name + ".";
        return new String[] {
            prefix + "merchant-id=" + m.mchid(),
            prefix + "merchant-serial-number=" + m.certificateSerialNo(),
            prefix + "private-key=file:" + dir.resolve(name + "_key.pem"),
            prefix + "public-key-id=" + sim.publicKeyId(),
            prefix + "public-key=file:" + dir.resolve("pub_key.pem"),
            prefix + "api-v3-key=" + m.apiV3Key(),
            prefix + "base-uri=" + sim.baseUri(),
            prefix + "primary=" + primary,
        };
    }

    /** Creates a PayScore plan through api and returns what the simulator received. */
    RecordedRequest createPlan(PayscorePlansApi api) {
        api.createPayscorePlan(new CreatePayscorePlanRequest()
                .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787").planName("瑜伽课1节")
                .planDuration(30).deductionQuantity(1).totalOriginalPrice(10000L).totalActualPrice(9000L)
                .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                        .planDetailName("第1节课")))
                .merchantPlanNo("P" + System.nanoTime()));
        return sim.lastRequest().orElseThrow();
    }

    @Override
    public void close() {
        sim.close();
    }
}
