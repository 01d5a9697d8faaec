package dev.wxpay.spring;

import dev.wxpay.runtime.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.io.Resource;

/**
 * One merchant's keys, read from the {@code wxpay.*} resources and checked before any runtime builder sees them, so a
 * mistake is reported against the property that holds it. Immutable once loaded; thread-safe. {@link #toString()}
 * names no key.
 */
public final class MerchantKeys {
    /** The APIv3 key is an AES-256 key given as text: 32 bytes. */
    static final int API_V3_KEY_BYTES = 32;

    private final PrivateKey privateKey;
    private final String publicKeyId;
    private final PublicKey publicKey;
    private final List<X509Certificate> platformCertificates;

    private MerchantKeys(PrivateKey privateKey, String publicKeyId, PublicKey publicKey,
            List<X509Certificate> platformCertificates) {
        this.privateKey = privateKey;
        this.publicKeyId = publicKeyId;
        this.publicKey = publicKey;
        this.platformCertificates = Collections.unmodifiableList(platformCertificates);
    }

    /**
     * Reads and checks the keys the properties point at.
     *
     * @param properties the bound properties
     * @param prefix     the property prefix to name in errors, for example {@code wxpay}
     * @return the loaded keys
     * @throws WechatPayConfigurationException naming the property, what was found and how to fix it
     */
    public static MerchantKeys load(MerchantProperties properties, String prefix) {
        PrivateKey privateKey = read(properties.getPrivateKey(), prefix + ".private-key", "the private key text",
                PemKeys::privateKey, "the merchant API private key apiclient_key.pem (-----BEGIN PRIVATE KEY-----)");
        String publicKeyId = properties.getPublicKeyId();
        PublicKey publicKey = null;
        if (properties.getPublicKey() != null) {
            if (publicKeyId == null || publicKeyId.isBlank()) {
                throw new WechatPayConfigurationException(prefix + ".public-key-id", "no value, but "
                        + prefix + ".public-key is set", "Set " + prefix + ".public-key-id to the id WeChat Pay shows"
                        + " beside the public key (PUB_KEY_ID_...).");
            }
            publicKey = read(properties.getPublicKey(), prefix + ".public-key", "the public key text",
                    PemKeys::publicKey, "the WeChat Pay public key pub_key.pem (-----BEGIN PUBLIC KEY-----)");
        } else if (publicKeyId != null && !publicKeyId.isBlank()) {
            throw new WechatPayConfigurationException(prefix + ".public-key", "no value, but " + prefix
                    + ".public-key-id is set", "Set " + prefix + ".public-key to the WeChat Pay public key file,"
                    + " for example file:/etc/wxpay/pub_key.pem.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<Resource> resources = properties.getPlatformCertificates();
        for (int i = 0; resources != null && i < resources.size(); i++) {
            certificates.add(read(resources.get(i), prefix + ".platform-certificates[" + i + "]",
                    "the certificate text", PemKeys::certificate,
                    "a WeChat Pay platform certificate (-----BEGIN CERTIFICATE-----)"));
        }
        if (properties.isAutoPlatformCertificates()) {
            if (properties.getApiV3Key() == null || properties.getApiV3Key().isEmpty()) {
                throw new WechatPayConfigurationException(prefix + ".api-v3-key", "no value, but " + prefix
                        + ".auto-platform-certificates is true", "Set " + prefix + ".api-v3-key: WeChat Pay encrypts"
                        + " the downloaded platform certificates with the APIv3 key.");
            }
            checkApiV3Key(properties.getApiV3Key(), prefix + ".api-v3-key");
        } else if (publicKey == null && certificates.isEmpty()) {
            throw new WechatPayConfigurationException(prefix + ".public-key",
                    "no trusted WeChat Pay key: neither " + prefix + ".public-key nor " + prefix
                            + ".platform-certificates is set, so no response or notification could be verified",
                    "Set " + prefix + ".public-key-id and " + prefix + ".public-key (the WeChat Pay public key"
                            + " from the merchant platform), list " + prefix + ".platform-certificates, or set "
                            + prefix + ".auto-platform-certificates=true (with " + prefix + ".api-v3-key).");
        }
        return new MerchantKeys(privateKey, publicKeyId, publicKey, certificates);
    }

    /**
     * Checks the APIv3 key's length before the runtime does, so the report names the property.
     *
     * @throws WechatPayConfigurationException when the key is not 32 bytes
     */
    static String checkApiV3Key(String apiV3Key, String property) {
        int length = apiV3Key.getBytes(StandardCharsets.UTF_8).length;
        if (length != API_V3_KEY_BYTES) {
            throw new WechatPayConfigurationException(property, "a value of " + length + " bytes; the APIv3 key"
                    + " is exactly " + API_V3_KEY_BYTES + " bytes", "Copy the APIv3 key again from the merchant"
                    + " platform (Account Center > API Security), without spaces or quotes.");
        }
        return apiV3Key;
    }

    private static <K> K read(Resource resource, String property, String runtimeSource, Function<String, K> parse,
            String expected) {
        if (resource == null) {
            throw new WechatPayConfigurationException(property, "no value", "Set " + property + " to "
                    + expected + ", for example file:/etc/wxpay/... or classpath:...");
        }
        String where = resource.getDescription();
        if (!resource.exists()) {
            throw new WechatPayConfigurationException(property, "no file at " + where, "Point " + property
                    + " at " + expected + "; check the path and that the application may read it.");
        }
        String pem;
        try (InputStream in = resource.getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new WechatPayConfigurationException(property, where + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", "Make " + where + " readable by the application.", e);
        }
        try {
            return parse.apply(pem);
        } catch (IllegalArgumentException e) {
            // PemKeys says what it found (a certificate, a PKCS#1 block...) and never echoes the key itself.
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(runtimeSource)) {
                message = message.substring(runtimeSource.length());
            }
            throw new WechatPayConfigurationException(property, where + message, "Point " + property + " at "
                    + expected + ".", e);
        }
    }

    /** @return the merchant API private key */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the WeChat Pay public key id, or null when only certificates are trusted */
    public String publicKeyId() {
        return publicKeyId;
    }

    /** @return the WeChat Pay public key, or null when only certificates are trusted */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return the trusted platform certificates, possibly empty; unmodifiable */
    public List<X509Certificate> platformCertificates() {
        return platformCertificates;
    }

    @Override
    public String toString() {
        return "MerchantKeys[publicKeyId=" + publicKeyId + ", platformCertificates=" + platformCertificates.size()
                + "]";
    }
}
