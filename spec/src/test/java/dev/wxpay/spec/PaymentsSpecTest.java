package dev.wxpay.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.spec.CuratedSpec.ExampleVisitor;
import dev.wxpay.spec.CuratedSpec.OperationVisitor;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The payments OpenAPI document")
class PaymentsSpecTest {
    private static final String RESOURCE = "wxpay/v3/payments.yaml";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String NOTIFY_URL_EXPRESSION = "{$request.body#/notify_url}";

    /** One operation of issue 17, plus the schema names and query parameters this document gives it. */
    record Expected(String method, String path, String operationId, String tag,
                    String requestSchema, String responseSchema, List<String> query) {
        String key() {
            return method + " " + path + " " + operationId + " " + tag;
        }
    }

    private static final String PAY = "/v3/pay/transactions";
    private static final String PARTNER_PAY = "/v3/pay/partner/transactions";
    private static final List<String> MCHID = List.of("mchid");
    private static final List<String> PARTNER_IDS = List.of("sp_mchid", "sub_mchid");
    private static final List<String> EVENTS_TRANSACTION = List.of("TRANSACTION.SUCCESS");
    private static final List<String> EVENTS_REFUND = List.of("REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED");

    /** The operationIds are a contract with the simulator and the generated API classes (issue 17). */
    private static final List<Expected> OPERATIONS = List.of(
            new Expected("POST", PAY + "/jsapi", "jsapiPrepay", "Jsapi", "JsapiPrepayRequest", "PrepayResponse", List.of()),
            new Expected("POST", PAY + "/app", "appPrepay", "App", "AppPrepayRequest", "PrepayResponse", List.of()),
            new Expected("POST", PAY + "/h5", "h5Prepay", "H5", "H5PrepayRequest", "H5PrepayResponse", List.of()),
            new Expected("POST", PAY + "/native", "nativePrepay", "Native", "NativePrepayRequest", "NativePrepayResponse", List.of()),
            new Expected("GET", PAY + "/id/{transaction_id}", "queryOrderById", "Transactions", null, "Transaction", MCHID),
            new Expected("GET", PAY + "/out-trade-no/{out_trade_no}", "queryOrderByOutTradeNo", "Transactions",
                    null, "Transaction", MCHID),
            new Expected("POST", PAY + "/out-trade-no/{out_trade_no}/close", "closeOrder", "Transactions",
                    "CloseOrderRequest", null, List.of()),
            new Expected("POST", PARTNER_PAY + "/jsapi", "partnerJsapiPrepay", "PartnerJsapi",
                    "PartnerJsapiPrepayRequest", "PrepayResponse", List.of()),
            new Expected("POST", PARTNER_PAY + "/app", "partnerAppPrepay", "PartnerApp",
                    "PartnerAppPrepayRequest", "PrepayResponse", List.of()),
            new Expected("POST", PARTNER_PAY + "/h5", "partnerH5Prepay", "PartnerH5",
                    "PartnerH5PrepayRequest", "H5PrepayResponse", List.of()),
            new Expected("POST", PARTNER_PAY + "/native", "partnerNativePrepay", "PartnerNative",
                    "PartnerNativePrepayRequest", "NativePrepayResponse", List.of()),
            new Expected("GET", PARTNER_PAY + "/id/{transaction_id}", "partnerQueryOrderById", "PartnerTransactions",
                    null, "PartnerTransaction", PARTNER_IDS),
            new Expected("GET", PARTNER_PAY + "/out-trade-no/{out_trade_no}", "partnerQueryOrderByOutTradeNo",
                    "PartnerTransactions", null, "PartnerTransaction", PARTNER_IDS),
            new Expected("POST", PARTNER_PAY + "/out-trade-no/{out_trade_no}/close", "partnerCloseOrder",
                    "PartnerTransactions", "PartnerCloseOrderRequest", null, List.of()),
            new Expected("POST", "/v3/refund/domestic/refunds", "createRefund", "Refunds", "CreateRefundRequest", "Refund", List.of()),
            new Expected("GET", "/v3/refund/domestic/refunds/{out_refund_no}", "queryRefundByOutRefundNo", "Refunds",
                    null, "Refund", List.of("sub_mchid")),
            new Expected("GET", "/v3/bill/tradebill", "getTradeBill", "Bills", null, "BillLocation",
                    List.of("bill_date", "bill_type", "tar_type")),
            new Expected("GET", "/v3/bill/fundflowbill", "getFundFlowBill", "Bills", null, "BillLocation",
                    List.of("bill_date", "account_type", "tar_type")));

