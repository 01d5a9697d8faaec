package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.PropertyModel;
import dev.wxpay.codegen.model.SchemaModel;
import dev.wxpay.codegen.read.SpecReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Naming and type decisions of the intermediate model built from the payscore spec. */
@DisplayName("The intermediate model of the payscore spec")
class ClientModelTest {
    @TempDir
    static Path scratch;
    static ClientModel model;

    @BeforeAll
    static void build() {
        GenerationRequest request = TestSpecs.request("payscore.yaml", scratch).build();
        model = WxpayGenerator.buildModel(new SpecReader().read(request.spec()), request).model();
    }

    private static PropertyModel property(String schema, String json) {
        SchemaModel s = model.schemas().stream().filter(m -> m.className().equals(schema)).findFirst().orElseThrow();
        return s.properties().stream().filter(p -> p.jsonName().equals(json)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("int32 is Integer, int64 is Long, date-time is OffsetDateTime, and the \"\"-prone times stay String")
    void types() {
        assertThat(property("PartnerUserSignPlan", "going_detail_no").javaType()).isEqualTo("Integer");
        assertThat(property("PartnerUserSignPlan", "total_origin_price").javaType()).isEqualTo("Long");
        assertThat(property("PartnerUserSignPlan", "sign_time").javaType()).isEqualTo("OffsetDateTime");
        assertThat(property("PartnerUserSignPlan", "signed_detail_list").javaType()).isEqualTo("List<SignedDetail>");
        assertThat(property("SignedDetail", "use_time").javaType()).isEqualTo("String");
        assertThat(property("ErrorResponse", "detail").javaType()).isEqualTo("Map<String, Object>");
    }

    @Test
    @DisplayName("the keyword property package gets a safe field and fluent setter but keeps getPackage()")
    void keywordProperty() {
        PropertyModel p = property("CreatePartnerUserSignPlanResponse", "package");
        assertThat(p.fieldName()).isEqualTo("packageValue");
        assertThat(p.fluentName()).isEqualTo("packageValue");
        assertThat(p.getterName()).isEqualTo("getPackage");
        assertThat(p.setterName()).isEqualTo("setPackage");
        assertThat(p.annotation()).isEqualTo("@JsonProperty(value = \"package\", required = true)");
    }

    @Test
    @DisplayName("snake_case properties get camelCase fluent setters and JavaBean accessors")
    void snakeCase() {
        PropertyModel p = property("CreatePartnerUserSignPlanRequest", "sub_appid");
        assertThat(p.fluentName()).isEqualTo("subAppid");
        assertThat(p.getterName()).isEqualTo("getSubAppid");
        assertThat(p.required()).isFalse();
        assertThat(p.annotation()).isEqualTo("@JsonProperty(\"sub_appid\")");
    }

    @Test
    @DisplayName("one API class per tag, operations named after their operationIds")
    void apiClasses() {
        assertThat(model.apis()).extracting(ApiClassModel::className).containsExactly("PartnerPayscorePlansApi",
                "PartnerSignPlanServiceOrdersApi", "PartnerUserSignPlansApi", "PayscorePlansApi",
                "SignPlanServiceOrdersApi", "UserSignPlansApi");
        ApiClassModel partner = model.apis().stream().filter(a -> a.className().equals("PartnerUserSignPlansApi"))
                .findFirst().orElseThrow();
        assertThat(partner.operations()).extracting(OperationModel::methodName)
                .containsExactly("createPartnerUserSignPlan", "getPartnerUserSignPlan", "stopPartnerUserSignPlan");
        OperationModel get = partner.operations().get(1);
        assertThat(get.parameterDeclarations()).isEqualTo("String merchantSignPlanNo, String subMchid");
        assertThat(get.builderCalls()).containsExactly(".pathParam(\"merchant_sign_plan_no\", merchantSignPlanNo)",
                ".queryParam(\"sub_mchid\", subMchid)");
    }

    @Test
    @DisplayName("a POST without a body has no body argument and still answers the plan")
    void bodylessPost() {
        OperationModel stop = model.apis().stream().flatMap(a -> a.operations().stream())
                .filter(o -> o.operationId().equals("stopPayscorePlan")).findFirst().orElseThrow();
        assertThat(stop.httpMethod()).isEqualTo("POST");
        assertThat(stop.parameterDeclarations()).isEqualTo("String merchantPlanNo");
        assertThat(stop.builderCalls()).noneMatch(c -> c.startsWith(".body"));
        assertThat(stop.responseType()).isEqualTo("PayscorePlan");
    }

    @Test
    @DisplayName("the chain folds literal/{param} into one method taking the value and reaches all 14 operations")
    void chain() {
        ChainNodeModel userSignPlans = model.chain().stream()
                .filter(n -> n.path().equals("/v3/payscore/sign-plan/partner/user-sign-plans")).findFirst().orElseThrow();
        assertThat(userSignPlans.children()).extracting(ChainNodeModel.Child::methodName, ChainNodeModel.Child::parameterDeclarations)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("merchantSignPlanNo", "String merchantSignPlanNo"));
        assertThat(userSignPlans.leaves()).extracting(ChainNodeModel.Leaf::methodName).containsExactly("post");
        long leaves = model.chain().stream().mapToLong(n -> n.leaves().size()).sum();
        assertThat(leaves).isEqualTo(14);
        assertThat(model.chain()).extracting(ChainNodeModel::className).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("callbacks with x-wxpay-notification become event-type constants and typed parse methods")
    void notifications() {
        assertThat(model.notifications()).isPresent();
        assertThat(model.notifications().get().className()).isEqualTo("PayscoreNotifications");
        assertThat(model.notifications().get().eventTypes()).extracting(e -> e.constantName())
                .containsExactly("PAYSCORE_USER_CANCEL_SIGN_PLAN", "PAYSCORE_USER_SIGN_PLAN");
        assertThat(model.notifications().get().callbacks()).extracting(c -> c.methodName() + ":" + c.resourceType())
                .containsExactly("parseNotifyPartnerUserSignPlan:PartnerUserSignPlan",
                        "parseNotifyUserSignPlan:UserSignPlan");
    }

    @Test
    @DisplayName("chain class names come from the path, without repeating a parameter named like its segment")
    void chainClassNames() {
        assertThat(ChainBuilder.className("/v3/payscore/plan/payscore-plans/merchant-plan-no/{merchant_plan_no}/stop"))
                .isEqualTo("V3PayscorePlanPayscorePlansMerchantPlanNoStop");
        assertThat(ChainBuilder.className("/v3/pay/transactions/id/{transaction_id}"))
                .isEqualTo("V3PayTransactionsIdTransactionId");
    }

    @Test
    @DisplayName("operations without an operationId get one derived from method and path")
    void derivedOperationIds() {
        assertThat(SpecPreparer.derivedOperationId("POST", "/v3/payscore/sign-plan/partner/user-sign-plans"))
                .isEqualTo("postPayscoreSignPlanPartnerUserSignPlans");
        assertThat(SpecPreparer.derivedOperationId("GET", "/v3/pay/transactions/id/{transaction_id}"))
                .isEqualTo("getPayTransactionsIdByTransactionId");
    }
}
