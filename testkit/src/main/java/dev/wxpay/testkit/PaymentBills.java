package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Applying for bills and downloading them. An application builds the bill from the state at that moment
 * ({@link BillText}), answers {@code hash_type} {@code SHA1}, the SHA-1 of the uncompressed bill and a
 * {@code download_url} on the simulator, valid for five minutes and only to the merchant who applied. The download
 * must be a signed request (the simulator authenticates it like any other) and is answered unsigned, gzip-compressed
 * when {@code tar_type=GZIP} was asked. Thread-safe: the table of download tokens is guarded by this object.
 */
final class PaymentBills {

    /** The path of download URLs, as WeChat Pay's. */
    static final String DOWNLOAD_PATH = "/v3/billdownload/file";
    private static final Duration VALID_FOR = Duration.ofMinutes(5);

    private record Stored(String mchid, byte[] body, boolean gzip, Instant expires) {
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<URI> baseUri;
    private final Map<String, Stored> downloads = new HashMap<>();

    PaymentBills(Clock clock, SecureRandom random, Supplier<URI> baseUri) {
        this.clock = clock;
        this.random = random;
        this.baseUri = baseUri;
    }

    /** {@code GET /v3/bill/tradebill?bill_date=&bill_type=&tar_type=} (and {@code sub_mchid} for a partner). */
    JsonNode tradeBill(ProductDoor.ProductCall call, List<PaymentOrder> orders, List<PaymentRefunds.Refund> refunds) {
        LocalDate day = billDate(call);
        String billType = call.query().getOrDefault("bill_type", "ALL");
        if (!List.of("ALL", "SUCCESS", "REFUND").contains(billType)) {
            throw WechatError.param("bill_type", "must be ALL, SUCCESS or REFUND", JsonNodeFactory.instance
                    .textNode(billType), "query");
        }
        String sub = call.query().get("sub_mchid");
        List<PaymentOrder> mine = orders.stream().filter(o -> o.mchid.equals(call.mchid())
                && (sub == null || sub.equals(o.subMchid))).toList();
        List<PaymentRefunds.Refund> mineRefunds = refunds.stream().filter(r -> mine.contains(r.order)).toList();
        return apply(call, BillText.tradeBill(day, billType, mine, mineRefunds), day);
    }

    /** {@code GET /v3/bill/fundflowbill?bill_date=&account_type=&tar_type=}: the basic account moves money. */
    JsonNode fundFlowBill(ProductDoor.ProductCall call, List<PaymentOrder> orders,
                          List<PaymentRefunds.Refund> refunds) {
        LocalDate day = billDate(call);
        String account = call.query().getOrDefault("account_type", "BASIC");
        if (!List.of("BASIC", "OPERATION", "FEES").contains(account)) {
            throw WechatError.param("account_type", "must be BASIC, OPERATION or FEES", JsonNodeFactory.instance
                    .textNode(account), "query");
        }
        List<PaymentOrder> mine = orders.stream().filter(o -> o.mchid.equals(call.mchid())).toList();
        List<PaymentRefunds.Refund> mineRefunds = refunds.stream().filter(r -> mine.contains(r.order)).toList();
        // Payments and refunds only move the basic account; the others have nothing to show.
        String text = "BASIC".equals(account) ? BillText.fundFlowBill(day, mine, mineRefunds) : null;
        return apply(call, text, day);
    }

    /** Serves {@code GET /v3/billdownload/file?token=…} to the merchant who applied; null for other paths. */
    ProductDoor.RawAnswer serveDownload(String method, String rawPath, Map<String, String> query, String mchid) {
        if (!DOWNLOAD_PATH.equals(rawPath) || !"GET".equals(method)) {
            return null;
        }
        Stored s;
        synchronized (this) {
            s = downloads.get(query.getOrDefault("token", ""));
        }
        if (s == null || !s.mchid().equals(mchid) || clock.instant().isAfter(s.expires())) {
            throw WechatError.invalidRequest("token", "下载链接已失效或不属于该商户: the download URL is unknown, expired"
                    + " or another merchant's");
        }
        return new ProductDoor.RawAnswer(200, s.gzip() ? "application/x-gzip" : "text/plain; charset=utf-8",
                s.body().clone());
    }

    private JsonNode apply(ProductDoor.ProductCall call, String text, LocalDate day) {
        if (text == null) {
            throw new WechatError(400, "NO_STATEMENT_EXIST", "该日期无账单: no bill for " + day, null);
        }
        String tarType = call.query().get("tar_type");
        if (tarType != null && !"GZIP".equals(tarType)) {
            throw WechatError.param("tar_type", "must be GZIP when given", JsonNodeFactory.instance
                    .textNode(tarType), "query");
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        boolean gzip = "GZIP".equals(tarType);
        String token = Crypto.alphanumeric(random, 40);
        Instant now = clock.instant();
        synchronized (this) {
            downloads.values().removeIf(s -> now.isAfter(s.expires()));
            downloads.put(token, new Stored(call.mchid(), gzip ? gzip(plain) : plain, gzip, now.plus(VALID_FOR)));
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("hash_type", "SHA1");
        answer.put("hash_value", sha1(plain));
        answer.put("download_url", baseUri.get() + DOWNLOAD_PATH + "?token=" + token + (gzip ? "&tartype=gzip" : ""));
        return answer;
    }

    private static LocalDate billDate(ProductDoor.ProductCall call) {
        String date = call.query().get("bill_date");
        try {
            return LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            throw WechatError.param("bill_date", "must be a date YYYY-MM-DD", date == null ? null
                    : JsonNodeFactory.instance.textNode(date), "query");
        }
    }

    /** The lowercase hex SHA-1 WeChat Pay gives as {@code hash_value}. */
    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
