package dev.wxpay.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import javax.crypto.Cipher;

/**
 * The downloads behind {@link WechatPayClient#download}, {@link WechatPayClient#downloadBill} and
 * {@link WechatPayClient#downloadEncryptedBill}: a signed GET to a {@code download_url}, the answer streamed to the
 * caller's stream with flat memory, a gzip bill decompressed, an encrypted bill decrypted, the bill's hash checked.
 *
 * <p>The answer is not verified: WeChat Pay does not sign download answers. Their integrity comes from the hash the
 * (signed and verified) bill answer gave, which is checked here over the uncompressed bill.
 *
 * <p>Immutable and thread-safe.
 */
final class Downloads {
    private static final int BUFFER = 65536;

    private final RequestSigner signer;
    private final Clock clock;
    private final NonceSource nonces;
    private final Transport transport;
    private final Duration timeout;
    private final Supplier<Map<String, String>> headers;
    private final PrivateKey merchantKey;
    private final long maxErrorBytes;
    private final BiFunction<WireResponse, String, ServiceException> errors;

    Downloads(RequestSigner signer, Clock clock, NonceSource nonces, Transport transport, Duration timeout,
            Supplier<Map<String, String>> headers, PrivateKey merchantKey, long maxErrorBytes,
            BiFunction<WireResponse, String, ServiceException> errors) {
        this.signer = signer;
        this.clock = clock;
        this.nonces = nonces;
        this.transport = transport;
        this.timeout = timeout;
        this.headers = headers;
        this.merchantKey = merchantKey;
        this.maxErrorBytes = maxErrorBytes;
        this.errors = errors;
    }

    Download download(String downloadUrl, OutputStream out) {
        WireRequest request = signedGet(downloadUrl);
        try (StreamedResponse response = open(request)) {
            return copy(request, response, new Source(response.body()), out, null, null);
        } catch (IOException e) {
            throw closeFailure(request, e);
        }
    }

    Download downloadBill(String downloadUrl, String hashType, String hashValue, OutputStream out) {
        MessageDigest digest = digest(hashType);
        byte[] expected = hex(hashValue);
        WireRequest request = signedGet(downloadUrl);
        try (StreamedResponse response = open(request)) {
            return copy(request, response, new Source(response.body()), out, digest, expected);
        } catch (IOException e) {
            throw closeFailure(request, e);
        }
    }

    Download downloadEncryptedBill(String downloadUrl, String encryptKey, String nonce, String hashType,
            String hashValue, OutputStream out) {
        MessageDigest digest = digest(hashType);
        byte[] expected = hex(hashValue);
        byte[] key = fileKey(encryptKey);
        if (nonce == null || nonce.getBytes(StandardCharsets.UTF_8).length != 12) {
            throw new IllegalArgumentException("nonce: the bill's nonce must be 12 bytes of UTF-8, as WeChat Pay"
                    + " gives it");
        }
        WireRequest request = signedGet(downloadUrl);
        try (StreamedResponse response = open(request)) {
            InputStream plain;
            try {
                plain = new GcmDecryptingInputStream(new Source(response.body()), key,
                        nonce.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new DecryptionException("the bill key could not be used for AES-256-GCM: " + e.getMessage(), e);
            }
            return copy(request, response, plain, out, digest, expected);
        } catch (IOException e) {
            throw closeFailure(request, e);
        }
    }

    /**
     * Runs a download into a temporary file beside {@code target} and moves it into place only when every check
     * passed; on any failure the temporary file is deleted and {@code target} is left as it was.
     */
    static Download toFile(Path target, Function<OutputStream, Download> download) {
        if (target == null) {
            throw new IllegalArgumentException("target is required (the file to write)");
        }
        Path absolute = target.toAbsolutePath();
        Path temp;
        try {
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        } catch (IOException e) {
            throw new WechatPayException("cannot create a temporary file beside " + absolute + ": " + e, e);
        }
        boolean moved = false;
        try {
            Download result;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER)) {
                result = download.apply(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return result;
        } catch (IOException e) {
            throw new WechatPayException("writing the download to " + absolute + " failed: " + e, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the original failure matters more; the .part file is named after the target
                }
            }
        }
    }

