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

@DisplayName("The PayScore OpenAPI document")
class PayscoreSpecTest {
    private static final String RESOURCE = "wxpay/payscore.yaml";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String NOTIFY_URL_EXPRESSION = "{$request.body#/notify_url}";
    private static final List<String> SIGN_PLAN_EVENTS = List.of("PAYSCORE.USER_SIGN_PLAN", "PAYSCORE.USER_CANCEL_SIGN_PLAN");

    /** One row of issue 4's table, plus the schema names and query parameters this document gives it. */
    record Expected(String method, String path, String operationId, String tag,
                    String requestSchema, String responseSchema, List<String> query) {
        String key() {
            return method + " " + path + " " + operationId + " " + tag;
        }
    }

    private static final String PLANS = "/v3/payscore/plan/payscore-plans";
    private static final String PARTNER_PLANS = "/v3/payscore/plan/partner/payscore-plans";
    private static final String SIGN_PLANS = "/v3/payscore/sign-plan/user-sign-plans";
    private static final String PARTNER_SIGN_PLANS = "/v3/payscore/sign-plan/partner/user-sign-plans";
    private static final List<String> SUB_MCHID = List.of("sub_mchid");

    private static final List<Expected> OPERATIONS = List.of(
            new Expected("POST", PARTNER_PLANS, "createPartnerPayscorePlan", "PartnerPayscorePlans",
                    "CreatePartnerPayscorePlanRequest", "PartnerPayscorePlan", List.of()),
            new Expected("GET", PARTNER_PLANS + "/merchant-plan-no/{merchant_plan_no}", "getPartnerPayscorePlan",
                    "PartnerPayscorePlans", null, "PartnerPayscorePlan", SUB_MCHID),
            new Expected("POST", PARTNER_PLANS + "/merchant-plan-no/{merchant_plan_no}/stop", "stopPartnerPayscorePlan",
                    "PartnerPayscorePlans", "StopPartnerPayscorePlanRequest", "PartnerPayscorePlan", List.of()),
            new Expected("POST", PLANS, "createPayscorePlan", "PayscorePlans",
                    "CreatePayscorePlanRequest", "PayscorePlan", List.of()),
            new Expected("GET", PLANS + "/merchant-plan-no/{merchant_plan_no}", "getPayscorePlan", "PayscorePlans",
                    null, "PayscorePlan", List.of()),
            new Expected("POST", PLANS + "/merchant-plan-no/{merchant_plan_no}/stop", "stopPayscorePlan", "PayscorePlans",
                    null, "PayscorePlan", List.of()),
            new Expected("POST", PARTNER_SIGN_PLANS, "createPartnerUserSignPlan", "PartnerUserSignPlans",
                    "CreatePartnerUserSignPlanRequest", "CreatePartnerUserSignPlanResponse", List.of()),
            new Expected("GET", PARTNER_SIGN_PLANS + "/merchant-sign-plan-no/{merchant_sign_plan_no}", "getPartnerUserSignPlan",
                    "PartnerUserSignPlans", null, "PartnerUserSignPlan", SUB_MCHID),
            new Expected("POST", PARTNER_SIGN_PLANS + "/merchant-sign-plan-no/{merchant_sign_plan_no}/stop", "stopPartnerUserSignPlan",
                    "PartnerUserSignPlans", "StopPartnerUserSignPlanRequest", "PartnerUserSignPlan", List.of()),
            new Expected("POST", SIGN_PLANS, "createUserSignPlan", "UserSignPlans",
                    "CreateUserSignPlanRequest", "CreateUserSignPlanResponse", List.of()),
            new Expected("GET", SIGN_PLANS + "/merchant-sign-plan-no/{merchant_sign_plan_no}", "getUserSignPlan", "UserSignPlans",
                    null, "UserSignPlan", List.of()),
            new Expected("POST", SIGN_PLANS + "/merchant-sign-plan-no/{merchant_sign_plan_no}/stop", "stopUserSignPlan", "UserSignPlans",
                    "StopUserSignPlanRequest", "UserSignPlan", List.of()),
            new Expected("POST", "/v3/payscore/sign-plan/partner/serviceorder", "createPartnerSignPlanServiceOrder",
                    "PartnerSignPlanServiceOrders", "CreatePartnerSignPlanServiceOrderRequest", "PartnerSignPlanServiceOrder", List.of()),
            new Expected("POST", "/v3/payscore/sign-plan/serviceorder", "createSignPlanServiceOrder", "SignPlanServiceOrders",
                    "CreateSignPlanServiceOrderRequest", "SignPlanServiceOrder", List.of()));

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
    @DisplayName("declares exactly the operations of issue 4, with their methods, paths, operationIds and tags")
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
            MediaType ok = op.getResponses().get("200").getContent().get("application/json");
            assertThat(ok.getSchema().get$ref()).as(expected.operationId() + " 200 schema")
                    .isEqualTo(SCHEMAS + expected.responseSchema());
            assertThat(ok.getExample()).as(expected.operationId() + " 200 example").isNotNull();
            for (String range : List.of("4XX", "5XX")) {
                ApiResponse error = resolve(op.getResponses().get(range));
                assertThat(error.getContent().get("application/json").getSchema().get$ref())
                        .as(expected.operationId() + " " + range).isEqualTo(SCHEMAS + "ErrorResponse");
            }
            assertThat(op.getResponses().keySet()).as(expected.operationId() + " responses")
                    .containsExactlyInAnyOrder("200", "4XX", "5XX");
        }
    }

    @Test
    @DisplayName("declares the query parameters of each operation, required and in order")
    void declaresQueryParameters() {
        for (Expected expected : OPERATIONS) {
            List<Parameter> query = parameters(expected.path(), operation(expected)).stream()
                    .filter(p -> "query".equals(p.getIn())).collect(Collectors.toList());
            assertThat(query).extracting(Parameter::getName).as(expected.operationId() + " query")
                    .containsExactlyElementsOf(expected.query());
            assertThat(query).allSatisfy(p -> assertThat(p.getRequired()).as(p.getName()).isTrue());
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
    @DisplayName("describes the sign-plan notifications as a notify_url callback on the create-sign-plan operations")
    void describesTheNotificationCallbacks() {
        Map<String, String> resourceByOperation = Map.of(
                "createPartnerUserSignPlan", "PartnerUserSignPlan", "createUserSignPlan", "UserSignPlan");
        forEachOperation((path, method, op) -> {
            String resource = resourceByOperation.get(op.getOperationId());
            if (resource == null) {
                assertThat(op.getCallbacks()).as(op.getOperationId() + " callbacks").isNull();
                return;
            }
            assertThat(op.getCallbacks()).as(op.getOperationId() + " callbacks").hasSize(1);
            Callback callback = op.getCallbacks().values().iterator().next();
            assertThat(callback.keySet()).containsExactly(NOTIFY_URL_EXPRESSION);
            PathItem item = callback.get(NOTIFY_URL_EXPRESSION);
            assertThat(item.readOperations()).hasSize(1);
            Operation notify = item.getPost();
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
            assertThat(notification.get("event-types")).isEqualTo(SIGN_PLAN_EVENTS);
            assertThat(api.getComponents().getSchemas()).containsKey(resource);
            assertThat(notify.getDescription()).contains(SCHEMAS + resource, SIGN_PLAN_EVENTS.get(0), SIGN_PLAN_EVENTS.get(1));
        });
        Schema<?> eventType = (Schema<?>) api.getComponents().getSchemas().get("Notification").getProperties().get("event_type");
        assertThat(eventType.getEnum()).isEqualTo(SIGN_PLAN_EVENTS);
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
    @DisplayName("keeps WeChat Pay's own amount, count and time types")
    void keepsTheFieldTypes() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("plan_detail_no", "integer/int32"), Map.entry("going_detail_no", "integer/int32"),
                Map.entry("deduction_quantity", "integer/int32"),
                Map.entry("original_price", "integer/int64"), Map.entry("actual_price", "integer/int64"),
                Map.entry("actual_pay_price", "integer/int64"), Map.entry("total_origin_price", "integer/int64"),
                Map.entry("total_original_price", "integer/int64"), Map.entry("total_actual_price", "integer/int64"),
                Map.entry("cancel_sign_time", "string/date-time"), Map.entry("plan_over_time", "string/date-time"),
                Map.entry("sign_time", "string/date-time"),
                Map.entry("stop_time", "string/date-time"), Map.entry("create_time", "string/date-time"),
                Map.entry("plan_duration", "integer/int32"), Map.entry("amount", "integer/int64"),
                Map.entry("use_time", "string/"), Map.entry("complete_time", "string/"), Map.entry("cancel_time", "string/"));
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        raw.path("components").path("schemas").fields().forEachRemaining(schema ->
                schema.getValue().path("properties").fields().forEachRemaining(property -> {
                    String want = expected.get(property.getKey());
                    if (want == null) {
                        return;
                    }
                    seen.add(property.getKey());
                    JsonNode p = property.getValue();
                    String got = p.path("type").asText() + "/" + p.path("format").asText("");
                    if (!want.equals(got)) {
                        wrong.add(schema.getKey() + "." + property.getKey() + " is " + got + ", expected " + want);
                    }
                }));
        assertThat(wrong).isEmpty();
        assertThat(seen).as("typed fields found in the schemas").isEqualTo(new TreeSet<>(expected.keySet()));
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
