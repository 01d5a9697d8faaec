package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's platform certificates (certificate mode): made on first use, rotated on demand with an overlap
 * (the old certificate stays listed and usable), served by {@code GET /v3/certificates} encrypted with the asking
 * merchant's APIv3 key. In public-key-only mode the endpoint is refused, as WeChat Pay refuses it to merchants
 * enrolled in public-key mode only.
 *
 * <p>Thread-safe (synchronized).
 */
final class PlatformCertificateDesk {
    static final String PATH = "/v3/certificates";
    /** WeChat Pay's platform certificates are valid for five years. */
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** One certificate and its private key; {@code serial} is upper-case hex. */
    record Entry(X509Certificate certificate, PrivateKey key, String serial) {
    }

    private final Clock clock;
    private final SecureRandom random;
    private final boolean publicKeyOnly;
    private final List<Entry> entries = new ArrayList<>();

    PlatformCertificateDesk(Clock clock, SecureRandom random, boolean publicKeyOnly) {
        this.clock = clock;
        this.random = random;
        this.publicKeyOnly = publicKeyOnly;
    }

    boolean serves(String method, String rawPath) {
        return "GET".equals(method) && PATH.equals(rawPath);
    }

    /** Adds a new certificate beside the current ones and returns its serial; answers start using it when named. */
    synchronized String rotate() {
        if (publicKeyOnly) {
            throw new IllegalStateException("the simulator is in public-key-only mode: it has no platform"
                    + " certificates");
        }
        KeyPair keys = Crypto.generateRsaKeyPair(random);
        BigInteger serial = new BigInteger(1, randomBytes(16)).setBit(127);
        Instant now = clock.instant();
        X509Certificate certificate = SelfSignedCertificates.create(keys, "Tenpay.com Root CA simulated", serial,
                now.minus(Duration.ofDays(1)), now.plus(VALIDITY));
        Entry entry = new Entry(certificate, keys.getPrivate(), serial.toString(16).toUpperCase(Locale.ROOT));
        entries.add(entry);
        return entry.serial();
    }

    /** The newest certificate, made now when there is none yet; null in public-key-only mode. */
    synchronized Entry newest() {
        if (publicKeyOnly) {
            return null;
        }
        if (entries.isEmpty()) {
            rotate();
        }
        return entries.get(entries.size() - 1);
    }

    /** The certificate with {@code serial} (hex, any case), or null. */
    synchronized Entry find(String serial) {
        if (serial == null) {
            return null;
        }
        for (Entry entry : entries) {
            if (entry.serial().equalsIgnoreCase(serial.trim())) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The {@code /v3/certificates} answer for a merchant: every certificate, each PEM encrypted with AES-256-GCM under
     * the merchant's APIv3 key with associated data {@code certificate}.
     *
     * @throws WechatError in public-key-only mode
     */
    ObjectNode download(String apiV3Key) {
        if (publicKeyOnly) {
            throw new WechatError(404, "RESOURCE_NOT_EXISTS", "商户未开通平台证书，请使用微信支付公钥验签 (public-key mode only)",
                    null);
        }
        newest();
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(entries);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        for (Entry entry : all) {
            String nonce = Crypto.alphanumeric(random, 12);
            ObjectNode item = data.addObject();
            item.put("serial_no", entry.serial());
            item.put("effective_time", time(entry.certificate().getNotBefore().toInstant()));
            item.put("expire_time", time(entry.certificate().getNotAfter().toInstant()));
            ObjectNode encrypted = item.putObject("encrypt_certificate");
            encrypted.put("algorithm", "AEAD_AES_256_GCM");
            encrypted.put("nonce", nonce);
            encrypted.put("associated_data", "certificate");
            encrypted.put("ciphertext", Crypto.encryptAesGcm(apiV3Key.getBytes(StandardCharsets.UTF_8), nonce,
                    "certificate", pem(entry.certificate())));
        }
        return root;
    }

    private static String pem(X509Certificate certificate) {
        try {
            return Crypto.pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(Instant instant) {
        return RFC_3339.format(OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8)));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
