package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Downloads: WechatPayClient.download, downloadBill and downloadEncryptedBill")
class DownloadsTest {
    static final String BILL = "交易时间,公众账号ID,商户号\r\n`2026-11-30 10:00:00,`wx8888888888888888,`1900000109\r\n"
            + "总交易单数,应结订单总金额\r\n`1,`0.01\r\n";

    private DownloadServer server;
    private WechatPayClient client;

    @BeforeEach
    void start() throws IOException {
        server = new DownloadServer();
        client = client(transport());
    }

    /**
     * The transport under test; null means the client's default. Transport modules rerun this class on their own
     * transport by overriding it (the class ships in the runtime's test jar).
     */
    protected Transport transport() {
        return null;
    }

    static WechatPayClient client(Transport transport) {
        WechatPayClient.Builder builder = WechatPayClient.builder();
        if (transport != null) {
            builder.transport(transport);
        }
        return builder
                .merchantId(TestKeys.MERCHANT_ID)
                .merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String sha1(byte[] bytes) throws Exception {
        return hex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("download signs a GET over the URL's path and query and writes the unsigned answer as it came")
    void downloadWritesRawAnswer() throws Exception {
        byte[] file = gzip(BILL.getBytes(StandardCharsets.UTF_8));
        String url = server.serve("t1", out -> out.write(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Download download = client.download(url, out);

        assertThat(out.toByteArray()).isEqualTo(file);
        assertThat(download.bytesWritten()).isEqualTo(file.length);
        assertThat(download.requestId()).isEqualTo("download-token=t1");
        assertThat(server.signedUrls).containsExactly("/v3/billdownload/file?token=t1");
    }

    @Test
    @DisplayName("downloadBill checks the SHA-1 over a plain bill")
    void plainBill() throws Exception {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        String url = server.serve("t2", out -> out.write(bill));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Download download = client.downloadBill(url, "SHA1", sha1(bill).toUpperCase(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(BILL);
        assertThat(download.bytesWritten()).isEqualTo(bill.length);
    }

    @Test
    @DisplayName("downloadBill decompresses a gzip bill and checks the hash over the uncompressed bill")
    void gzipBill() throws Exception {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        byte[] compressed = gzip(bill);
        String url = server.serve("t3", out -> out.write(compressed));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client.downloadBill(url, "SHA1", sha1(bill), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(BILL);
    }

    @Test
    @DisplayName("downloadBill checks an SM3 hash when the bill answer names SM3")
    void sm3Bill() throws Exception {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        String url = server.serve("t4", out -> out.write(bill));
        String sm3 = hex(new Sm3().digest(bill));

        client.downloadBill(url, "SM3", sm3, new ByteArrayOutputStream());
        assertThatThrownBy(() -> client.downloadBill(url, "SHA1", sm3.substring(0, 40), new ByteArrayOutputStream()))
                .isInstanceOf(VerificationException.class);
        String wrongSm3 = (sm3.charAt(0) == '0' ? "1" : "0") + sm3.substring(1);
        assertThatThrownBy(() -> client.downloadBill(url, "sm-3", wrongSm3, new ByteArrayOutputStream()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("SM3 is " + sm3);
    }

    @Test
    @DisplayName("downloadBill refuses a bill with one flipped byte after writing it, naming both hashes")
    void flippedByte() throws Exception {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        String expected = sha1(bill);
        byte[] damaged = bill.clone();
        damaged[7] ^= 1;
        String url = server.serve("t5", out -> out.write(damaged));

        assertThatThrownBy(() -> client.downloadBill(url, "SHA1", expected, new ByteArrayOutputStream()))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("discard");
    }

    @Test
    @DisplayName("the Path overload moves the file into place only when the hash matched, and leaves no temporary file")
    void pathOverload(@TempDir Path dir) throws Exception {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        byte[] damaged = bill.clone();
        damaged[0] ^= 1;
        String good = server.serve("good", out -> out.write(gzip(bill)));
        String bad = server.serve("bad", out -> out.write(damaged));
        Path target = dir.resolve("bill.csv");

        client.downloadBill(good, "SHA1", sha1(bill), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(bill);

        Path other = dir.resolve("other.csv");
        assertThatThrownBy(() -> client.downloadBill(bad, "SHA1", sha1(bill), other))
                .isInstanceOf(VerificationException.class);
        assertThat(other).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bill.csv");
        }
    }

    @Test
    @DisplayName("a non-2xx answer to a download is a ServiceException with WeChat Pay's code")
    void expiredUrl() {
        String url = server.serve("t6", out -> { }).replace("t6", "expired");
        assertThatThrownBy(() -> client.download(url, new ByteArrayOutputStream()))
                .isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).errorCode()).isEqualTo("NOT_FOUND"));
    }

    @Test
    @DisplayName("a download whose connection fails to close is a TransportException saying so, after the bytes were written")
    void closeFailure() {
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        Transport failingClose = new Transport() {
            @Override
            public WireResponse send(WireRequest request, Duration timeout) {
                throw new AssertionError("downloads stream");
            }

            @Override
            public StreamedResponse stream(WireRequest request, Duration timeout) {
                return StreamedResponse.of(200, java.util.Map.of(), new java.io.ByteArrayInputStream(bill) {
                    @Override
                    public void close() throws IOException {
                        throw new IOException("reset while closing");
                    }
                });
            }
        };
        WechatPayClient failing = client(failingClose);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> failing.download("https://api.mch.weixin.qq.com/v3/billdownload/file?token=t",
                out)).isInstanceOf(TransportException.class).hasMessageContaining("closing the download failed")
                .hasMessageContaining("reset while closing");
        assertThat(out.toByteArray()).isEqualTo(bill);
    }

    @Test
    @DisplayName("a download is sent to an http(s) URL in any case with Accept, User-Agent and the trusted key's Wechatpay-Serial; other schemes are refused")
    void downloadRequest() {
        java.util.List<WireRequest> sent = new java.util.ArrayList<>();
        Transport capturing = new Transport() {
            @Override
            public WireResponse send(WireRequest request, Duration timeout) {
                throw new AssertionError("downloads stream");
            }

            @Override
            public StreamedResponse stream(WireRequest request, Duration timeout) {
                sent.add(request);
                return StreamedResponse.of(200, java.util.Map.of(), new java.io.ByteArrayInputStream(new byte[1]));
            }
        };
        WechatPayClient capturingClient = client(capturing);
        capturingClient.download("HTTPS://api.mch.weixin.qq.com/v3/billdownload/file?token=t",
                new ByteArrayOutputStream());
        capturingClient.download("http://127.0.0.1:1/v3/billdownload/file?token=t", new ByteArrayOutputStream());
        assertThat(sent).hasSize(2);
        java.util.Map<String, java.util.List<String>> headers = sent.get(0).headers();
        assertThat(headers.get("Accept")).containsExactly("*/*");
        assertThat(headers.get("User-Agent")).singleElement().asString().startsWith("wxpay-codegen/");
        assertThat(headers.get("Wechatpay-Serial")).containsExactly(TestKeys.WECHATPAY_KEY_ID);
        assertThat(headers.get("Authorization")).singleElement().asString().startsWith("WECHATPAY2-SHA256-RSA2048 ");
        for (String other : java.util.List.of("ftp://api.mch.weixin.qq.com/file", "file://host/file")) {
            assertThatThrownBy(() -> capturingClient.download(other, new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
        }
        assertThat(sent).hasSize(2);
    }

    @Test
    @DisplayName("refuses an unknown hash type or a hash that is not hex before sending anything")
    void badArguments() {
        String url = server.serve("t7", out -> out.write(1));
        assertThatThrownBy(() -> client.downloadBill(url, "MD5", "00", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashType");
        assertThatThrownBy(() -> client.downloadBill(url, "SHA1", "xyz", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hashValue");
        // A long bad value is summarised by its length (a message is no place for a pasted file); up to 80 it is quoted.
        assertThatThrownBy(() -> client.downloadBill(url, "SHA1", "g".repeat(80), new ByteArrayOutputStream()))
                .hasMessageContaining("'" + "g".repeat(80) + "'");
        assertThatThrownBy(() -> client.downloadBill(url, "SHA1", "g".repeat(81), new ByteArrayOutputStream()))
                .hasMessageContaining("got 81 characters").hasMessageNotContaining("ggg");
        assertThatThrownBy(() -> client.download("/relative", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downloadUrl");
        assertThat(server.signedUrls).isEmpty();
    }

    static byte[] encrypt(byte[] key, String nonce, byte[] plain) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        return cipher.doFinal(plain);
    }

    static String encryptKey(byte[] key) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, TestKeys.MERCHANT.getPublic());
        return Base64.getEncoder().encodeToString(rsa.doFinal(key));
    }

    @Test
    @DisplayName("downloadEncryptedBill decrypts the key with the merchant key and the file with AES-256-GCM")
    void encryptedBill(@TempDir Path dir) throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        byte[] file = encrypt(key, "uluk4a9R25RW", gzip(bill));
        String url = server.serve("enc", out -> out.write(file));
        Path target = dir.resolve("fund.csv");

        Download download = client.downloadEncryptedBill(url, encryptKey(key), "uluk4a9R25RW", "SHA1", sha1(bill),
                target);

        assertThat(Files.readAllBytes(target)).isEqualTo(bill);
        assertThat(download.bytesWritten()).isEqualTo(bill.length);
    }

    @Test
    @DisplayName("downloadEncryptedBill refuses a file whose ciphertext or tag was altered, and writes no file")
    void alteredEncryptedBill(@TempDir Path dir) throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] bill = BILL.getBytes(StandardCharsets.UTF_8);
        byte[] file = encrypt(key, "uluk4a9R25RW", bill);
        for (int position : new int[] {0, file.length - 20, file.length - 1}) {
            byte[] altered = file.clone();
            altered[position] ^= 0x20;
            String url = server.serve("alt" + position, out -> out.write(altered));
            Path target = dir.resolve("fund" + position + ".csv");
            assertThatThrownBy(() -> client.downloadEncryptedBill(url, encryptKey(key), "uluk4a9R25RW", "SHA1",
                    sha1(bill), target)).isInstanceOf(DecryptionException.class).hasMessageContaining("discard");
            assertThat(target).doesNotExist();
        }
        String url = server.serve("wrongkey", out -> out.write(file));
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> client.downloadEncryptedBill(url, encryptKey(otherKey), "uluk4a9R25RW", "SHA1",
                sha1(bill), new ByteArrayOutputStream())).isInstanceOf(DecryptionException.class);
    }
}
