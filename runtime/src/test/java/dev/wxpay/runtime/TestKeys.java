package dev.wxpay.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Key material for tests, generated once per test JVM (RSA 2048 generation costs ~100 ms a key). */
final class TestKeys {
    private TestKeys() {
    }

    private static final KeyPair[] PAIRS = generateInParallel(4);
    static final KeyPair MERCHANT = PAIRS[0];
    static final KeyPair MERCHANT_B = PAIRS[1];
    static final KeyPair WECHATPAY = PAIRS[2];
    static final KeyPair WECHATPAY_B = PAIRS[3];
    /** A key neither WeChat Pay nor merchant A trusts for the role it is used in: merchant B's. */
    static final KeyPair STRANGER = MERCHANT_B;

    static final String MERCHANT_ID = "1900000109";
    static final String MERCHANT_B_ID = "1900000222";
    static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String MERCHANT_B_SERIAL = "3775B6A45ACD588826D15E583A95F5DD7C3B3B88";
    static final String WECHATPAY_KEY_ID = "PUB_KEY_ID_0119000001092025000000000000001";
    static final String WECHATPAY_B_KEY_ID = "PUB_KEY_ID_0119000002222025000000000000002";

    /**
     * RSA generation dominates test start-up on a busy machine: use two threads. The work runs in a separate class
     * because code of TestKeys itself cannot run on another thread while TestKeys is still being initialised.
     */
    private static KeyPair[] generateInParallel(int count) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<KeyPair>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(new RsaGeneration()));
            }
            KeyPair[] pairs = new KeyPair[count];
            for (int i = 0; i < count; i++) {
                pairs[i] = futures.get(i).get();
            }
            return pairs;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }

    /** Generates one RSA-2048 key pair. */
    private static final class RsaGeneration implements java.util.concurrent.Callable<KeyPair> {
        @Override
        public KeyPair call() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
    }

    static KeyPair generate() {
        try {
            return new RsaGeneration().call();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** A self-signed certificate and its key, made with the JDK's keytool (no test dependency needed). */
    static final class CertificateAndKey {
        final X509Certificate certificate;
        final PrivateKey privateKey;

        CertificateAndKey(X509Certificate certificate, PrivateKey privateKey) {
            this.certificate = certificate;
            this.privateKey = privateKey;
        }
    }

    private static CertificateAndKey platform;

    /**
     * One self-signed platform certificate (valid 30 days) per test JVM: keytool starts a JVM, which takes seconds
     * on a busy machine.
     */
    static synchronized CertificateAndKey platformCertificate() throws Exception {
        if (platform == null) {
            Path dir = Files.createTempDirectory("wxpay-runtime-test");
            platform = selfSignedCertificate(dir, "wechatpay-platform", 30);
            Files.deleteIfExists(dir.resolve("wechatpay-platform.p12"));
            Files.deleteIfExists(dir);
        }
        return platform;
    }

    static CertificateAndKey selfSignedCertificate(Path dir, String name, int validityDays) throws Exception {
        KeyStore keyStore = selfSignedKeyStore(dir, name, validityDays);
        return new CertificateAndKey((X509Certificate) keyStore.getCertificate(name),
                (PrivateKey) keyStore.getKey(name, "changeit".toCharArray()));
    }

    /**
     * A PKCS#12 key store (password {@code changeit}) holding one self-signed RSA key under {@code name}.
     *
     * @param extra more keytool options, for example {@code "-ext", "san=ip:127.0.0.1"} for a TLS server
     */
    static KeyStore selfSignedKeyStore(Path dir, String name, int validityDays, String... extra) throws Exception {
        Path store = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(keytool,
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-genkeypair", "-alias", name, "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=" + name + ",O=Tenpay.com,C=CN", "-validity",
                String.valueOf(validityDays), "-keystore", store.toString(), "-storepass", "changeit", "-storetype",
                "PKCS12"));
        command.addAll(java.util.List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        return keyStore;
    }
}
