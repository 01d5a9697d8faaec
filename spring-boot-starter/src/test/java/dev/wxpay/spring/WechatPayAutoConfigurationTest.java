package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.PemKeys;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.spring.fixtures.TestPem;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@DisplayName("The auto-configuration builds the merchant's beans from wxpay.* properties")
class WechatPayAutoConfigurationTest {
    static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

    @TempDir
    static Path dir;
    static KeyPair merchant;
    static KeyPair wechatPay;

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            WechatPayAutoConfiguration.class, WechatPayNotificationsAutoConfiguration.class));

    @BeforeAll
    static void keys() {
        merchant = TestPem.rsa();
        wechatPay = TestPem.rsa();
        TestPem.write(dir, "apiclient_key.pem", TestPem.privateKeyPem(merchant));
        TestPem.write(dir, "pub_key.pem", TestPem.publicKeyPem(wechatPay));
    }

    static String[] complete() {
        return new String[] {
            "wxpay.merchant-id=1900000109",
            "wxpay.merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            "wxpay.private-key=file:" + dir.resolve("apiclient_key.pem"),
            "wxpay.public-key-id=PUB_KEY_ID_0119000001092025",
            "wxpay.public-key=file:" + dir.resolve("pub_key.pem"),
            "wxpay.api-v3-key=" + API_V3_KEY,
        };
    }

    @Test
    @DisplayName("without wxpay.merchant-id the starter creates nothing, so an application not yet configured starts")
    void offWithoutMerchantId() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WechatPayClient.class);
            assertThat(context).doesNotHaveBean(NotificationParser.class);
            assertThat(context).doesNotHaveBean(WechatPayNotifications.class);
        });
    }

    @Test
    @DisplayName("every property is bound and the client, parser and notification answerer are created")
    void bindsEveryProperty() {
        runner.withPropertyValues(complete())
                .withPropertyValues("wxpay.base-uri=https://api.example.test",
                        "wxpay.backup-base-uri=https://api2.example.test", "wxpay.timeout=7s",
                        "wxpay.connect-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WechatPayProperties p = context.getBean(WechatPayProperties.class);
                    assertThat(p.getMerchantId()).isEqualTo("1900000109");
                    assertThat(p.getMerchantSerialNumber()).isEqualTo("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
                    assertThat(p.getPrivateKey().getFile().toPath()).isEqualTo(dir.resolve("apiclient_key.pem"));
                    assertThat(p.getPublicKeyId()).isEqualTo("PUB_KEY_ID_0119000001092025");
                    assertThat(p.getPublicKey().getFile().toPath()).isEqualTo(dir.resolve("pub_key.pem"));
                    assertThat(p.getApiV3Key()).isEqualTo(API_V3_KEY);
                    assertThat(p.getBaseUri()).isEqualTo(URI.create("https://api.example.test"));
                    assertThat(p.getBackupBaseUri()).isEqualTo(URI.create("https://api2.example.test"));
                    assertThat(p.getTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(p.toString()).doesNotContain(API_V3_KEY);

                    MerchantKeys keys = context.getBean(MerchantKeys.class);
                    assertThat(keys.privateKey().getEncoded()).isEqualTo(merchant.getPrivate().getEncoded());
                    assertThat(keys.publicKey()).isEqualTo(wechatPay.getPublic());

                    WechatPayClient client = context.getBean(WechatPayClient.class);
                    assertThat(client.merchantId()).isEqualTo("1900000109");
                    assertThat(client.baseUri()).isEqualTo(URI.create("https://api.example.test"));
                    assertThat(context).hasSingleBean(NotificationParser.class);
                    assertThat(context).hasSingleBean(WechatPayNotifications.class);
                });
    }

    @Test
    @DisplayName("the base URI defaults to WeChat Pay's host and a classpath: key resource is read")
    void defaultsAndClasspathResource() throws Exception {
        // A class loader over the temporary directory stands in for a key packaged in the application's jar.
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        runner.withPropertyValues(complete()).withClassLoader(loader)
                .withPropertyValues("wxpay.private-key=classpath:apiclient_key.pem")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WechatPayClient.class).baseUri())
                            .isEqualTo(WechatPayClient.DEFAULT_BASE_URI);
                    assertThat(context.getBean(WechatPayProperties.class).getPrivateKey().getDescription())
                            .contains("class path resource [apiclient_key.pem]");
                    assertThat(context.getBean(MerchantKeys.class).privateKey().getEncoded())
                            .isEqualTo(merchant.getPrivate().getEncoded());
                });
    }

    @Test
    @DisplayName("without wxpay.api-v3-key the client is created but no parser and no notification answerer")
    void noParserWithoutApiV3Key() {
        String[] withoutApiV3Key = java.util.Arrays.copyOf(complete(), complete().length - 1);
        runner.withPropertyValues(withoutApiV3Key).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(WechatPayClient.class);
            assertThat(context).doesNotHaveBean(NotificationParser.class);
            assertThat(context).doesNotHaveBean(WechatPayNotifications.class);
        });
    }

    @Test
    @DisplayName("an application's own WechatPayClient and NotificationParser beans win over the starter's")
    void usersBeansWin() {
        runner.withPropertyValues(complete()).withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(WechatPayClient.class).merchantId()).isEqualTo("1230000109");
            assertThat(context).getBean(NotificationParser.class).isSameAs(context.getBean("ownParser"));
            assertThat(context).hasSingleBean(WechatPayNotifications.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        WechatPayClient ownClient() {
            return WechatPayClient.builder().merchantId("1230000109").merchantSerialNumber("ABC123")
                    .merchantPrivateKey(merchant.getPrivate())
                    .wechatPayPublicKey("PUB_KEY_ID_OWN", PemKeys.publicKey(TestPem.publicKeyPem(wechatPay)))
                    .build();
        }

        @Bean
        NotificationParser ownParser() {
            return NotificationParser.builder().apiV3Key(API_V3_KEY)
                    .wechatPayPublicKey("PUB_KEY_ID_OWN", wechatPay.getPublic()).build();
        }
    }
}
