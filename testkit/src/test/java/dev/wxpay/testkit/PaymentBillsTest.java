package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator builds trade and fund-flow bills from its payments and serves them for download")
class PaymentBillsTest {

    /** 2026-11-30 23:30 in China: payments land on the 30th, the bill of the 1st stays empty. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T15:30:00Z"), ZoneOffset.UTC);
    static WechatPaySimulator simulator;
    static MerchantCalls merchant;
    static NotifyEndpoint endpoint;
    static String paidA;
    static String paidB;
    static String refundNo;

    @BeforeAll
    static void payAndRefund() throws Exception {
        simulator = TestKeys.simulator().spec(PaymentsSimulatorTest.PAYMENTS).clock(CLOCK)
                .notificationRetryDelays(List.of(Duration.ZERO)).start();
        merchant = new MerchantCalls(simulator, CLOCK);
        endpoint = new NotifyEndpoint();
        paidA = pay("BILLA0001", 1234);
        paidB = pay("BILLB0002", 5);
        prepay("BILLC0003", 700); // never paid: not in the bill
        ObjectNode refund = MerchantCalls.JSON.createObjectNode();
        refund.put("out_trade_no", "BILLA0001");
        refund.put("out_refund_no", "RBILLA0001");
        refund.putObject("amount").put("refund", 234).put("total", 1234).put("currency", "CNY");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/refund/domestic/refunds", refund.toString());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        refundNo = a.json().get("refund_id").asText();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        endpoint.close();
    }

    static void prepay(String no, long total) {
        ObjectNode r = MerchantCalls.JSON.createObjectNode();
        r.put("appid", "wxd678efh567hg6787");
        r.put("mchid", simulator.merchant().mchid());
        r.put("description", "账单测试");
        r.put("out_trade_no", no);
        r.put("notify_url", endpoint.url());
        r.putObject("amount").put("total", total);
        r.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(merchant.call("POST", "/v3/pay/transactions/jsapi", r.toString()).status()).isEqualTo(200);
    }

    static String pay(String no, long total) throws Exception {
        prepay(no, total);
        simulator.simulateUserPay(no).completion().get(30, TimeUnit.SECONDS);
        return MerchantCalls.JSON.readTree(simulator.transactionJson(no).orElseThrow()).get("transaction_id").asText();
    }

    static JsonNode apply(String target) {
        MerchantCalls.Answer a = merchant.call("GET", target, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
        return a.json();
    }

    /** The path and query of a download_url, which is what a merchant signs. */
    static String target(JsonNode location) {
        URI u = URI.create(location.get("download_url").asText());
        assertThat(u.getHost()).isEqualTo("127.0.0.1");
        return u.getRawPath() + "?" + u.getRawQuery();
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    @Test
    @DisplayName("the trade bill has WeChat Pay's columns, a row per payment and refund, a summary, and the SHA-1 it names")
    void tradeBill() throws Exception {
        JsonNode location = apply("/v3/bill/tradebill?bill_date=2026-11-30&bill_type=ALL");
        assertThat(location.get("hash_type").asText()).isEqualTo("SHA1");
        HttpResponse<byte[]> download = merchant.download(target(location));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Wechatpay-Signature")).as("downloads are not signed").isEmpty();
        assertThat(sha1(download.body())).isEqualTo(location.get("hash_value").asText());

        List<String> lines = new String(download.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(BillText.TRADE_HEADER);
        assertThat(lines.get(0).split(",")).hasSize(27);
        assertThat(lines).hasSize(6);
        String mchid = simulator.merchant().mchid();
        assertThat(lines.get(1)).isEqualTo("`2026-11-30 23:30:00,`wxd678efh567hg6787,`" + mchid + ",`0,`," + "`" + paidA
                + ",`BILLA0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.34,`0.00,`0,`0,`0.00,"
                + "`0.00,`,`,`账单测试,`,`0.07,`0.60%,`12.34,`0.00,`");
        assertThat(lines.get(2)).contains("`" + paidB + ",`BILLB0002,").contains("`0.05,");
        assertThat(lines.get(3)).contains("`REFUND,", "`" + refundNo + ",`RBILLA0001,`2.34,", "`ORIGINAL,`SUCCESS,",
                "`-0.01,");
        assertThat(lines).noneMatch(l -> l.contains("BILLC0003"));
        assertThat(lines.get(4)).isEqualTo(BillText.TRADE_SUMMARY_HEADER);
        assertThat(lines.get(5)).isEqualTo("`3,`12.39,`2.34,`0.00,`0.06,`12.39,`2.34");
    }

    @Test
    @DisplayName("with tar_type=GZIP the download is gzip, and the hash is over the uncompressed bill")
    void gzipBill() throws Exception {
        JsonNode plain = apply("/v3/bill/tradebill?bill_date=2026-11-30");
        JsonNode zipped = apply("/v3/bill/tradebill?bill_date=2026-11-30&tar_type=GZIP");
        assertThat(zipped.get("hash_value")).isEqualTo(plain.get("hash_value"));
        byte[] gz = merchant.download(target(zipped)).body();
        assertThat(gz[0] & 0xff).isEqualTo(0x1f);
        assertThat(gz[1] & 0xff).isEqualTo(0x8b);
        byte[] unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            unzipped = in.readAllBytes();
        }
        assertThat(sha1(unzipped)).isEqualTo(zipped.get("hash_value").asText());
    }

    @Test
    @DisplayName("bill_type SUCCESS and REFUND keep only their rows")
    void billTypes() throws Exception {
        String success = new String(merchant.download(target(apply(
                "/v3/bill/tradebill?bill_date=2026-11-30&bill_type=SUCCESS"))).body(), StandardCharsets.UTF_8);
        assertThat(success.lines().filter(l -> l.contains("`REFUND,"))).isEmpty();
        assertThat(success.lines().toList()).hasSize(5);
        String refund = new String(merchant.download(target(apply(
                "/v3/bill/tradebill?bill_date=2026-11-30&bill_type=REFUND"))).body(), StandardCharsets.UTF_8);
        assertThat(refund.lines().toList()).hasSize(4);
        assertThat(refund.lines().toList().get(1)).contains("`RBILLA0001,");
    }

    @Test
    @DisplayName("the download needs a signed request; an unsigned one is 401 SIGN_ERROR")
    void downloadNeedsSignature() throws IOException, InterruptedException {
        JsonNode location = apply("/v3/bill/tradebill?bill_date=2026-11-30");
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(location.get("download_url").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("SIGN_ERROR");
        assertThat(merchant.download("/v3/billdownload/file?token=made-up").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a TAMPERED_BODY fault on the download path changes the bytes, so the hash no longer matches")
    void tamperedDownload() throws Exception {
        JsonNode location = apply("/v3/bill/tradebill?bill_date=2026-11-30");
        simulator.faults().forPath(PaymentBills.DOWNLOAD_PATH, 1, Fault.tamperedBody());
        byte[] tampered = merchant.download(target(location)).body();
        assertThat(sha1(tampered)).isNotEqualTo(location.get("hash_value").asText());
        assertThat(sha1(merchant.download(target(location)).body())).as("the next download is intact")
                .isEqualTo(location.get("hash_value").asText());
        simulator.faults().forPath(PaymentBills.DOWNLOAD_PATH, 1, Fault.serverError(502));
        assertThat(merchant.download(target(location)).statusCode()).isEqualTo(502);
    }

    @Test
    @DisplayName("a day without payments has no bill: 400 NO_STATEMENT_EXIST")
    void noBill() {
        MerchantCalls.Answer a = merchant.call("GET", "/v3/bill/tradebill?bill_date=2026-12-01", null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("code").asText()).isEqualTo("NO_STATEMENT_EXIST");
        MerchantCalls.Answer bad = merchant.call("GET", "/v3/bill/tradebill?bill_date=30.11.2026", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/detail/field").asText()).isEqualTo("bill_date");
    }

    @Test
    @DisplayName("the fund-flow bill credits payments, debits fees and refunds, with the running balance")
    void fundFlowBill() throws Exception {
        JsonNode location = apply("/v3/bill/fundflowbill?bill_date=2026-11-30&account_type=BASIC");
        byte[] body = merchant.download(target(location)).body();
        assertThat(sha1(body)).isEqualTo(location.get("hash_value").asText());
        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(BillText.FUND_HEADER);
        // header, payment A and its fee, payment B (a 5 fen payment's fee rounds to nothing), the refund, summary
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).contains("`" + paidA + ",", "`交易,`交易,`收入,`12.34,`12.34,");
        assertThat(lines.get(2)).contains("`扣除交易手续费,", "`支出,`0.07,`12.27,");
        assertThat(lines.get(3)).contains("`" + paidB + ",", "`收入,`0.05,`12.32,");
        assertThat(lines.get(4)).contains("`退款,", "`支出,`2.34,`9.98,");
        assertThat(lines.get(5)).isEqualTo(BillText.FUND_SUMMARY_HEADER);
        assertThat(lines.get(6)).isEqualTo("`4,`2,`12.39,`2,`2.41");
        MerchantCalls.Answer fees = merchant.call("GET", "/v3/bill/fundflowbill?bill_date=2026-11-30&account_type=FEES",
                null);
        assertThat(fees.json().get("code").asText()).isEqualTo("NO_STATEMENT_EXIST");
    }
}
