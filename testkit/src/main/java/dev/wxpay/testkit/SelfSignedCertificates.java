package dev.wxpay.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes self-signed X.509 v3 certificates (SHA256withRSA) for the simulated platform certificates, with the plain JDK:
 * the DER of a minimal TBSCertificate (version, serial, algorithm, issuer = subject, validity, public key) is
 * written here and signed. The JDK has no public certificate builder, and keytool starts a JVM per certificate.
 *
 * <p>Stateless.
 */
final class SelfSignedCertificates {
    private static final byte[] SHA256_WITH_RSA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7,
            0x0D, 0x01, 0x01, 0x0B};
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] ORGANISATION = {0x06, 0x03, 0x55, 0x04, 0x0A};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SelfSignedCertificates() {
    }

    /**
     * @param keys      the certificate's key pair; it signs itself
     * @param name      the common name
     * @param serial    a positive serial number
     * @param notBefore start of validity (years 1950 to 2049, UTCTime)
     * @param notAfter  end of validity
     */
    static X509Certificate create(KeyPair keys, String name, BigInteger serial, Instant notBefore, Instant notAfter) {
        byte[] algorithm = der(0x30, SHA256_WITH_RSA, new byte[] {0x05, 0x00});
        byte[] subject = der(0x30,
                der(0x31, der(0x30, ORGANISATION, der(0x0C, "Tenpay.com".getBytes(StandardCharsets.UTF_8)))),
                der(0x31, der(0x30, COMMON_NAME, der(0x0C, name.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = der(0x30, der(0x17, UTC_TIME.format(notBefore).getBytes(StandardCharsets.US_ASCII)),
                der(0x17, UTC_TIME.format(notAfter).getBytes(StandardCharsets.US_ASCII)));
        byte[] tbs = der(0x30, der(0xA0, der(0x02, new byte[] {2})), der(0x02, serial.toByteArray()), algorithm,
                subject, validity, subject, keys.getPublic().getEncoded());
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] certificate = der(0x30, tbs, algorithm, der(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** One DER element: tag, definite length, then the parts concatenated. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
