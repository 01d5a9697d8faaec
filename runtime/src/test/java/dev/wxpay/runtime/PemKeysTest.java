package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PemKeys")
class PemKeysTest {
    @TempDir
    static Path dir;
    static TestKeys.CertificateAndKey platform;
    static String certificatePem;

    @BeforeAll
    static void makeCertificate() throws Exception {
        platform = TestKeys.platformCertificate();
        certificatePem = TestKeys.pem("CERTIFICATE", platform.certificate.getEncoded());
    }

    private static final String PRIVATE_PEM = TestKeys.privatePem(TestKeys.MERCHANT.getPrivate());
    private static final String PUBLIC_PEM = TestKeys.pem("PUBLIC KEY", TestKeys.WECHATPAY.getPublic().getEncoded());
    private static final String PKCS1_PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n"
            + "-----END RSA PRIVATE KEY-----\n";

    @Test
    @DisplayName("loads a PKCS#8 private key, a public key and a certificate from text and from files")
    void loadsEachKind() throws Exception {
        assertThat(PemKeys.privateKey(PRIVATE_PEM)).isEqualTo(TestKeys.MERCHANT.getPrivate());
        assertThat(PemKeys.publicKey(PUBLIC_PEM)).isEqualTo(TestKeys.WECHATPAY.getPublic());
        assertThat(PemKeys.certificate(certificatePem)).isEqualTo(platform.certificate);

        Path key = Files.writeString(dir.resolve("apiclient_key.pem"), "Bag attributes\n" + PRIVATE_PEM);
        assertThat(PemKeys.privateKey(key)).isEqualTo(TestKeys.MERCHANT.getPrivate());
        Path pub = Files.writeString(dir.resolve("pub_key.pem"), PUBLIC_PEM.replace("\n", "\r\n"));
        assertThat(PemKeys.publicKey(pub)).isEqualTo(TestKeys.WECHATPAY.getPublic());
        Path cert = Files.writeString(dir.resolve("platform.pem"), certificatePem);
        assertThat(PemKeys.certificate(cert)).isEqualTo(platform.certificate);
    }

    @Test
    @DisplayName("prints a certificate serial as upper-case hex")
    void printsSerial() {
        X509Certificate c = platform.certificate;
        assertThat(PemKeys.serialNumber(c)).isEqualTo(c.getSerialNumber().toString(16).toUpperCase())
                .matches("[0-9A-F]+");
    }

    @Test
    @DisplayName("says a certificate was found where the private key was expected, naming the file")
    void certificateInsteadOfPrivateKey() throws Exception {
        Path file = Files.writeString(dir.resolve("apiclient_cert.pem"), certificatePem);
        assertThatThrownBy(() -> PemKeys.privateKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("found a certificate where the private key was expected");
    }

    @Test
    @DisplayName("explains how to convert a PKCS#1 RSA PRIVATE KEY to PKCS#8")
    void pkcs1PrivateKey() {
        assertThatThrownBy(() -> PemKeys.privateKey(PKCS1_PEM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#1 'RSA PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    @DisplayName("says an empty file is empty and what was expected")
    void emptyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.pem"), "\n");
        assertThatThrownBy(() -> PemKeys.privateKey(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem is empty; expected a PKCS#8 private key");
        assertThatThrownBy(() -> PemKeys.publicKey("")).hasMessageContaining("is empty");
    }

    @Test
    @DisplayName("names a missing file")
    void missingFile() {
        Path file = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemKeys.certificate(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the certificate file").hasMessageContaining("nope.pem");
    }

    @Test
    @DisplayName("refuses a private key where a public key or certificate was expected, without echoing it")
    void privateKeyWhereAPublicOneWasExpected() {
        assertThatThrownBy(() -> PemKeys.publicKey(PRIVATE_PEM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found a private key where a public key was expected")
                .hasMessageNotContaining(PRIVATE_PEM.substring(40, 90));
        assertThatThrownBy(() -> PemKeys.certificate(PRIVATE_PEM))
                .hasMessageContaining("found a private key where a certificate was expected");
    }

    @Test
    @DisplayName("points to certificate loading when a certificate is given as a public key, and vice versa")
    void certificateAndPublicKeyMixUps() {
        assertThatThrownBy(() -> PemKeys.publicKey(certificatePem))
                .hasMessageContaining("found a certificate where a public key was expected")
                .hasMessageContaining("platformCertificate");
        assertThatThrownBy(() -> PemKeys.certificate(PUBLIC_PEM))
                .hasMessageContaining("found a public key where a certificate was expected")
                .hasMessageContaining("wechatPayPublicKey");
    }

    @Test
    @DisplayName("reports a truncated block, bad Base64 and text without any PEM block")
    void brokenInput() {
        assertThatThrownBy(() -> PemKeys.privateKey(PRIVATE_PEM.substring(0, 200)))
                .hasMessageContaining("looks truncated");
        assertThatThrownBy(() -> PemKeys.privateKey("-----BEGIN PRIVATE KEY-----\n@@@\n-----END PRIVATE KEY-----"))
                .hasMessageContaining("not valid Base64");
        assertThatThrownBy(() -> PemKeys.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .hasMessageContaining("not a PKCS#8 RSA private key");
        assertThatThrownBy(() -> PemKeys.publicKey("hello")).hasMessageContaining("found no PEM block");
    }

    @Test
    @DisplayName("never echoes the key when its BEGIN line is damaged (found by PemKeysPropertiesTest)")
    void damagedBeginLineHidesTheKey() {
        String damaged = PRIVATE_PEM.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY ----");
        String firstBase64Line = PRIVATE_PEM.split("\n")[1];

        assertThatThrownBy(() -> PemKeys.privateKey(damaged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("damaged '-----BEGIN' line")
                .hasMessageNotContaining(firstBase64Line);
        assertThatThrownBy(() -> PemKeys.publicKey(PRIVATE_PEM.replace("PRIVATE KEY", "EC PRIVATE KEY")))
                .hasMessageContaining("found a 'EC PRIVATE KEY' PEM block");
    }
}
