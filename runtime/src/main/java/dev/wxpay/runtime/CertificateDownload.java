package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one answer of {@code GET /v3/certificates} and returns the certificates it may adopt: every
 * {@code encrypt_certificate} must decrypt with the APIv3 key (AEAD: one that fails refuses the whole answer, as
 * it was tampered with or encrypted under another key), must be a certificate with the serial it is listed
 * under, and only those valid at {@code now} are kept; the answer's own signature must then verify with one of the
 * kept certificates or with a key already trusted. Nothing is adopted from an answer that fails a check.
 *
 * <p>Stateless functions; thread-safe.
 */
final class CertificateDownload {
    static final String PATH = "/v3/certificates";
    private static final String ALGORITHM = "AEAD_AES_256_GCM";

    private CertificateDownload() {
    }

    /**
     * @param response  the raw 2xx answer, not yet verified
     * @param aesGcm    the APIv3 key
     * @param now       the client's clock
     * @param trusted   keys already trusted (configured keys and adopted certificates), by id
     * @param provider  the JCA provider for SHA256withRSA
     * @param mapper    the JSON mapper
     * @return the certificates valid at {@code now}, at least one
     * @throws WechatPayException naming what failed (never the APIv3 key)
     */
    static List<X509Certificate> check(WireResponse response, AesGcm aesGcm, Instant now,
            Map<String, PublicKey> trusted, Provider provider, ObjectMapper mapper) {
        String requestId = response.header("Request-ID");
        JsonNode data;
        try {
            JsonNode root = mapper.readTree(response.rawBody());
            data = root == null ? null : root.get("data");
        } catch (IOException e) {
            throw new MalformedResponseException(PATH + " answered a body that is not JSON", response.statusCode(),
                    response.bodyAsString(), requestId, e);
        }
        if (data == null || !data.isArray()) {
            throw new MalformedResponseException(PATH + " answered no data array", response.statusCode(),
                    response.bodyAsString(), requestId, null);
        }
        List<X509Certificate> valid = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : data) {
            X509Certificate certificate = decrypt(entry, aesGcm);
            try {
                certificate.checkValidity(Date.from(now));
                valid.add(certificate);
            } catch (CertificateException e) {
                skipped.add(PemKeys.serialNumber(certificate) + " (valid " + certificate.getNotBefore().toInstant()
                        + " to " + certificate.getNotAfter().toInstant() + ")");
            }
        }
        if (valid.isEmpty()) {
            throw new VerificationException(PATH + " listed no certificate valid at " + now
                    + (skipped.isEmpty() ? "" : "; not valid: " + skipped), requestId);
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>(trusted);
        for (X509Certificate certificate : valid) {
            keys.putIfAbsent(PemKeys.serialNumber(certificate), certificate.getPublicKey());
        }
        // The answer must come from WeChat Pay: signed by a certificate it lists, or by a key trusted before.
        ResponseVerifier.create(keys, provider).verify(response::header, response.rawBody(), now,
                "the " + PATH + " answer", requestId);
        return valid;
    }

    private static X509Certificate decrypt(JsonNode entry, AesGcm aesGcm) {
        String serial = text(entry, "serial_no");
        JsonNode encrypted = entry.get("encrypt_certificate");
        if (serial == null || encrypted == null || !encrypted.isObject()) {
            throw new DecryptionException(PATH + " lists an entry without serial_no or encrypt_certificate", null);
        }
        String algorithm = text(encrypted, "algorithm");
        if (algorithm != null && !ALGORITHM.equals(algorithm)) {
            throw new DecryptionException("certificate " + serial + " uses algorithm " + algorithm + "; expected "
                    + ALGORITHM, null);
        }
        String pem;
        try {
            pem = aesGcm.decrypt(text(encrypted, "associated_data"), text(encrypted, "nonce"),
                    text(encrypted, "ciphertext"));
        } catch (DecryptionException e) {
            throw new DecryptionException("certificate " + serial + " from " + PATH + ": " + e.getMessage(), e);
        }
        X509Certificate certificate;
        try {
            certificate = PemKeys.certificate(pem);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("certificate " + serial + " from " + PATH + " is not a PEM certificate",
                    e);
        }
        if (!ResponseVerifier.normalise(PemKeys.serialNumber(certificate)).equals(ResponseVerifier.normalise(serial))) {
            throw new VerificationException("certificate listed as " + serial + " has serial "
                    + PemKeys.serialNumber(certificate), null);
        }
        if (!"RSA".equalsIgnoreCase(certificate.getPublicKey().getAlgorithm())) {
            throw new VerificationException("certificate " + serial + " has a " + certificate.getPublicKey()
                    .getAlgorithm() + " key; expected RSA", null);
        }
        return certificate;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
