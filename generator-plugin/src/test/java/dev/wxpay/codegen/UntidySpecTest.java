package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.SchemaModel;
import dev.wxpay.codegen.read.SpecReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A Swagger 2.0 spec without operationIds, with a Chinese tag and only inline schemas. */
@DisplayName("A spec without operationIds or named schemas")
class UntidySpecTest {
    @TempDir
    static Path scratch;
    static ClientModel model;

    @BeforeAll
    static void build() {
        GenerationRequest request = TestSpecs.request("untidy.yaml", scratch).build();
        model = WxpayGenerator.buildModel(new SpecReader().read(request.spec()), request).model();
    }

    @Test
    @DisplayName("operations are named from method and path, and the chain follows the seed's scheme")
    void derivedNames() {
        assertThat(model.apis()).flatExtracting(ApiClassModel::operations).extracting(OperationModel::methodName)
                .containsExactly("getPayscoreSignPlanPartnerUserSignPlansMerchantSignPlanNoByMerchantSignPlanNo",
                        "postPayscoreSignPlanPartnerUserSignPlans");
        ChainNodeModel node = model.chain().stream()
                .filter(n -> n.path().equals("/v3/payscore/sign-plan/partner/user-sign-plans")).findFirst().orElseThrow();
        assertThat(node.leaves()).extracting(ChainNodeModel.Leaf::methodName).containsExactly("post");
    }

    @Test
    @DisplayName("a Chinese tag never becomes a class name: the API class is named from the path")
    void chineseTag() {
        assertThat(model.apis()).extracting(ApiClassModel::className).containsExactly("PayscoreApi");
    }

    @Test
    @DisplayName("inline bodies are named from the operation, and the inline objects below them are nested classes"
            + " named after their property")
    void inlineNames() {
        assertThat(model.schemas()).extracting(SchemaModel::className).containsExactlyInAnyOrder(
                "PostPayscoreSignPlanPartnerUserSignPlansRequest",
                "PostPayscoreSignPlanPartnerUserSignPlansResponse",
                "GetMerchantSignPlanNoByMerchantSignPlanNoResponse");             // GetPayscore...NoResponse
        assertThat(model.schemas().stream().flatMap(UntidySpecTest::nested).map(SchemaModel::qualifiedName))
                .containsExactlyInAnyOrder(
                        "PostPayscoreSignPlanPartnerUserSignPlansRequest.Amount",
                        "PostPayscoreSignPlanPartnerUserSignPlansRequest.SignPlanDetail",
                        "PostPayscoreSignPlanPartnerUserSignPlansResponse.SignPlan",
                        "PostPayscoreSignPlanPartnerUserSignPlansResponse.SignPlan.Amount",
                        "GetMerchantSignPlanNoByMerchantSignPlanNoResponse.Amount");
        SchemaModel request = model.schemas().stream()
                .filter(s -> s.className().equals("PostPayscoreSignPlanPartnerUserSignPlansRequest")).findFirst().orElseThrow();
        assertThat(request.properties()).extracting(p -> p.jsonName() + ":" + p.javaType()).containsExactly(
                "service_id:String", "amount:PostPayscoreSignPlanPartnerUserSignPlansRequest.Amount",
                "sign_plan_detail:List<PostPayscoreSignPlanPartnerUserSignPlansRequest.SignPlanDetail>");
    }

    /** The nested classes of {@code schema}, at every depth. */
    private static java.util.stream.Stream<SchemaModel> nested(SchemaModel schema) {
        return schema.nested().stream().flatMap(n -> java.util.stream.Stream.concat(java.util.stream.Stream.of(n),
                nested(n)));
    }
}
