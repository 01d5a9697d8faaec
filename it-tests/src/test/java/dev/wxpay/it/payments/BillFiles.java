package dev.wxpay.it.payments;

import dev.wxpay.runtime.RequestSigner;
import dev.wxpay.testkit.SimulatedMerchant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A bill download done by hand, as issue 17 asks until the runtime can download: a normally signed GET of the
 * download_url (the answer carries no WeChat Pay signature), then the SHA-1 of the uncompressed bill checked against
 * the hash the bill application answered. Also splits a trade bill into its rows. Stateless.
 */
final class BillFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BillFiles() {
    }

    /** The raw bytes the download_url answers, fetched with a request signed by {@code merchant}. */
    static byte[] download(SimulatedMerchant merchant, String downloadUrl) {
        URI uri = URI.create(downloadUrl);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestSigner signer = RequestSigner.create(merchant.mchid(), merchant.certificateSerialNo(),
                merchant.privateKey().orElseThrow(), null);
        String nonce = Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60))
                .header("Authorization", signer.authorization("GET", pathAndQuery, null,
                        Instant.now().getEpochSecond(), nonce))
                .header("Accept", "*/*").build();
        try {
            HttpResponse<byte[]> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("bill download answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The bill, uncompressed when it came gzip, once its SHA-1 equals {@code hashValue}.
     *
     * @throws IllegalStateException the bytes are not the bill WeChat Pay described (altered or truncated)
     */
    static byte[] checked(byte[] downloaded, String hashType, String hashValue) {
        if (!"SHA1".equals(hashType)) {
            throw new IllegalStateException("unknown hash_type " + hashType);
        }
        byte[] bill = isGzip(downloaded) ? gunzip(downloaded) : downloaded;
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bill));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equalsIgnoreCase(hashValue)) {
            throw new IllegalStateException("bill SHA-1 is " + actual + ", the bill application said " + hashValue);
        }
        return bill;
    }

    /** The transaction rows of a trade bill: between the header row and the summary header, backquotes removed. */
    static List<List<String>> tradeRows(byte[] bill) {
        String[] lines = new String(bill, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].startsWith("总交易单数"); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : lines[i].split(",", -1)) {
                fields.add(field.startsWith("`") ? field.substring(1) : field);
            }
            rows.add(fields);
        }
        return rows;
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the bill is not valid gzip", e);
        }
    }
}
