package dev.wxpay.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;

/**
 * One merchant's settings: under {@code wxpay.*} for a single merchant, under {@code wxpay.merchants.<name>.*} for
 * several. Spring binds and owns instances; mutable only while binding (not thread-safe for writes). Keys are
 * referenced as resources ({@code file:}, {@code classpath:}), and {@link #toString()} prints no key material.
 */
public class MerchantProperties {

    /** The merchant id (mchid), for example 1900000109. Under wxpay (not under wxpay.merchants) setting it is what turns the starter on. */
    private String merchantId;

    /** The serial number of the merchant API certificate (hex), sent in every request's Authorization header. */
    private String merchantSerialNumber;

    /** The merchant API private key (apiclient_key.pem), as a resource such as file:/etc/wxpay/apiclient_key.pem. */
    private Resource privateKey;

    /** The id of the WeChat Pay public key (PUB_KEY_ID_...), set together with public-key. */
    private String publicKeyId;

    /** The WeChat Pay public key (pub_key.pem, -----BEGIN PUBLIC KEY-----), as a resource. */
    private Resource publicKey;

    /** WeChat Pay platform certificates (wechatpay_*.pem) to trust, as resources; for merchants without a public key. */
    private List<Resource> platformCertificates = new ArrayList<>();

    /**
     * Download the WeChat Pay platform certificates (GET /v3/certificates) at startup and keep them current; needs
     * api-v3-key, which decrypts them. For merchants without the WeChat Pay public key; configured keys keep working
     * beside the downloaded certificates.
     */
    private boolean autoPlatformCertificates;

    /** The APIv3 key (exactly 32 bytes) that decrypts notifications; without it no NotificationParser is created. */
    private String apiV3Key;

    /** The API host; defaults to https://api.mch.weixin.qq.com. */
    private URI baseUri;

    /** The backup API host tried when the primary cannot be reached, for example https://api2.mch.weixin.qq.com. */
    private URI backupBaseUri;

    /** The whole-call timeout of each request; defaults to 10s. */
    private Duration timeout;

    /** The connect timeout; defaults to 10s. */
    private Duration connectTimeout;

    /** @return the merchant id (mchid) */
    public String getMerchantId() {
        return merchantId;
    }

    /** @param merchantId the merchant id (mchid) */
    public void setMerchantId(String merchantId) {
        this.merchantId = merchantId;
    }

    /** @return the merchant API certificate serial number */
    public String getMerchantSerialNumber() {
        return merchantSerialNumber;
    }

    /** @param merchantSerialNumber the merchant API certificate serial number */
    public void setMerchantSerialNumber(String merchantSerialNumber) {
        this.merchantSerialNumber = merchantSerialNumber;
    }

    /** @return where the merchant private key is read from */
    public Resource getPrivateKey() {
        return privateKey;
    }

    /** @param privateKey where the merchant private key is read from */
    public void setPrivateKey(Resource privateKey) {
        this.privateKey = privateKey;
    }

    /** @return the WeChat Pay public key id */
    public String getPublicKeyId() {
        return publicKeyId;
    }

    /** @param publicKeyId the WeChat Pay public key id */
    public void setPublicKeyId(String publicKeyId) {
        this.publicKeyId = publicKeyId;
    }

    /** @return where the WeChat Pay public key is read from */
    public Resource getPublicKey() {
        return publicKey;
    }

    /** @param publicKey where the WeChat Pay public key is read from */
    public void setPublicKey(Resource publicKey) {
        this.publicKey = publicKey;
    }

    /** @return the platform certificates to trust */
    public List<Resource> getPlatformCertificates() {
        return platformCertificates;
    }

    /** @param platformCertificates the platform certificates to trust */
    public void setPlatformCertificates(List<Resource> platformCertificates) {
        this.platformCertificates = platformCertificates;
    }

    /** @return whether platform certificates are downloaded and kept current */
    public boolean isAutoPlatformCertificates() {
        return autoPlatformCertificates;
    }

    /** @param autoPlatformCertificates whether platform certificates are downloaded and kept current */
    public void setAutoPlatformCertificates(boolean autoPlatformCertificates) {
        this.autoPlatformCertificates = autoPlatformCertificates;
    }

    /** @return the APIv3 key */
    public String getApiV3Key() {
        return apiV3Key;
    }

    /** @param apiV3Key the APIv3 key */
    public void setApiV3Key(String apiV3Key) {
        this.apiV3Key = apiV3Key;
    }

    /** @return the API host, or null for the default */
    public URI getBaseUri() {
        return baseUri;
    }

    /** @param baseUri the API host */
    public void setBaseUri(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** @return the backup API host, or null for none */
    public URI getBackupBaseUri() {
        return backupBaseUri;
    }

    /** @param backupBaseUri the backup API host */
    public void setBackupBaseUri(URI backupBaseUri) {
        this.backupBaseUri = backupBaseUri;
    }

    /** @return the per-call timeout, or null for the default */
    public Duration getTimeout() {
        return timeout;
    }

    /** @param timeout the per-call timeout */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return the connect timeout, or null for the default */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout the connect timeout */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Names the merchant and where its keys come from; never the keys or the APIv3 key. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[merchantId=" + merchantId + ", baseUri=" + baseUri + ", apiV3Key="
                + (apiV3Key == null ? "unset" : "(set)") + "]";
    }
}
