package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.api.PartnerPayscorePlansApi;
import dev.wxpay.payscore.api.PartnerUserSignPlansApi;
import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.SignPlanServiceOrdersApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanResponse;
import dev.wxpay.payscore.model.CreateSignPlanServiceOrderRequest;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.PartnerPayscorePlan;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.payscore.model.SignPlanServiceOrder;
import dev.wxpay.payscore.model.StopPartnerUserSignPlanRequest;
import dev.wxpay.payments.api.BillsApi;
import dev.wxpay.payments.api.JsapiApi;
import dev.wxpay.payments.api.RefundsApi;
import dev.wxpay.payments.api.TransactionsApi;
import dev.wxpay.payments.model.Amount;
import dev.wxpay.payments.model.BillLocation;
import dev.wxpay.payments.model.CreateRefundRequest;
import dev.wxpay.payments.model.JsapiPrepayRequest;
import dev.wxpay.payments.model.Payer;
import dev.wxpay.payments.model.PrepayResponse;
import dev.wxpay.payments.model.Refund;
import dev.wxpay.payments.model.RefundAmount;
import dev.wxpay.payments.model.Transaction;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.JsapiInvokeParams;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.RecordedRequest;
import dev.wxpay.testkit.SimulatorSpec;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the README's "The seed call, in both styles" snippet and every row of its chain-shape table against the
 * simulator, and checks that the README still shows exactly the code run here: the snippet's lines between the
 * {@code README seed call} markers below, and each table cell's code somewhere in this file.
 */