    /** The signed GET: canonical URL = the download URL's raw path and query, body "" (none). */
    private WireRequest signedGet(String downloadUrl) {
        if (downloadUrl == null) {
            throw new IllegalArgumentException("downloadUrl is required (the download_url of the bill answer)");
        }
        URI uri;
        try {
            uri = new URI(downloadUrl);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("downloadUrl is not a URI: " + e.getMessage(), e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("downloadUrl must be an absolute http(s) URL, got " + uri.getScheme()
                    + "://" + uri.getHost());
        }
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.get().forEach((name, value) -> map.put(name, List.of(value)));
        String pathAndQuery = WireRequest.rawPathAndQuery(uri);
        String nonce = nonces.nextNonce();
        map.put("Authorization", List.of(signer.authorization("GET", pathAndQuery, null,
                clock.instant().getEpochSecond(), nonce)));
        return new WireRequest("GET", uri, pathAndQuery, Collections.unmodifiableMap(map), null, "download");
    }

    /** Sends the request; a non-2xx answer becomes a {@link ServiceException} (its body read up to the cap). */
    private StreamedResponse open(WireRequest request) {
        StreamedResponse response = transport.stream(request, timeout);
        if (response.isSuccessful()) {
            return response;
        }
        String requestId = response.header("Request-ID");
        byte[] body;
        try (response) {
            body = response.body().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxErrorBytes));
        } catch (IOException e) {
            body = new byte[0];
        }
        throw errors.apply(WireResponse.of(response.statusCode(), response.headers(), body), requestId);
    }

    private static Download copy(WireRequest request, StreamedResponse response, InputStream source,
            OutputStream out, MessageDigest digest, byte[] expected) {
        String requestId = response.header("Request-ID");
        long written = 0;
        try {
            InputStream in = digest == null ? source : gunzipIfCompressed(source);
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                write(out, buffer, n, request);
                written += n;
            }
        } catch (GcmDecryptingInputStream.TagMismatch e) {
            throw new DecryptionException(JdkHttpTransport.what(request) + ": " + e.getMessage()
                    + "; discard what was written", e);
        } catch (TransportFailure e) {
            IOException cause = (IOException) e.getCause();
            throw new TransportException(JdkHttpTransport.what(request) + " failed after " + written + " bytes: "
                    + cause.getMessage(), cause, cause instanceof SocketTimeoutException);
        } catch (IOException e) {
            throw new VerificationException(JdkHttpTransport.what(request) + ": the bill is not a valid gzip stream ("
                    + e.getMessage() + "); discard what was written", requestId, e);
        }
        if (digest != null) {
            byte[] actual = digest.digest();
            if (!MessageDigest.isEqual(actual, expected)) {
                throw new VerificationException(JdkHttpTransport.what(request) + ": the bill's " + digest.getAlgorithm()
                        + " is " + hexOf(actual) + ", the bill answer said " + hexOf(expected)
                        + "; the bill is damaged or altered, discard the " + written + " bytes written", requestId);
            }
        }
        return new Download(written, requestId);
    }

    private static void write(OutputStream out, byte[] buffer, int n, WireRequest request) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new WechatPayException(JdkHttpTransport.what(request) + ": writing the download failed: " + e, e);
        }
    }

    /** A gzip answer (a bill asked for with {@code tar_type=GZIP}) is recognised by its magic bytes. */
    private static InputStream gunzipIfCompressed(InputStream source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(source, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }

    private byte[] fileKey(String encryptKey) {
        if (encryptKey == null || encryptKey.isEmpty()) {
            throw new IllegalArgumentException("encryptKey is required (the bill's encrypt_key)");
        }
        byte[] key;
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.DECRYPT_MODE, merchantKey);
            key = cipher.doFinal(Base64.getDecoder().decode(encryptKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DecryptionException("encryptKey could not be decrypted with the merchant private key"
                    + " (RSA-OAEP): " + e.getClass().getSimpleName(), e);
        }
        if (key.length != 32) {
            throw new DecryptionException("encryptKey decrypts to " + key.length + " bytes, expected an AES-256 key"
                    + " of 32", null);
        }
        return key;
    }

    static MessageDigest digest(String hashType) {
        String type = hashType == null ? "" : hashType.trim().toUpperCase(Locale.ROOT).replace("-", "");
        try {
            switch (type) {
                case "SHA1":
                    return MessageDigest.getInstance("SHA-1");
                case "SM3":
                    return new Sm3();
                default:
                    throw new IllegalArgumentException("hashType must be SHA1 or SM3 (the bill's hash_type), got "
                            + hashType);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] hex(String hashValue) {
        String value = hashValue == null ? "" : hashValue.trim();
        if (value.isEmpty() || value.length() % 2 != 0 || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("hashValue must be the bill's hash_value in hex, got "
                    + (value.length() > 80 ? value.length() + " characters" : "'" + value + "'"));
        }
        byte[] bytes = new byte[value.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(value.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static String hexOf(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }

    private static RuntimeException closeFailure(WireRequest request, IOException e) {
        return new TransportException(JdkHttpTransport.what(request) + ": closing the download failed: " + e, e,
                false);
    }

    /** Marks I/O failures of the network stream, to tell them from a corrupt gzip or a wrong tag above it. */
    static final class TransportFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TransportFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The network body; its read failures become {@link TransportFailure}s, whichever read a wrapping stream uses
     * (today's wrappers read in blocks; the single-byte form is tested directly).
     */
    static final class Source extends FilterInputStream {
        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new TransportFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new TransportFailure(e);
            }
        }
    }
}
