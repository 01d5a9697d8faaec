package dev.wxpay.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs what the simulator sends as WeChat Pay signs it: answers ({@code Wechatpay-Timestamp}, {@code -Nonce},
 * {@code -Signature}, {@code -Serial}, {@code -Signature-Type} and a {@code Request-ID}) with the WeChat Pay key or
 * the platform certificate a request named, notification attempts with the WeChat Pay key, and file downloads not at
 * all. The signing faults (stale timestamp, wrong serial, {@code WECHATPAY/SIGNTEST/} probe) are applied here.
 *
 * <p>Thread-safe: its collaborators are, and it keeps no state of its own.
 */
final class AnswerSigner {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final KeyPair platformKey;
    private final String publicKeyId;
    private final PlatformCertificateDesk certificates;
    private final Clock clock;
    private final SecureRandom random;

    AnswerSigner(KeyPair platformKey, String publicKeyId, PlatformCertificateDesk certificates, Clock clock,
                 SecureRandom random) {
        this.platformKey = platformKey;
        this.publicKeyId = publicKeyId;
        this.certificates = certificates;
        this.clock = clock;
        this.random = random;
    }

    /** The id of the WeChat Pay public key, the serial of answers that name no certificate. */
    String publicKeyId() {
        return publicKeyId;
    }

    /** Whether {@code serial} names this WeChat Pay key or one of its platform certificates. */
    boolean knows(String serial) {
        return publicKeyId.equals(serial) || certificates.find(serial) != null;
    }

    /** The private half of the WeChat Pay key a request named, or null. */
    PrivateKey privateKeyFor(String serial) {
        if (publicKeyId.equals(serial)) {
            return platformKey.getPrivate();
        }
        PlatformCertificateDesk.Entry certificate = certificates.find(serial);
        return certificate == null ? null : certificate.key();
    }

    /**
     * The headers of a signed answer.
     *
     * @param requested the {@code Wechatpay-Serial} of the request: a platform certificate it names signs
     */
    List<LoopbackHttpServer.Header> signedHeaders(byte[] body, String requestId, AppliedFaults applied,
            String requested) {
        long now = clock.instant().getEpochSecond();
        String probe = null;
        PlatformCertificateDesk.Entry certificate = certificates.find(requested);
        String serial = certificate != null ? certificate.serial() : publicKeyId;
        for (Fault f : applied.all()) {
            switch (f.kind()) {
                case STALE_TIMESTAMP:
                    now -= 600;
                    break;
                case WRONG_SERIAL:
                    serial = "PUB_KEY_ID_09" + Crypto.digits(random, 26);
                    break;
                case SIGNTEST_PROBE:
                    byte[] r = new byte[48];
                    random.nextBytes(r);
                    probe = WechatPaySimulator.SIGNTEST_PREFIX + Base64.getEncoder().encodeToString(r);
                    break;
                default:
                    break;
            }
        }
        Signed s = sign(body, now, probe, certificate != null ? certificate.key() : platformKey.getPrivate());
        List<LoopbackHttpServer.Header> h = plainHeaders(10);
        if (body.length > 0) {
            h.add(new LoopbackHttpServer.Header("Content-Type", "application/json; charset=utf-8"));
        }
        h.add(new LoopbackHttpServer.Header("Request-ID", requestId));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Nonce", s.nonce));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Signature", s.signature));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Timestamp", s.timestamp));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Serial", serial));
        h.add(new LoopbackHttpServer.Header("Wechatpay-Signature-Type", WechatPaySimulator.AUTH_SCHEME));
        return h;
    }

    /** WeChat Pay does not sign file downloads: only the plain headers go with the bytes. */
    LoopbackHttpServer.HttpAnswer unsigned(ProductDoor.RawAnswer raw, String requestId) {
        List<LoopbackHttpServer.Header> h = plainHeaders(4);
        h.add(new LoopbackHttpServer.Header("Content-Type", raw.contentType()));
        h.add(new LoopbackHttpServer.Header("Request-ID", requestId));
        return new LoopbackHttpServer.HttpAnswer(raw.status(), h, raw.body());
    }

    /** The {@code Wechatpay-*} headers of one notification attempt, signed now over {@code body}. */
    String[] notificationHeaders(String body) {
        Signed s = sign(body.getBytes(StandardCharsets.UTF_8), clock.instant().getEpochSecond(), null,
                platformKey.getPrivate());
        return new String[] {
            "Wechatpay-Nonce", s.nonce, "Wechatpay-Signature", s.signature, "Wechatpay-Timestamp", s.timestamp,
            "Wechatpay-Serial", publicKeyId, "Wechatpay-Signature-Type", WechatPaySimulator.AUTH_SCHEME};
    }

    private List<LoopbackHttpServer.Header> plainHeaders(int capacity) {
        List<LoopbackHttpServer.Header> h = new ArrayList<>(capacity);
        h.add(new LoopbackHttpServer.Header("Server", "wxpay-testkit"));
        h.add(new LoopbackHttpServer.Header("Date", HTTP_DATE.format(clock.instant())));
        return h;
    }

    private static final class Signed {
        String timestamp;
        String nonce;
        String signature;
    }

    private Signed sign(byte[] body, long epochSecond, String probe, PrivateKey key) {
        Signed s = new Signed();
        s.timestamp = Long.toString(epochSecond);
        s.nonce = Crypto.alphanumeric(random, 32);
        if (probe != null) {
            s.signature = probe;
            return s;
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream(body.length + 64);
        message.writeBytes((s.timestamp + "\n" + s.nonce + "\n").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        message.write('\n');
        s.signature = Crypto.sign(key, message.toByteArray());
        return s;
    }
}