@DisplayName("The README's seed-call snippet and chain-shape table run as written")
@ExtendWith(WechatPaySimulatorExtension.class)
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE = Path.of("src", "test", "java", "dev", "wxpay", "it",
            "ReadmeExamplesTest.java");
    private static final String NOTIFY_URL = "http://127.0.0.1:9/notify";

    @Test
    @DisplayName("the seed call, in both styles, creates two sign plans and reads one back")
    void seedCallInBothStyles(WechatPaySimulator sim, WechatPayClient client) {
        PartnerPayscorePlan plan = new PartnerPayscorePlansApi(client)
                .createPartnerPayscorePlan(Fixtures.partnerPlan(Fixtures.plainNo("P")));

        // README seed call: begin
        // plan: the PayScore plan to sign, created earlier with createPartnerPayscorePlan (same service_id and sub_mchid)
        CreatePartnerUserSignPlanRequest request = new CreatePartnerUserSignPlanRequest()
                .serviceId("2002000000000558128851361561536")
                .planId(plan.getPlanId())
                .appid("wxd678efh567hg6787")
                .subMchid("1900000109")
                .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                .merchantSignPlanNo("sign-plan-0001")
                .notifyUrl("https://merchant.example/wxpay/notify")
                .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(1).merchantPlanDetailNo("detail-0001")));

        // 1. One API class per tag: the typed answer, or WithHttpInfo / Async twins.
        PartnerUserSignPlansApi api = new PartnerUserSignPlansApi(client);
        CreatePartnerUserSignPlanResponse created = api.createPartnerUserSignPlan(request);
        ApiResponse<PartnerUserSignPlan> readBack = api.getPartnerUserSignPlanWithHttpInfo("sign-plan-0001", "1900000109");

        // 2. The seed's own shape (wxpay.v3.payscore.signPlan.partner.userSignPlans.post({...})): the path as a chain.
        request.merchantSignPlanNo("sign-plan-0002");   // a new number: WeChat Pay refuses a duplicate (INVALID_REQUEST)
        ApiResponse<CreatePartnerUserSignPlanResponse> response =
                new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(request);
        PartnerUserSignPlan signPlan = response.data().getSignPlan();
        String packageStr = response.data().getPackage();   // `package` is a Java keyword: still getPackage()
        String requestId = response.requestId();              // Request-ID, for WeChat Pay support
        // README seed call: end

        assertThat(created.getSignPlan().getMerchantSignPlanNo()).isEqualTo("sign-plan-0001");
        assertThat(created.getSignPlan().getSignState()).isEqualTo("UNSIGNED");
        assertThat(readBack.statusCode()).isEqualTo(200);
        assertThat(readBack.data().getSignPlanId()).isEqualTo(created.getSignPlan().getSignPlanId());
        assertThat(readBack.requestId()).isNotBlank();
        assertThat(signPlan.getMerchantSignPlanNo()).isEqualTo("sign-plan-0002");
        assertThat(signPlan.getPlanId()).isEqualTo(plan.getPlanId());
        assertThat(packageStr).isNotBlank();
        assertThat(requestId).isEqualTo(sim.lastRequest().orElseThrow().requestId());
    }

    // ---- the chain-shape table: each row in both styles ----

    private static String partnerSignPlan(WechatPayClient client, String no) {
        String planId = new PartnerPayscorePlansApi(client)
                .createPartnerPayscorePlan(Fixtures.partnerPlan(Fixtures.plainNo("P"))).getPlanId();
        new PartnerUserSignPlansApi(client).createPartnerUserSignPlan(Fixtures.partnerSignPlan(planId, no, NOTIFY_URL));
        return no;
    }

    private static String signedDirectSignPlanId(WechatPaySimulator sim, WechatPayClient client) {
        String planId = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")))
                .getPlanId();
        CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, Fixtures.plainNo("U"), NOTIFY_URL);
        String id = new UserSignPlansApi(client).createUserSignPlan(request).getSignPlan().getSignPlanId();
        sim.simulateUserSign(request.getMerchantSignPlanNo());
        return id;
    }

    @Test
    @DisplayName("getPartnerUserSignPlan: both styles read the sign plan, its number sent as one encoded segment")
    void getPartnerUserSignPlanRow(WechatPaySimulator sim, WechatPayClient client) {
        Wxpay wxpay = new Wxpay(client);
        String subMchid = Fixtures.SUB_MCHID;
        String no = partnerSignPlan(client, "a/b c" + Fixtures.plainNo("G"));

        PartnerUserSignPlan viaApi = new PartnerUserSignPlansApi(client).getPartnerUserSignPlan(no, subMchid);
        String apiTarget = sim.lastRequest().orElseThrow().target();
        PartnerUserSignPlan viaChain = wxpay.v3().payscore().signPlan().partner().userSignPlans().merchantSignPlanNo(no).get(subMchid).data();
        RecordedRequest chainRequest = sim.lastRequest().orElseThrow();

        assertThat(viaApi.getMerchantSignPlanNo()).isEqualTo(no);
        assertThat(viaChain).isEqualTo(viaApi);
        assertThat(chainRequest.target()).isEqualTo(apiTarget).contains("/a%2Fb%20c").endsWith("?sub_mchid=" + subMchid);
        assertThat(chainRequest.signatureVerified()).isTrue();
    }

    @Test
    @DisplayName("stopPartnerUserSignPlan: both styles stop a sign plan")
    void stopPartnerUserSignPlanRow(WechatPayClient client) {
        Wxpay wxpay = new Wxpay(client);
        StopPartnerUserSignPlanRequest stopRequest = new StopPartnerUserSignPlanRequest().subMchid(Fixtures.SUB_MCHID)
                .stopReason("课程取消");

        String no = partnerSignPlan(client, Fixtures.plainNo("A"));
        PartnerUserSignPlan viaApi = new PartnerUserSignPlansApi(client).stopPartnerUserSignPlan(no, stopRequest);
        no = partnerSignPlan(client, Fixtures.plainNo("C"));
        PartnerUserSignPlan viaChain = wxpay.v3().payscore().signPlan().partner().userSignPlans().merchantSignPlanNo(no).stop().post(stopRequest).data();

        assertThat(List.of(viaApi, viaChain)).allSatisfy(p -> {
            assertThat(p.getSignState()).isEqualTo("TERMINATED");
            assertThat(p.getCancelSignType()).isEqualTo("MERCHANT");
            assertThat(p.getCancelReason()).isEqualTo("课程取消");
        });
        assertThat(viaChain.getMerchantSignPlanNo()).isEqualTo(no);
    }

    @Test
    @DisplayName("stopPayscorePlan (POST without a body): both styles stop a plan, sending no body")
    void stopPayscorePlanRow(WechatPaySimulator sim, WechatPayClient client) {
        Wxpay wxpay = new Wxpay(client);

        String no = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("A")))
                .getMerchantPlanNo();
        PayscorePlan viaApi = new PayscorePlansApi(client).stopPayscorePlan(no);
        RecordedRequest apiRequest = sim.lastRequest().orElseThrow();
        no = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("C")))
                .getMerchantPlanNo();
        PayscorePlan viaChain = wxpay.v3().payscore().plan().payscorePlans().merchantPlanNo(no).stop().post().data();
        RecordedRequest chainRequest = sim.lastRequest().orElseThrow();

        assertThat(List.of(viaApi, viaChain)).allSatisfy(p -> assertThat(p.getPlanState()).isEqualTo("TERMINATED"));
        assertThat(viaChain.getMerchantPlanNo()).isEqualTo(no);
        assertThat(List.of(apiRequest, chainRequest)).allSatisfy(r -> {
            assertThat(r.body()).isEmpty();
            assertThat(r.header("Content-Type")).isEmpty();
            assertThat(r.signatureVerified()).isTrue();
        });
    }

    @Test
    @DisplayName("createSignPlanServiceOrder: both styles create a service order on a signed plan detail")
    void createSignPlanServiceOrderRow(WechatPaySimulator sim, WechatPayClient client) {
        Wxpay wxpay = new Wxpay(client);

        CreateSignPlanServiceOrderRequest order = Fixtures.directOrder(signedDirectSignPlanId(sim, client),
                Fixtures.plainNo("O"));
        SignPlanServiceOrder viaApi = new SignPlanServiceOrdersApi(client).createSignPlanServiceOrder(order);
        String firstOutTradeNo = order.getOutTradeNo();
        order = Fixtures.directOrder(signedDirectSignPlanId(sim, client), Fixtures.plainNo("O"));
        SignPlanServiceOrder viaChain = wxpay.v3().payscore().signPlan().serviceorder().post(order).data();

        assertThat(viaApi.getOutOrderNo()).isEqualTo(firstOutTradeNo);
        assertThat(viaChain.getOutOrderNo()).isEqualTo(order.getOutTradeNo());
        assertThat(List.of(viaApi, viaChain)).allSatisfy(o -> assertThat(o.getState()).isEqualTo("CREATED"));
    }

    // ---- "Take a payment" ----

    @Test
    @DisplayName("the payment snippet prepays, signs the invoke parameters, queries the paid order, refunds and applies for the bill")
    void takeAPayment() throws Exception {
        try (WechatPaySimulator simulator = WechatPaySimulator.builder()
                .spec(SimulatorSpec.fromClasspath("wxpay/v3/payments.yaml", getClass().getClassLoader())).start()) {
            WechatPayClient client = Fixtures.clientFor(simulator).build();
            String outTradeNo = Fixtures.plainNo("order-");
            String notifyUrl = NOTIFY_URL;
            String refundNotifyUrl = NOTIFY_URL;
            String billDate = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

            // README take a payment: begin
            // 1. Prepay: WeChat Pay creates the order and answers a prepay_id (valid for two hours).
            JsapiPrepayRequest order = new JsapiPrepayRequest()
                    .appid("wxd678efh567hg6787")
                    .mchid(client.merchantId())
                    .description("Image形象店-深圳腾大-QQ公仔")
                    .outTradeNo(outTradeNo)
                    .notifyUrl(notifyUrl)                               // receives TRANSACTION.SUCCESS (handler below)
                    .amount(new Amount().total(100).currency("CNY"))    // fen: 1.00 yuan
                    .payer(new Payer().openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
            PrepayResponse prepay = new JsapiApi(client).jsapiPrepay(order);

            // 2. Invoke: the front end needs a second signature that only the merchant key can make.
            JsapiInvokeParams invoke = client.jsapiInvokeParams("wxd678efh567hg6787", prepay.getPrepayId());
            Map<String, String> forWxRequestPayment = invoke.toMap();  // appId, timeStamp, nonceStr, package, signType, paySign

            // 3. The user pays (with the testkit: simulator.simulateUserPay); TRANSACTION.SUCCESS says so. Query to be sure.
            simulator.simulateUserPay(outTradeNo);
            Transaction paid = new TransactionsApi(client).queryOrderByOutTradeNo(outTradeNo, client.merchantId());
            Integer payerTotal = paid.getAmount().getPayerTotal();     // fen, after coupons

            // 4. Refund part of it; the outcome arrives as REFUND.SUCCESS (or REFUND.ABNORMAL / REFUND.CLOSED).
            Refund refund = new RefundsApi(client).createRefund(new CreateRefundRequest()
                    .transactionId(paid.getTransactionId())
                    .outRefundNo(outTradeNo + "-R1")
                    .reason("部分退款")
                    .notifyUrl(refundNotifyUrl)
                    .amount(new RefundAmount().refund(30L).total(100L).currency("CNY")));

            // 5. Reconcile: apply for a day's trade bill; download_url is valid for five minutes.
            BillLocation bill = new BillsApi(client).getTradeBill(billDate, "ALL", null);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();   // a Path overload writes only a checked bill
            client.downloadBill(bill.getDownloadUrl(), bill.getHashType(), bill.getHashValue(), csv);   // SHA-1 checked
            // README take a payment: end

            assertThat(forWxRequestPayment).containsKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign")
                    .containsEntry("package", "prepay_id=" + prepay.getPrepayId());
            assertThat(paid.getTradeState()).isEqualTo("SUCCESS");
            assertThat(payerTotal).isEqualTo(100);
            assertThat(refund.getOutRefundNo()).isEqualTo(outTradeNo + "-R1");
            assertThat(refund.getAmount().getRefund()).isEqualTo(30L);
            assertThat(bill.getHashType()).isEqualTo("SHA1");
            assertThat(csv.toString(StandardCharsets.UTF_8)).contains("交易时间,公众账号ID,商户号");
        }
    }

    // ---- README and this file in step ----

    @Test
    @DisplayName("the README's payment snippet is, line for line, the code between this file's markers")
    void paymentSnippetMatchesTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("## Take a payment");
        assertThat(section).as("README section").isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        List<String> expected = codeLines(readme.substring(start, readme.indexOf("```", start)));
        expected.removeIf(line -> line.startsWith("import "));

        String source = Files.readString(THIS_FILE, StandardCharsets.UTF_8);
        String begin = "// README take a payment: begin";
        String region = source.substring(source.indexOf(begin) + begin.length(),
                source.indexOf("// README take a payment: end"));

        assertThat(codeLines(region)).isEqualTo(expected);
    }

    @Test
    @DisplayName("the README's seed-call snippet is, line for line, the code between this file's markers")
    void seedSnippetMatchesTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("## The seed call, in both styles");
        assertThat(section).as("README section").isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        List<String> expected = codeLines(snippet);
        expected.removeIf(line -> line.startsWith("import "));

        String source = Files.readString(THIS_FILE, StandardCharsets.UTF_8);
        String begin = "// README seed call: begin";
        String region = source.substring(source.indexOf(begin) + begin.length(),
                source.indexOf("// README seed call: end"));

        assertThat(codeLines(region)).isEqualTo(expected);
    }

    @Test
    @DisplayName("every code cell of the README's chain-shape table is run by this file, as written")
    void chainTableMatchesTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int section = readme.indexOf("### The shape of the chain");
        assertThat(section).as("README section").isNotNegative();
        String source = Files.readString(THIS_FILE, StandardCharsets.UTF_8);
        List<String> cells = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)`[^|]*\\| `([^`]+)` \\| `([^`]+)` \\|$")
                .matcher(readme.substring(section, readme.indexOf("\n## ", section)));
        while (row.find()) {
            cells.add(row.group(2));
            cells.add(row.group(3));
            assertThat(source).as("a test for the row " + row.group(1)).contains("void " + row.group(1) + "Row(");
        }

        assertThat(cells).hasSize(8).allSatisfy(cell -> assertThat(source).contains(cell));
    }

    /** Trimmed, non-blank lines. */
    private static List<String> codeLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