    /** Query parameters that may be left out (the generated methods take null for them). */
    private static final Set<String> OPTIONAL_QUERY = Set.of("queryRefundByOutRefundNo sub_mchid",
            "getTradeBill bill_type", "getTradeBill tar_type", "getFundFlowBill account_type", "getFundFlowBill tar_type");

    private static CuratedSpec spec;
    private static String text;
    private static SwaggerParseResult parsed;
    private static OpenAPI api;
    private static JsonNode raw;

    @BeforeAll
    static void load() {
        spec = CuratedSpec.load(RESOURCE);
        text = spec.text();
        parsed = spec.parsed();
        api = spec.api();
        raw = spec.raw();
    }

    @Test
    @DisplayName("parses as OpenAPI 3.0.3 with no errors and no warnings")
    void parsesCleanly() {
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    @DisplayName("declares exactly the operations of issue 17, with their methods, paths, operationIds and tags")
    void declaresExactlyTheIssuesOperations() {
        Set<String> actual = new TreeSet<>();
        forEachOperation((path, method, op) -> {
            assertThat(op.getTags()).as(op.getOperationId() + " tags").hasSize(1);
            actual.add(method + " " + path + " " + op.getOperationId() + " " + op.getTags().get(0));
        });
        assertThat(actual).containsExactlyInAnyOrderElementsOf(OPERATIONS.stream().map(Expected::key).collect(Collectors.toList()));
        Set<String> declaredTags = api.getTags().stream().map(t -> t.getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(declaredTags).isEqualTo(OPERATIONS.stream().map(Expected::tag).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    @DisplayName("gives every operation its named request and response schemas")
    void usesTheNamedSchemas() {
        for (Expected expected : OPERATIONS) {
            Operation op = operation(expected);
            if (expected.requestSchema() == null) {
                assertThat(op.getRequestBody()).as(expected.operationId() + " request body").isNull();
            } else {
                assertThat(op.getRequestBody().getRequired()).as(expected.operationId() + " body required").isTrue();
                MediaType body = op.getRequestBody().getContent().get("application/json");
                assertThat(body.getSchema().get$ref()).as(expected.operationId() + " request schema")
                        .isEqualTo(SCHEMAS + expected.requestSchema());
                assertThat(body.getExample()).as(expected.operationId() + " request example").isNotNull();
            }
            String success = expected.responseSchema() == null ? "204" : "200";
            if (expected.responseSchema() == null) {
                assertThat(op.getResponses().get("204").getContent()).as(expected.operationId() + " 204 body").isNull();
            } else {
                MediaType ok = op.getResponses().get("200").getContent().get("application/json");
                assertThat(ok.getSchema().get$ref()).as(expected.operationId() + " 200 schema")
                        .isEqualTo(SCHEMAS + expected.responseSchema());
                assertThat(ok.getExample()).as(expected.operationId() + " 200 example").isNotNull();
            }
            for (String range : List.of("4XX", "5XX")) {
                ApiResponse error = resolve(op.getResponses().get(range));
                assertThat(error.getContent().get("application/json").getSchema().get$ref())
                        .as(expected.operationId() + " " + range).isEqualTo(SCHEMAS + "ErrorResponse");
            }
            assertThat(op.getResponses().keySet()).as(expected.operationId() + " responses")
                    .containsExactlyInAnyOrder(success, "4XX", "5XX");
        }
    }

    @Test
    @DisplayName("declares the query parameters of each operation in order, required unless they may be left out")
    void declaresQueryParameters() {
        for (Expected expected : OPERATIONS) {
            List<Parameter> query = parameters(expected.path(), operation(expected)).stream()
                    .filter(p -> "query".equals(p.getIn())).collect(Collectors.toList());
            assertThat(query).extracting(Parameter::getName).as(expected.operationId() + " query")
                    .containsExactlyElementsOf(expected.query());
            assertThat(query).allSatisfy(p -> assertThat(p.getRequired()).as(p.getName())
                    .isEqualTo(!OPTIONAL_QUERY.contains(expected.operationId() + " " + p.getName())));
        }
    }

    @Test
    @DisplayName("declares every path placeholder as a required path parameter, and no other")
    void declaresEveryPathParameter() {
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        forEachOperation((path, method, op) -> {
            Set<String> inPath = new TreeSet<>();
            Matcher m = placeholder.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            List<Parameter> declared = parameters(path, op).stream()
                    .filter(p -> "path".equals(p.getIn())).collect(Collectors.toList());
            assertThat(declared).extracting(Parameter::getName).as(op.getOperationId() + " path parameters")
                    .containsExactlyInAnyOrderElementsOf(inPath);
            assertThat(declared).allSatisfy(p -> {
                assertThat(p.getRequired()).as(p.getName() + " required").isTrue();
                assertThat(p.getSchema().getType()).as(p.getName() + " type").isEqualTo("string");
            });
        });
    }

    @Test
    @DisplayName("documents every operation with a summary, a description and the official documentation link")
    void documentsEveryOperation() {
        forEachOperation((path, method, op) -> {
            assertThat(op.getSummary()).as(op.getOperationId() + " summary").isNotBlank();
            assertThat(op.getDescription()).as(op.getOperationId() + " description").isNotBlank();
            assertThat(op.getExternalDocs()).as(op.getOperationId() + " externalDocs").isNotNull();
            assertThat(op.getExternalDocs().getUrl()).as(op.getOperationId() + " documentation link")
                    .startsWith("https://pay.weixin.qq.com/");
        });
    }

    @Test
    @DisplayName("applies the WECHATPAY2-SHA256-RSA2048 scheme, an Authorization header, to every operation")
    void appliesTheSignatureScheme() {
        assertThat(api.getSecurity()).hasSize(1);
        String name = api.getSecurity().get(0).keySet().iterator().next();
        SecurityScheme scheme = api.getComponents().getSecuritySchemes().get(name);
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(scheme.getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(scheme.getName()).isEqualTo("Authorization");
        assertThat(scheme.getDescription()).contains("WECHATPAY2-SHA256-RSA2048", "HTTP_METHOD\\nCANONICAL_URL\\nTIMESTAMP\\nNONCE\\nBODY\\n");
        forEachOperation((path, method, op) -> assertThat(op.getSecurity()).as(op.getOperationId() + " security").isNull());
    }

    @Test
    @DisplayName("describes the payment notification as a callback of every prepay and the refund notification as one of createRefund")
    void describesTheNotificationCallbacks() {
        Map<String, String> callbackByOperation = new java.util.TreeMap<>();
        for (String product : List.of("jsapi", "app", "h5", "native")) {
            // No operationId: it would repeat across the prepays; the generator names the parse after the resource.
            callbackByOperation.put(product + "Prepay", "- Transaction");
            callbackByOperation.put("partner" + Character.toUpperCase(product.charAt(0)) + product.substring(1) + "Prepay",
                    "- PartnerTransaction");
        }
        callbackByOperation.put("createRefund", "notifyRefund RefundNotification");
        Set<String> seen = new TreeSet<>();
        forEachOperation((path, method, op) -> {
            String wanted = callbackByOperation.get(op.getOperationId());
            if (wanted == null) {
                assertThat(op.getCallbacks()).as(op.getOperationId() + " callbacks").isNull();
                return;
            }
            seen.add(op.getOperationId());
            String callbackId = wanted.split(" ")[0];
            String resource = wanted.split(" ")[1];
            List<String> events = resource.equals("RefundNotification") ? EVENTS_REFUND : EVENTS_TRANSACTION;
            assertThat(op.getCallbacks()).as(op.getOperationId() + " callbacks").hasSize(1);
            Callback callback = op.getCallbacks().values().iterator().next();
            assertThat(callback.keySet()).containsExactly(NOTIFY_URL_EXPRESSION);
            PathItem item = callback.get(NOTIFY_URL_EXPRESSION);
            assertThat(item.readOperations()).hasSize(1);
            Operation notify = item.getPost();
            assertThat(notify.getOperationId()).as(op.getOperationId() + " callback operationId")
                    .isEqualTo("-".equals(callbackId) ? null : callbackId);
            assertThat(notify.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                    .isEqualTo(SCHEMAS + "Notification");
            assertThat(notify.getResponses().keySet()).containsExactlyInAnyOrder("200", "204", "4XX", "5XX");
            for (String range : List.of("4XX", "5XX")) {
                assertThat(resolve(notify.getResponses().get(range)).getContent().get("application/json").getSchema().get$ref())
                        .isEqualTo(SCHEMAS + "NotificationFailureResponse");
            }
            Object extension = notify.getExtensions().get("x-wxpay-notification");
            assertThat(extension).isInstanceOf(Map.class);
            Map<?, ?> notification = (Map<?, ?>) extension;
            assertThat(notification.keySet().stream().map(String::valueOf).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder("resource-schema", "event-types");
            assertThat(notification.get("resource-schema")).isEqualTo(SCHEMAS + resource);
            assertThat(notification.get("event-types")).isEqualTo(events);
            assertThat(api.getComponents().getSchemas()).containsKey(resource);
            assertThat(notify.getDescription()).contains(SCHEMAS + resource).contains(events);
        });
        assertThat(seen).isEqualTo(callbackByOperation.keySet());
        Schema<?> eventType = (Schema<?>) api.getComponents().getSchemas().get("Notification").getProperties().get("event_type");
        List<String> allEvents = new ArrayList<>(EVENTS_TRANSACTION);
        allEvents.addAll(EVENTS_REFUND);
        assertThat(eventType.getEnum()).isEqualTo(allEvents);
    }

    @Test
    @DisplayName("has examples that all fit their schemas")
    void everyExampleFitsItsSchema() {
        ExampleChecker checker = new ExampleChecker(raw);
        List<String> violations = new ArrayList<>();
        int[] examples = {0};
        walk(raw, "", (where, owner) -> {
            examples[0]++;
            JsonNode schema = owner.has("schema") ? owner.get("schema") : owner;
            if (!owner.has("schema") && !owner.has("type") && !owner.has("$ref")) {
                violations.add(where + ": example with no schema to check it against");
                return;
            }
            violations.addAll(checker.check(owner.get("example"), schema, where + "/example"));
        });
        assertThat(violations).isEmpty();
        // Every operation has at least a 200 example, so far fewer examples means the walk missed the document.
        assertThat(examples[0]).isGreaterThan(OPERATIONS.size() * 2);
        assertThat(raw.findValues("examples")).as("named examples are not used; put one `example` instead").isEmpty();
    }

    @Test
    @DisplayName("keeps the amount, flag and time types of the public contract")
    void keepsTheFieldTypes() {
        // Issue 17's contract: order amounts are Integer fen, refund amounts Long fen, times OffsetDateTime.
        Map<String, String> expected = Map.ofEntries(
                Map.entry("Amount.total", "integer/int32"), Map.entry("TransactionAmount.total", "integer/int32"),
                Map.entry("TransactionAmount.payer_total", "integer/int32"),
                Map.entry("RefundAmount.refund", "integer/int64"), Map.entry("RefundAmount.total", "integer/int64"),
                Map.entry("RefundAmountDetail.refund", "integer/int64"), Map.entry("RefundAmountDetail.total", "integer/int64"),
                Map.entry("RefundNotificationAmount.refund", "integer/int64"),
                Map.entry("JsapiPrepayRequest.time_expire", "string/date-time"),
                Map.entry("PartnerJsapiPrepayRequest.time_expire", "string/date-time"),
                Map.entry("Transaction.success_time", "string/date-time"),
                Map.entry("PartnerTransaction.success_time", "string/date-time"),
                Map.entry("Refund.success_time", "string/date-time"), Map.entry("Refund.create_time", "string/date-time"),
                Map.entry("RefundNotification.success_time", "string/date-time"),
                Map.entry("JsapiPrepayRequest.support_fapiao", "boolean/"), Map.entry("Payer.openid", "string/"),
                Map.entry("BillLocation.download_url", "string/"));
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        raw.path("components").path("schemas").fields().forEachRemaining(schema ->
                schema.getValue().path("properties").fields().forEachRemaining(property -> {
                    String want = expected.get(schema.getKey() + "." + property.getKey());
                    if (want == null) {
                        return;
                    }
                    seen.add(schema.getKey() + "." + property.getKey());
                    JsonNode p = property.getValue();
                    String got = p.path("type").asText() + "/" + p.path("format").asText("");
                    if (!want.equals(got)) {
                        wrong.add(schema.getKey() + "." + property.getKey() + " is " + got + ", expected " + want);
                    }
                }));
        assertThat(wrong).isEmpty();
        assertThat(seen).as("typed fields found in the schemas").isEqualTo(new TreeSet<>(expected.keySet()));
    }

    @Test
    @DisplayName("gives the contract's request models exactly the fields issue 17 names (sub_mchid added for partner refunds)")
    void givesTheContractModelsTheirFields() {
        Map<String, List<String>> expected = Map.of(
                "JsapiPrepayRequest", List.of("appid", "mchid", "description", "out_trade_no", "time_expire", "attach",
                        "notify_url", "goods_tag", "support_fapiao", "amount", "payer", "detail", "scene_info", "settle_info"),
                "Amount", List.of("total", "currency"),
                "Payer", List.of("openid"),
                "CreateRefundRequest", List.of("sub_mchid", "transaction_id", "out_trade_no", "out_refund_no", "reason",
                        "notify_url", "funds_account", "amount", "goods_detail"),
                "RefundAmount", List.of("refund", "from", "total", "currency"),
                "BillLocation", List.of("hash_type", "hash_value", "download_url"));
        expected.forEach((schema, fields) -> {
            List<String> actual = new ArrayList<>();
            raw.path("components").path("schemas").path(schema).path("properties").fieldNames().forEachRemaining(actual::add);
            assertThat(actual).as(schema + " properties").containsExactlyElementsOf(fields);
        });
        List<String> transaction = new ArrayList<>();
        raw.path("components").path("schemas").path("Transaction").path("properties").fieldNames()
                .forEachRemaining(transaction::add);
        assertThat(transaction).as("Transaction: every field of the query answer").contains("appid", "mchid",
                "out_trade_no", "transaction_id", "trade_type", "trade_state", "trade_state_desc", "bank_type", "attach",
                "success_time", "payer", "amount", "scene_info", "promotion_detail");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void forEachOperation(OperationVisitor visitor) {
        spec.forEachOperation(visitor);
    }

    private static Operation operation(Expected expected) {
        return spec.operation(expected.path(), expected.method());
    }

    private static List<Parameter> parameters(String path, Operation op) {
        return spec.parameters(path, op);
    }

    private static Parameter resolve(Parameter parameter) {
        return spec.resolve(parameter);
    }

    private static ApiResponse resolve(ApiResponse response) {
        return spec.resolve(response);
    }

    private static void walk(JsonNode node, String pointer, ExampleVisitor visitor) {
        CuratedSpec.walk(node, pointer, visitor);
    }
}
