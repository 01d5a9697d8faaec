package dev.wxpay.runtime;

import java.util.function.Supplier;

/**
 * The first certificate download of {@link WechatPayClient.Builder#build()}, turned into the message a merchant
 * can act on. Stateless.
 */
final class PlatformCertificatesStart {
    private PlatformCertificatesStart() {
    }

    /**
     * Downloads the first set; on failure closes the client and throws.
     *
     * @param requestSerialProblem what is wrong with the configured request serial, asked once the set is known
     *                             (it may name a downloaded certificate); null when nothing is
     * @throws IllegalStateException when the download fails or the request serial names no trusted key
     */
    static void start(WechatPayClient client, PlatformCertificates certificates,
            Supplier<String> requestSerialProblem) {
        try {
            certificates.start();
        } catch (ServiceException e) {
            client.close();
            throw new IllegalStateException("Cannot build WechatPayClient: GET " + CertificateDownload.PATH
                    + " was refused (" + e.getMessage() + "). A merchant enrolled in WeChat Pay public-key mode has"
                    + " no platform certificates: configure wechatPayPublicKey(id, key) instead of"
                    + " autoPlatformCertificates", e);
        } catch (WechatPayException e) {
            client.close();
            throw new IllegalStateException("Cannot build WechatPayClient: the first download of platform"
                    + " certificates failed: " + e.getMessage(), e);
        }
        String problem = requestSerialProblem.get();
        if (problem != null) {
            client.close();
            throw new IllegalStateException("Cannot build WechatPayClient: " + problem);
        }
    }
}
