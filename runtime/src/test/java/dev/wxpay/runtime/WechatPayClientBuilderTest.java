package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WechatPayClient.Builder")
class WechatPayClientBuilderTest {
    static TestKeys.CertificateAndKey platform;

    @BeforeAll
    static void makeCertificate() throws Exception {
        platform = TestKeys.platformCertificate();
    }

    private static WechatPayClient.Builder complete() {
        return WechatPayClient.builder()
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic());
    }

    @Test
    @DisplayName("names every missing setting in one message")
    void namesEveryMissingSetting() {
        assertThatThrownBy(() -> WechatPayClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot build WechatPayClient: ")
                .hasMessageContaining("merchantId is required")
                .hasMessageContaining("merchantSerialNumber is required")
                .hasMessageContaining("merchantPrivateKey is required")
                .hasMessageContaining("a trusted WeChat Pay key is required");
    }

    @Test
    @DisplayName("names every invalid setting in one message")
    void namesEveryInvalidSetting() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        assertThatThrownBy(() -> WechatPayClient.builder()
                .baseUri(URI.create("ftp://example.com"))
                .merchantId("19 00")
                .merchantSerialNumber("S\"N")
                .merchantPrivateKey(ec.generateKeyPair().getPrivate())
                .wechatPayPublicKey(null, TestKeys.WECHATPAY.getPublic())
                .wechatPayPublicKey("PUB_KEY_ID_1", null)
                .timeout(Duration.ZERO)
                .connectTimeout(Duration.ofSeconds(-1))
                .httpClient(HttpClient.newHttpClient())
                .addInterceptor(null)
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseUri must be an absolute http(s) URI")
                .hasMessageContaining("merchantId must be printable ASCII")
                .hasMessageContaining("merchantSerialNumber must be printable ASCII")
                .hasMessageContaining("merchantPrivateKey must be an RSA key, got EC")
                .hasMessageContaining("wechatPayPublicKey: the public key id is missing")
                .hasMessageContaining("wechatPayPublicKey(PUB_KEY_ID_1): the key is null")
                .hasMessageContaining("timeout must be positive")
                .hasMessageContaining("connectTimeout must be positive")
                .hasMessageContaining("connectTimeout cannot be combined with httpClient")
                .hasMessageContaining("addInterceptor: the interceptor is null");
    }

    @Test
    @DisplayName("refuses a null transport, and a transport combined with httpClient or connectTimeout")
    void refusesConflictingTransportSettings() {
        Transport transport = (request, timeout) -> WireResponse.of(204, Map.of(), null);
        assertThatThrownBy(() -> complete().transport(null).build())
                .hasMessageContaining("transport: the transport is null");
        assertThatThrownBy(() -> complete().httpClient(null).build())
                .hasMessageContaining("httpClient: the client is null");
        HttpClient redirecting = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThatThrownBy(() -> complete().httpClient(redirecting).build())
                .hasMessageContaining("httpClient follows redirects (NORMAL)");
        assertThatThrownBy(() -> JdkHttpTransport.of(redirecting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("followRedirects(HttpClient.Redirect.NEVER)");
        assertThatThrownBy(() -> complete().transport(transport).httpClient(HttpClient.newHttpClient())
                .connectTimeout(Duration.ofSeconds(1)).build())
                .hasMessageContaining("httpClient and transport cannot both be set")
                .hasMessageContaining("connectTimeout cannot be combined with transport");
    }

    @Test
    @DisplayName("refuses an expired platform certificate, judged by the configured clock")
    void refusesExpiredCertificate() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
        assertThatThrownBy(() -> complete().platformCertificate(platform.certificate).clock(later).build())
                .hasMessageContaining("platformCertificate " + PemKeys.serialNumber(platform.certificate) + " expired");
    }

    @Test
    @DisplayName("accepts public keys and platform certificates together, announcing the public key id")
    void acceptsBothKindsOfTrust() {
        WechatPayClient client = complete().platformCertificate(platform.certificate).build();
        assertThat(client.toString()).contains(TestKeys.WECHATPAY_KEY_ID, PemKeys.serialNumber(platform.certificate));
        assertThat(client.baseUri()).isEqualTo(URI.create("https://api.mch.weixin.qq.com"));
        assertThat(client.merchantId()).isEqualTo(TestKeys.MERCHANT_ID);
    }

    @Test
    @DisplayName("shows merchant id and base URI in toString, never key material")
    void toStringHasNoSecrets() {
        WechatPayClient client = complete().build();
        String text = client.toString();
        assertThat(text).contains(TestKeys.MERCHANT_ID, "https://api.mch.weixin.qq.com");
        String privateKey = Base64.getEncoder().encodeToString(TestKeys.MERCHANT.getPrivate().getEncoded());
        String publicKey = Base64.getEncoder().encodeToString(TestKeys.WECHATPAY.getPublic().getEncoded());
        assertThat(text).doesNotContain(privateKey.substring(100, 140)).doesNotContain(publicKey.substring(60, 100))
                .doesNotContainIgnoringCase("modulus").doesNotContainIgnoringCase("exponent");
    }

    @Test
    @DisplayName("uses a native provider found by name in java.security.Security when none is configured")
    void autoDetectsNativeProviderByName() {
        Provider fake = new DelegatingProvider(CryptoProviders.ACCP_NAME);
        Security.addProvider(fake);
        try {
            WechatPayClient client = complete().build();
            assertThat(client.signatureProvider()).isSameAs(fake);
            RequestSigner signer = RequestSigner.create("1", "S", TestKeys.MERCHANT.getPrivate(), null);
            assertThat(signer.provider()).isSameAs(fake);
            String signature = signer.signature("GET", "/v3/x", null, 1, "n");
            assertThat(RequestSignerTest.jdkVerifies(TestKeys.MERCHANT,
                    RequestSigner.message("GET", "/v3/x", 1, "n", null), signature)).isTrue();
            assertThat(((DelegatingProvider) fake).used).isPositive();
        } finally {
            Security.removeProvider(CryptoProviders.ACCP_NAME);
        }
        assertThat(complete().build().signatureProvider().getName()).isNotEqualTo(CryptoProviders.ACCP_NAME);
    }

    @Test
    @DisplayName("prefers an explicitly configured provider over a detected one")
    void explicitProviderWins() {
        Security.addProvider(new DelegatingProvider(CryptoProviders.ACCP_NAME));
        try {
            Provider sun = Security.getProvider("SunRsaSign");
            assertThat(complete().signatureProvider(sun).build().signatureProvider()).isSameAs(sun);
        } finally {
            Security.removeProvider(CryptoProviders.ACCP_NAME);
        }
    }

    /** A stand-in for a native provider: registered under its name, delegating to the JDK. */
    static final class DelegatingProvider extends Provider {
        private static final long serialVersionUID = 1L;
        volatile int used;

        DelegatingProvider(String name) {
            super(name, "1.0", "test stand-in");
            putService(new Service(this, "Signature", "SHA256withRSA", DelegatingSignature.class.getName(), null,
                    Map.of()) {
                @Override
                public Object newInstance(Object parameter) {
                    used++;
                    return new DelegatingSignature();
                }
            });
        }
    }

    /** SignatureSpi delegating to SunRsaSign. */
    static final class DelegatingSignature extends java.security.SignatureSpi {
        private final java.security.Signature delegate;

        DelegatingSignature() {
            try {
                delegate = java.security.Signature.getInstance("SHA256withRSA", "SunRsaSign");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(java.security.PublicKey key) throws java.security.InvalidKeyException {
            delegate.initVerify(key);
        }

        @Override
        protected void engineInitSign(java.security.PrivateKey key) throws java.security.InvalidKeyException {
            delegate.initSign(key);
        }

        @Override
        protected void engineUpdate(byte b) throws java.security.SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws java.security.SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws java.security.SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sig) throws java.security.SignatureException {
            return delegate.verify(sig);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
