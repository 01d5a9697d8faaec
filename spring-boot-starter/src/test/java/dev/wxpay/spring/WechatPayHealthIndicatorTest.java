package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.spring.fixtures.TestPem;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("The wxpay health indicator reports the trusted WeChat Pay keys and the nearest certificate expiry")
class WechatPayHealthIndicatorTest {
    static final Instant GENERATED = Instant.now();

    @TempDir
    static Path dir;
    static X509Certificate thirtyDays;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class,
                    WechatPayHealthAutoConfiguration.class))
            .withPropertyValues("wxpay.merchant-id=1900000109",
                    "wxpay.merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                    "wxpay.private-key=file:" + dir.resolve("apiclient_key.pem"));

    @BeforeAll
    static void files() throws Exception {
        KeyPair merchant = TestPem.rsa();
        TestPem.write(dir, "apiclient_key.pem", TestPem.privateKeyPem(merchant));
        TestPem.write(dir, "pub_key.pem", TestPem.publicKeyPem(TestPem.rsa()));
        thirtyDays = selfSigned("thirty", 30);
        TestPem.write(dir, "thirty.pem", TestPem.pem("CERTIFICATE", thirtyDays.getEncoded()));
        TestPem.write(dir, "five.pem", TestPem.pem("CERTIFICATE", selfSigned("five", 5).getEncoded()));
    }

    /** A self-signed certificate valid from now for {@code days}, made by the JDK's keytool. */
    static X509Certificate selfSigned(String alias, int days) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + alias,
                "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(120, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        return (X509Certificate) keyStore.getCertificate(alias);
    }

    static Clock at(Duration afterGeneration) {
        return Clock.fixed(GENERATED.plus(afterGeneration), ZoneOffset.UTC);
    }

    Health health(Clock clock, String... properties) {
        Health[] health = new Health[1];
        runner.withPropertyValues(properties).withBean(Clock.class, () -> clock).run(context -> {
            assertThat(context).hasNotFailed();
            health[0] = context.getBean("wxpayHealthIndicator", HealthIndicator.class).health();
        });
        return health[0];
    }

    @Test
    @DisplayName("a WeChat Pay public key is UP and shows its id")
    void publicKeyIsUp() {
        Health h = health(Clock.systemUTC(), "wxpay.public-key-id=PUB_KEY_ID_0119000001092025",
                "wxpay.public-key=file:" + dir.resolve("pub_key.pem"));
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("publicKeyId", "PUB_KEY_ID_0119000001092025")
                .doesNotContainKeys("warning", "platformCertificates");
    }

    @Test
    @DisplayName("platform certificates give the days until the nearest expiry, with a warning within 7 days")
    void nearestExpiryWithWarning() {
        Health h = health(at(Duration.ofHours(1)), "wxpay.platform-certificates[0]=file:" + dir.resolve("thirty.pem"),
                "wxpay.platform-certificates[1]=file:" + dir.resolve("five.pem"));
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("daysUntilNearestCertificateExpiry", 4L).containsKey("warning");
        assertThat((List<?>) h.getDetails().get("platformCertificates")).hasSize(2)
                .allSatisfy(c -> assertThat(((Map<?, ?>) c).get("valid")).isEqualTo(true));
    }

    @Test
    @DisplayName("a certificate far from expiry carries no warning")
    void noWarningFarFromExpiry() {
        Health h = health(at(Duration.ofHours(1)), "wxpay.platform-certificates=file:" + dir.resolve("thirty.pem"));
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("daysUntilNearestCertificateExpiry", 29L).doesNotContainKey("warning");
        assertThat(h.getDetails().toString())
                .contains(thirtyDays.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    @DisplayName("when every certificate has expired and there is no public key, the health is DOWN")
    void downWhenNothingIsValid() {
        Health h = health(at(Duration.ofDays(40)), "wxpay.platform-certificates[0]=file:" + dir.resolve("thirty.pem"),
                "wxpay.platform-certificates[1]=file:" + dir.resolve("five.pem"));
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsKey("error").doesNotContainKey("daysUntilNearestCertificateExpiry");
    }

    @Test
    @DisplayName("without Actuator on the class path no health indicator is created and the client still is")
    void absentWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("wxpay.public-key-id=PUB_KEY_ID_0119000001092025",
                        "wxpay.public-key=file:" + dir.resolve("pub_key.pem"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean("wechatPayClient").doesNotHaveBean("wxpayHealthIndicator");
                });
    }
}
