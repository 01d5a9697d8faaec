package dev.wxpay.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone simulator: {@code java -jar wxpay-testkit-<version>-standalone.jar [--port 8080] [--spec api.yaml]
 * [--mchid 1230000109] [--keys-dir dir]}. {@code --spec} may be given several times (one simulator serving several
 * products); {@code payscore} and {@code payments} name the bundled specs. Prints what a client needs (base URI, mchid, certificate serial, APIv3 key,
 * WeChat Pay public-key id, and where the PEM files are), then serves until stopped.
 *
 * <p>With {@code --keys-dir} the keys are kept in that folder and reused on the next start, so a configured client
 * keeps working across restarts; without it, fresh keys are written to a new temporary folder. The keys are test
 * keys made by the simulator, printed on purpose; never use them anywhere else.
 *
 * <p>A command-line entry point with no instances; {@link #main} blocks until the JVM is asked to stop.
 */
public final class SimulatorMain {

    static final String USAGE = "usage: java -jar wxpay-testkit-standalone.jar [--port N] [--spec FILE|payscore|payments]..."
            + " [--mchid ID] [--keys-dir DIR]";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Swagger Parser logs through SLF4J; a standalone tool has no binding, so silence SLF4J's own warning.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        WechatPaySimulator simulator;
        try {
            simulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "wxpay-testkit-shutdown"));
        stopped.await();
    }

    /** Parses {@code args}, starts the simulator and prints its particulars to {@code out}. */
    static WechatPaySimulator start(String[] args, PrintStream out) {
        int port = 8080;
        List<SimulatorSpec> specs = new ArrayList<>();
        String mchid = WechatPaySimulator.Builder.DEFAULT_MCHID;
        Path keysDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--help".equals(a) || "-h".equals(a)) {
                throw new IllegalArgumentException("WeChat Pay APIv3 simulator on 127.0.0.1");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--port":
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got " + v);
                    }
                    break;
                case "--spec": specs.add(spec(v)); break;
                case "--mchid": mchid = v; break;
                case "--keys-dir": keysDir = Path.of(v); break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        SecureRandom random = new SecureRandom();
        Keys keys;
        try {
            if (keysDir == null) {
                keysDir = Files.createTempDirectory("wxpay-testkit-keys");
            }
            keys = Keys.loadOrCreate(keysDir, mchid, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write keys in " + keysDir, e);
        }
        WechatPaySimulator.Builder b = WechatPaySimulator.builder().port(port).random(random)
                .platformKey(keys.platform, keys.publicKeyId).merchant(keys.merchant);
        if (!specs.isEmpty()) {
            b.spec(SimulatorSpec.combine(specs.toArray(new SimulatorSpec[0])));
        }
        WechatPaySimulator simulator = b.start();
        printParticulars(simulator, keysDir, out);
        return simulator;
    }

    /** What a client needs to talk to the simulator, one line each, then the WeChat Pay key as PEM. */
    private static void printParticulars(WechatPaySimulator simulator, Path keysDir, PrintStream out) {
        SimulatedMerchant m = simulator.merchant();
        out.println("wxpay-testkit: WeChat Pay APIv3 simulator");
        out.println("  base URI             " + simulator.baseUri());
        out.println("  spec                 " + simulator.spec().name() + " (" + simulator.spec().operationIds().size()
                + " operations)");
        out.println("  mchid                " + m.mchid());
        out.println("  merchant serial_no   " + m.certificateSerialNo());
        out.println("  merchant private key " + keysDir.resolve(Keys.MERCHANT_KEY));
        out.println("  APIv3 key            " + m.apiV3Key());
        out.println("  WeChat Pay key id    " + simulator.publicKeyId());
        out.println("  WeChat Pay key       " + keysDir.resolve(Keys.PLATFORM_PUBLIC));
        out.println("  control endpoints    (no Authorization; see the testkit README)");
        for (String endpoint : simulator.controlEndpoints()) {
            out.println("    " + endpoint);
        }
        out.println(simulator.platformPublicKeyPem().trim());
        out.println("Serving until stopped (Ctrl+C).");
        out.flush();
    }

    /** {@code payscore} and {@code payments} name the specs bundled in {@code wxpay-spec}; anything else is a file. */
    private static SimulatorSpec spec(String value) {
        switch (value) {
            case "payscore": return SimulatorSpec.payscore();
            case "payments": return SimulatorSpec.payments();
            default: return SimulatorSpec.fromFile(Path.of(value));
        }
    }

    /** The keys of a standalone run, kept in a folder: PEM files plus a properties file with the ids. */
    static final class Keys {
        static final String MERCHANT_KEY = "apiclient_key.pem";
        static final String PLATFORM_PUBLIC = "pub_key.pem";
        static final String PLATFORM_PRIVATE = "wechatpay_private_key.pem";
        static final String IDS = "simulator.properties";

        final KeyPair platform;
        final String publicKeyId;
        final SimulatedMerchant merchant;

        private Keys(KeyPair platform, String publicKeyId, SimulatedMerchant merchant) {
            this.platform = platform;
            this.publicKeyId = publicKeyId;
            this.merchant = merchant;
        }

        static Keys loadOrCreate(Path dir, String mchid, SecureRandom random) throws IOException {
            Path ids = dir.resolve(IDS);
            if (Files.exists(ids)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(ids, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                if (mchid.equals(p.getProperty("mchid"))) {
                    PrivateKey platformPrivate = Crypto.rsaPrivateKey(Files.readString(dir.resolve(PLATFORM_PRIVATE)));
                    PublicKey platformPublic = Crypto.rsaPublicKey(Files.readString(dir.resolve(PLATFORM_PUBLIC)));
                    PrivateKey merchantPrivate = Crypto.rsaPrivateKey(Files.readString(dir.resolve(MERCHANT_KEY)));
                    SimulatedMerchant m = SimulatedMerchant.of(mchid, p.getProperty("merchant_serial_no"),
                            new KeyPair(publicOf(merchantPrivate), merchantPrivate), p.getProperty("apiv3_key"));
                    return new Keys(new KeyPair(platformPublic, platformPrivate), p.getProperty("public_key_id"), m);
                }
            }
            Files.createDirectories(dir);
            KeyPair platform = Crypto.generateRsaKeyPair(random);
            SimulatedMerchant m = SimulatedMerchant.generate(mchid, random);
            String publicKeyId = "PUB_KEY_ID_01" + Crypto.digits(random, 26);
            Files.writeString(dir.resolve(PLATFORM_PRIVATE), Crypto.pem("PRIVATE KEY", platform.getPrivate().getEncoded()));
            Files.writeString(dir.resolve(PLATFORM_PUBLIC), Crypto.pem("PUBLIC KEY", platform.getPublic().getEncoded()));
            Files.writeString(dir.resolve(MERCHANT_KEY), m.privateKeyPem().orElseThrow());
            Properties p = new Properties();
            p.setProperty("mchid", mchid);
            p.setProperty("merchant_serial_no", m.certificateSerialNo());
            p.setProperty("apiv3_key", m.apiV3Key());
            p.setProperty("public_key_id", publicKeyId);
            try (Writer w = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
                p.store(w, "wxpay-testkit simulator keys: test keys only");
            }
            return new Keys(platform, publicKeyId, m);
        }

        private static PublicKey publicOf(PrivateKey key) {
            try {
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (ClassCastException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("the merchant key is not an RSA CRT private key", e);
            }
        }
    }
}
