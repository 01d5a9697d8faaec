package dev.wxpay.testkit;

import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * Key pairs made once per test JVM and shared by the test classes: RSA-2048 generation is the slow part of starting
 * a simulator, and the tests are about behaviour, not about keys. Immutable after class initialisation.
 */
final class TestKeys {

    static final KeyPair PLATFORM;
    static final SimulatedMerchant MERCHANT;
    /** The small spec most simulator tests run against, parsed once (a SimulatorSpec is immutable). */
    static final SimulatorSpec THINGS = SimulatorSpec.fromClasspath("things.yaml", TestKeys.class.getClassLoader());

    static {
        SecureRandom random = new SecureRandom();
        PLATFORM = Crypto.generateRsaKeyPair(random);
        MERCHANT = SimulatedMerchant.generate("1230000109", random);
    }

    private TestKeys() {
    }

    /** A simulator builder with the shared keys. */
    static WechatPaySimulator.Builder simulator() {
        return WechatPaySimulator.builder().platformKey(PLATFORM, "PUB_KEY_ID_0100000000000000000000000042")
                .merchant(MERCHANT);
    }

    /** A simulator builder with the shared keys, serving the shared {@link #THINGS} spec. */
    static WechatPaySimulator.Builder thingsSimulator() {
        return simulator().spec(THINGS);
    }
}
