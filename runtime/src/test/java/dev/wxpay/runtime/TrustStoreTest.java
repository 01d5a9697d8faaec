package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The trust store of a client")
class TrustStoreTest {

    @Test
    @DisplayName("an adopted certificate whose serial a configured key already names (compared like Wechatpay-Serial) is not trusted twice")
    void adoptedSerialAlreadyConfigured() throws Exception {
        X509Certificate certificate = TestKeys.platformCertificate().certificate;
        String configuredId = "00" + PemKeys.serialNumber(certificate).toLowerCase(Locale.ROOT);
        List<X509Certificate> adopted = List.of(certificate);
        // As wechatPayPublicKey(id, key) configures it: the id is also the first public key id.
        TrustStore store = new TrustStore(Map.of(configuredId, certificate.getPublicKey()), configuredId, List.of(),
                null, CryptoProviders.resolve(null), new CertificateSource() {
                    @Override
                    public List<X509Certificate> current() {
                        return adopted;
                    }

                    @Override
                    public boolean refreshForUnknownSerial(String serial) {
                        return false;
                    }
                });

        assertThat(store.trustedIds()).containsExactly(configuredId);
        assertThat(store.trusts(PemKeys.serialNumber(certificate))).isTrue();
    }
}
