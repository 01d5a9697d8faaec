package dev.wxpay.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * Loads the key material WeChat Pay hands out, from PEM text or files:
 * <ul>
 *   <li>{@link #privateKey}: the merchant API private key, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----},
 *       {@code apiclient_key.pem});</li>
 *   <li>{@link #publicKey}: the WeChat Pay public key ({@code -----BEGIN PUBLIC KEY-----}, {@code pub_key.pem});</li>
 *   <li>{@link #certificate}: an X.509 certificate ({@code -----BEGIN CERTIFICATE-----}), such as a platform
 *       certificate.</li>
 * </ul>
 * When the input holds something else (a certificate where a key was expected, a PKCS#1
 * {@code RSA PRIVATE KEY}, an empty file), the {@link IllegalArgumentException} says what was found and how to fix
 * it, naming the file; it never echoes key material.
 *
 * <p>Stateless and thread-safe. Meant for start-up, not for each request.
 */
public final class PemKeys {
    private PemKeys() {
    }

    /** Parses a PKCS#8 RSA private key PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey privateKey(String pem) {
        return privateKey(pem, "the private key text");
    }

    /** Reads a PKCS#8 RSA private key PEM file such as {@code apiclient_key.pem}. */
    public static PrivateKey privateKey(Path file) {
        return privateKey(read(file, "private key"), file.toString());
    }

    /** Parses a {@code -----BEGIN PUBLIC KEY-----} PEM (X.509 SubjectPublicKeyInfo), such as a WeChat Pay key. */
    public static PublicKey publicKey(String pem) {
        return publicKey(pem, "the public key text");
    }

    /** Reads a {@code -----BEGIN PUBLIC KEY-----} PEM file such as WeChat Pay's {@code pub_key.pem}. */
    public static PublicKey publicKey(Path file) {
        return publicKey(read(file, "public key"), file.toString());
    }

    /** Parses an X.509 certificate PEM ({@code -----BEGIN CERTIFICATE-----}). */
    public static X509Certificate certificate(String pem) {
        return certificate(pem, "the certificate text");
    }

    /** Reads an X.509 certificate PEM file, such as a WeChat Pay platform certificate. */
    public static X509Certificate certificate(Path file) {
        return certificate(read(file, "certificate"), file.toString());
    }

    /** A certificate's serial number as WeChat Pay prints it: upper-case hex. */
    public static String serialNumber(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static String read(Path file, String what) {
        if (file == null) {
            throw new IllegalArgumentException("the " + what + " file path is null");
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e, e);
        }
    }

    private static PrivateKey privateKey(String pem, String source) {
        byte[] der = block(pem, source, "PRIVATE KEY", "a PKCS#8 private key (-----BEGIN PRIVATE KEY-----, the"
                + " apiclient_key.pem file)");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": the PRIVATE KEY block is not a PKCS#8 RSA private key ("
                    + e.getClass().getSimpleName() + "); WeChat Pay merchant keys are RSA 2048", e);
        }
    }

    private static PublicKey publicKey(String pem, String source) {
        byte[] der = block(pem, source, "PUBLIC KEY", "a public key (-----BEGIN PUBLIC KEY-----, such as WeChat Pay's"
                + " pub_key.pem)");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": the PUBLIC KEY block is not an RSA public key ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static X509Certificate certificate(String pem, String source) {
        byte[] der = block(pem, source, "CERTIFICATE", "an X.509 certificate (-----BEGIN CERTIFICATE-----)");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(source + ": the CERTIFICATE block is not a valid X.509 certificate ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Returns the DER bytes of the expected PEM block, or explains what was found instead. */
    private static byte[] block(String pem, String source, String expected, String expectedDescription) {
        if (pem == null || pem.trim().isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; expected " + expectedDescription);
        }
        String begin = "-----BEGIN " + expected + "-----";
        String end = "-----END " + expected + "-----";
        int start = pem.indexOf(begin);
        if (start < 0) {
            throw new IllegalArgumentException(source + ": " + foundInstead(pem, expected) + "; expected "
                    + expectedDescription);
        }
        int stop = pem.indexOf(end, start);
        if (stop < 0) {
            throw new IllegalArgumentException(source + ": the " + expected + " block has no '" + end
                    + "' line; the file looks truncated");
        }
        String base64 = pem.substring(start + begin.length(), stop).replaceAll("\\s", "");
        if (base64.isEmpty()) {
            throw new IllegalArgumentException(source + ": the " + expected + " block is empty");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the " + expected + " block is not valid Base64 (was the"
                    + " file edited or copied with extra characters?)", e);
        }
    }

    private static String foundInstead(String pem, String expected) {
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            return "found a PKCS#1 'RSA PRIVATE KEY' block; convert it to PKCS#8 with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in old.pem -out apiclient_key.pem'"
                    + ("PRIVATE KEY".equals(expected) ? "" : ", and never use a private key where a "
                    + expected.toLowerCase(Locale.ROOT) + " is expected");
        }
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "found a password-protected 'ENCRYPTED PRIVATE KEY'; decrypt it with"
                    + " 'openssl pkcs8 -in encrypted.pem -out apiclient_key.pem'";
        }
        if (pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
            return "found a PKCS#1 'RSA PUBLIC KEY' block; convert it with"
                    + " 'openssl rsa -RSAPublicKey_in -in old.pem -pubout -out pub_key.pem'";
        }
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            if ("PRIVATE KEY".equals(expected)) {
                return "found a certificate where the private key was expected (apiclient_cert.pem instead of"
                        + " apiclient_key.pem?)";
            }
            return "found a certificate where a public key was expected; load it with PemKeys.certificate and trust"
                    + " it with platformCertificate(cert)";
        }
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            return "found a private key where a " + expected.toLowerCase(Locale.ROOT)
                    + " was expected; keep the merchant private key out of this setting";
        }
        if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
            return "found a public key where a " + expected.toLowerCase(Locale.ROOT) + " was expected"
                    + ("CERTIFICATE".equals(expected) ? "; trust it with wechatPayPublicKey(id, key)" : "");
        }
        int other = pem.indexOf("-----BEGIN ");
        if (other >= 0) {
            int close = pem.indexOf("-----", other + 11);
            String label = close > 0 ? pem.substring(other + 11, close) : "";
            // Only a label that fits on its BEGIN line is shown: with a damaged line, the text up to the next
            // "-----" is the Base64 of the key itself.
            if (!label.matches("[A-Z0-9 ]{1,40}")) {
                return "found a damaged '-----BEGIN' line (expected '-----BEGIN " + expected + "-----')";
            }
            return "found a '" + label + "' PEM block";
        }
        return "found no PEM block (no '-----BEGIN " + expected + "-----' line)";
    }
}
