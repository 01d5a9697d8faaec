package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.spring.fixtures.TestPem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("A wrong wxpay.* setting stops the application with a report naming the property and the fix")
class WechatPayFailureAnalyzerTest {
    static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

    @TempDir
    static Path dir;
    static KeyPair merchant;
    static String merchantKeyBase64;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WechatPayAutoConfiguration.class,
                    WechatPayNotificationsAutoConfiguration.class))
            .withPropertyValues("wxpay.merchant-id=1900000109",
                    "wxpay.merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                    "wxpay.private-key=file:" + dir.resolve("apiclient_key.pem"),
                    "wxpay.public-key-id=PUB_KEY_ID_0119000001092025",
                    "wxpay.public-key=file:" + dir.resolve("pub_key.pem"),
                    "wxpay.api-v3-key=" + API_V3_KEY);

    @BeforeAll
    static void keys() {
        merchant = TestPem.rsa();
        merchantKeyBase64 = Base64.getEncoder().encodeToString(merchant.getPrivate().getEncoded());
        TestPem.write(dir, "apiclient_key.pem", TestPem.privateKeyPem(merchant));
        TestPem.write(dir, "pub_key.pem", TestPem.publicKeyPem(TestPem.rsa()));
        // Only the PEM label matters to the check; the block need not be a parseable certificate.
        TestPem.write(dir, "apiclient_cert.pem", TestPem.pem("CERTIFICATE", new byte[] {48, 3, 2, 1, 1}));
    }

    FailureAnalysis analyse(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            analysis[0] = new WechatPayFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).as("the analyzer recognises the failure").isNotNull();
        String report = analysis[0].getDescription() + "\n" + analysis[0].getAction();
        assertThat(report).doesNotContain(merchantKeyBase64.substring(40, 80)).doesNotContain(API_V3_KEY);
        return analysis[0];
    }

    @Test
    @DisplayName("a private-key file that does not exist is reported with its path")
    void missingKeyFile() {
        FailureAnalysis a = analyse("wxpay.private-key=file:" + dir.resolve("nowhere.pem"));
        assertThat(a.getDescription()).contains("Property: wxpay.private-key").contains("no file at")
                .contains("nowhere.pem");
        assertThat(a.getAction()).contains("wxpay.private-key").contains("apiclient_key.pem");
    }

    @Test
    @DisplayName("a certificate where the private key should be is recognised as apiclient_cert.pem")
    void certificateInsteadOfKey() {
        FailureAnalysis a = analyse("wxpay.private-key=file:" + dir.resolve("apiclient_cert.pem"));
        assertThat(a.getDescription()).contains("Property: wxpay.private-key")
                .contains("found a certificate where the private key was expected");
        assertThat(a.getAction()).contains("apiclient_key.pem");
    }

    @Test
    @DisplayName("the public key where the private key should be is reported without printing either key")
    void publicKeyInsteadOfPrivateKey() {
        FailureAnalysis a = analyse("wxpay.private-key=file:" + dir.resolve("pub_key.pem"));
        assertThat(a.getDescription()).contains("Property: wxpay.private-key").contains("found a public key");
    }

    @Test
    @DisplayName("an APIv3 key that is not 32 bytes is reported with its length, never its value")
    void shortApiV3Key() {
        String shortKey = API_V3_KEY.substring(1);
        FailureAnalysis a = analyse("wxpay.api-v3-key=" + shortKey);
        assertThat(a.getDescription()).contains("Property: wxpay.api-v3-key").contains("31 bytes")
                .contains("exactly 32 bytes").doesNotContain(shortKey);
        assertThat(a.getAction()).contains("APIv3 key");
    }

    @Test
    @DisplayName("no trusted WeChat Pay key at all is reported with both ways to fix it")
    void noTrustedKey() {
        FailureAnalysis a = analyse("wxpay.public-key-id=", "wxpay.public-key=");
        assertThat(a.getDescription()).contains("Property: wxpay.public-key").contains("no trusted WeChat Pay key");
        assertThat(a.getAction()).contains("wxpay.public-key-id").contains("wxpay.platform-certificates");
    }

    @Test
    @DisplayName("a public key without its id is reported against wxpay.public-key-id")
    void publicKeyWithoutId() {
        FailureAnalysis a = analyse("wxpay.public-key-id=");
        assertThat(a.getDescription()).contains("Property: wxpay.public-key-id");
        assertThat(a.getAction()).contains("PUB_KEY_ID_");
    }

    @Test
    @DisplayName("a missing merchant serial number is reported with the runtime's explanation")
    void missingSerialNumber() {
        FailureAnalysis a = analyse("wxpay.merchant-serial-number=");
        assertThat(a.getDescription()).contains("merchantSerialNumber");
    }
}
