package dev.wxpay.testkit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A merchant the simulator knows: its {@code mchid}, the serial of its API certificate, the public key that checks
 * its request signatures, and the APIv3 key that encrypts its notifications. A generated merchant also carries the
 * private key, so a test client can sign with it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the mchid and serial only, never key material.
 */
public final class SimulatedMerchant {

    private final String mchid;
    private final String certificateSerialNo;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String apiV3Key;

    private SimulatedMerchant(String mchid, String certificateSerialNo, PublicKey publicKey, PrivateKey privateKey,
                              String apiV3Key) {
        this.mchid = requireText(mchid, "mchid");
        this.certificateSerialNo = requireText(certificateSerialNo, "certificateSerialNo");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = privateKey;
        this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key");
        if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw new IllegalArgumentException("apiV3Key must be 32 bytes in UTF-8 (WeChat Pay's APIv3 key length)");
        }
    }

    /** A merchant with a fresh RSA-2048 key pair, a random 40-hex-digit serial and a random APIv3 key. */
    public static SimulatedMerchant generate(String mchid, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        KeyPair pair = Crypto.generateRsaKeyPair(random);
        return new SimulatedMerchant(mchid, Crypto.hex(random, 40), pair.getPublic(), pair.getPrivate(),
                Crypto.alphanumeric(random, 32));
    }

    /** A merchant whose keys the caller holds; the simulator only needs the public half. */
    public static SimulatedMerchant of(String mchid, String certificateSerialNo, PublicKey publicKey, String apiV3Key) {
        return new SimulatedMerchant(mchid, certificateSerialNo, publicKey, null, apiV3Key);
    }

    /** Like {@link #of} but also keeping the private key, for tests that sign as this merchant. */
    public static SimulatedMerchant of(String mchid, String certificateSerialNo, KeyPair keyPair, String apiV3Key) {
        Objects.requireNonNull(keyPair, "keyPair");
        return new SimulatedMerchant(mchid, certificateSerialNo, keyPair.getPublic(), keyPair.getPrivate(), apiV3Key);
    }

    /** The merchant id that appears as {@code mchid} in the Authorization header. */
    public String mchid() {
        return mchid;
    }

    /** The merchant API certificate serial the Authorization header must name as {@code serial_no}. */
    public String certificateSerialNo() {
        return certificateSerialNo;
    }

    /** The public key request signatures are checked with. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The private key, present for generated merchants. */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** The private key as PKCS#8 PEM ({@code apiclient_key.pem}), present for generated merchants. */
    public Optional<String> privateKeyPem() {
        return privateKey().map(k -> Crypto.pem("PRIVATE KEY", k.getEncoded()));
    }

    /** The 32-character APIv3 key notifications to this merchant are encrypted with. */
    public String apiV3Key() {
        return apiV3Key;
    }

    @Override
    public String toString() {
        return "SimulatedMerchant[mchid=" + mchid + ", certificateSerialNo=" + certificateSerialNo + "]";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
