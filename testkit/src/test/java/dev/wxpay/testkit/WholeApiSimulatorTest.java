package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.WechatPayClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A simulator loaded with the whole bundled API")
class WholeApiSimulatorTest {

    /** A media upload of the whole API: multipart meta + file, answered with a media_id. */
    private static final String UPLOAD = "createEcommerceAccountCancelApplicationsMedia";
    private static final String UPLOAD_PATH = "/v3/ecommerce/account/cancel-applications/media";

    static SimulatorSpec spec;
    static WechatPaySimulator simulator;
    static MerchantCalls merchant;

    @BeforeAll
    static void start() {
        spec = SimulatorSpec.wholeApi();
        simulator = TestKeys.simulator().spec(spec).specAnswersOnly(true).start();
        merchant = new MerchantCalls(simulator, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    @DisplayName("serves every operation of every product the index lists")
    void loadsEveryProduct() {
        assertThat(spec.operationIds()).hasSize(993).contains(UPLOAD, "createPartnerUserSignPlan");
        assertThat(spec.name()).isEqualTo("classpath:" + SimulatorSpec.WHOLE_API_INDEX);
    }

    @Test
    @DisplayName("gives every operation a request example its own validation accepts, with every required field")
    void everyRequestExampleIsValid() throws Exception {
        List<String> invalid = new ArrayList<>();
        for (SpecOperation op : spec.operations()) {
            RequestExample example = spec.requestExample(op.operationId());
            for (SpecOperation.Param p : op.params()) {
                String value = "path".equals(p.in()) ? example.pathParameters().get(p.name())
                        : "query".equals(p.in()) ? example.queryParameters().get(p.name()) : null;
                if (p.required() && !"header".equals(p.in()) && value == null
                        || value != null && !SchemaValidator.validateText(value, p.schema(), p.name()).isEmpty()) {
                    invalid.add(op.operationId() + " " + p.name() + "=" + value);
                }
            }
            if (op.hasBody() && !op.multipart()) {
                JsonNode body = MerchantCalls.JSON.readTree(example.bodyJson().orElseThrow());
                SchemaValidator.validate(body, op.bodySchema(), "")
                        .forEach(v -> invalid.add(op.operationId() + " " + v.message()));
            }
            if (op.responseSchema() != null && op.example() != null) {
                SchemaValidator.validate(op.example(), op.responseSchema(), "")
                        .forEach(v -> invalid.add(op.operationId() + " answer " + v.message()));
            }
        }
        assertThat(invalid).isEmpty();
        assertThat(spec.requestExample("createPartnerUserSignPlan").bodyJson()).as("deterministic")
                .isEqualTo(SimulatorSpec.payscore().requestExample("createPartnerUserSignPlan").bodyJson());
    }

    @Test
    @DisplayName("accepts a JSON operation's example and answers a signed example with every required field")
    void acceptsTheExample() throws Exception {
        RequestExample example = spec.requestExample("createPartnerUserSignPlan");
        MerchantCalls.Answer a = merchant.call("POST", "/v3/payscore/sign-plan/partner/user-sign-plans",
                example.bodyJson().orElseThrow());

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
        SpecOperation op = operation("createPartnerUserSignPlan");
        assertThat(SchemaValidator.validate(a.json(), op.responseSchema(), "")).isEmpty();
    }

    @Test
    @DisplayName("answers 400 PARAM_ERROR for a request missing a nested required field or with a wrong type")
    void refusesAWrongRequest() throws Exception {
        ObjectNode body = (ObjectNode) MerchantCalls.JSON.readTree(
                spec.requestExample("createPartnerUserSignPlan").bodyJson().orElseThrow());
        ((ObjectNode) body.get("sign_plan_detail").get(0)).remove("plan_detail_no");
        MerchantCalls.Answer missing = merchant.call("POST", "/v3/payscore/sign-plan/partner/user-sign-plans",
                body.toString());
        body.put("service_id", 12);
        MerchantCalls.Answer wrongType = merchant.call("POST", "/v3/payscore/sign-plan/partner/user-sign-plans",
                body.toString());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("PARAM_ERROR");
        assertThat(missing.json().at("/detail/field").asText()).isEqualTo("sign_plan_detail[0].plan_detail_no");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("message").asText()).contains("service_id must be a string");
    }

    @Test
    @DisplayName("answers a file download with a file, unsigned, after checking the request's signature and parameters")
    void answersADownloadWithAnUnsignedFile() {
        SpecOperation op = operation("getTransferdownloadSignfile");
        String target = "/v3/transferdownload/signfile?token=t-1";
        MerchantCalls.Answer a = merchant.call("GET", target, null);
        MerchantCalls.Answer noToken = merchant.call("GET", "/v3/transferdownload/signfile", null);

        assertThat(op.fileType()).isEqualTo("application/pdf");
        assertThat(op.responseSchema()).isNull();
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("wxpay-testkit file GET " + target + "\n");
        assertThat(a.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(a.header("Wechatpay-Signature")).as("WeChat Pay does not sign a download").isNull();
        assertThat(a.header("Request-ID")).isNotEmpty();
        assertThat(noToken.status()).as(noToken.body()).isEqualTo(400);
        assertThat(spec.operations().stream().filter(o -> o.fileType() != null).map(SpecOperation::operationId))
                .containsExactlyInAnyOrder("getBilldownloadFile", "getTransferdownloadSignfile",
                        "getTransferdownloadElecvoucherfile", "getMerchantServiceImage", "getGlobalMerchantServiceImage");
    }

    @Test
    @DisplayName("accepts a media upload signed over its meta part, and answers its media_id")
    void acceptsAnUpload() {
        RequestExample example = spec.requestExample(UPLOAD);
        String meta = example.bodyJson().orElseThrow();
        MerchantCalls.Answer a = merchant.upload(UPLOAD_PATH, meta, List.of(
                new Object[] {"meta", null, meta.getBytes(StandardCharsets.UTF_8)},
                new Object[] {"file", "example.png", example.file()}));

        assertThat(example.upload()).isTrue();
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("media_id").asText()).isNotEmpty();
        assertThat(a.verifies(simulator.platformPublicKey())).isTrue();
    }

    @Test
    @DisplayName("refuses an upload whose file is missing, or is not the file its meta describes, with PARAM_ERROR")
    void refusesAWrongUpload() {
        RequestExample example = spec.requestExample(UPLOAD);
        String meta = example.bodyJson().orElseThrow();
        MerchantCalls.Answer noFile = merchant.upload(UPLOAD_PATH, meta, List.<Object[]>of(
                new Object[] {"meta", null, meta.getBytes(StandardCharsets.UTF_8)}));
        MerchantCalls.Answer otherFile = merchant.upload(UPLOAD_PATH, meta, List.of(
                new Object[] {"meta", null, meta.getBytes(StandardCharsets.UTF_8)},
                new Object[] {"file", "example.png", new byte[] {1, 2, 3}}));
        MerchantCalls.Answer signedWrong = merchant.upload(UPLOAD_PATH, "{}", List.of(
                new Object[] {"meta", null, meta.getBytes(StandardCharsets.UTF_8)},
                new Object[] {"file", "example.png", example.file()}));

        assertThat(noFile.status()).as(noFile.body()).isEqualTo(400);
        assertThat(noFile.json().at("/detail/field").asText()).isEqualTo("file");
        assertThat(otherFile.status()).as(otherFile.body()).isEqualTo(400);
        assertThat(otherFile.json().at("/detail/field").asText()).isEqualTo("meta.sha256");
        assertThat(signedWrong.status()).as("the signature covers the meta part").isEqualTo(401);
    }

    @Test
    @DisplayName("keeps the PayScore state by default: an unknown sign plan is not answered from the example")
    void statefulProductsKeepTheirBehaviour() {
        try (WechatPaySimulator stateful = TestKeys.simulator().spec(spec).start()) {
            MerchantCalls.Answer a = new MerchantCalls(stateful, Clock.systemUTC()).call("GET",
                    "/v3/payscore/sign-plan/partner/user-sign-plans/merchant-sign-plan-no/none?sub_mchid=1900000109",
                    null);
            assertThat(a.status()).as(a.body()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("wants a sensitive query parameter encrypted for its WeChat Pay key, and refuses it in plaintext")
    void sensitiveParametersArriveEncrypted() {
        RequestExample example = spec.requestExample("getAggracctBcWbChannelAccountBalance");
        assertThat(example.sensitiveParameters()).contains("bal_account_no");
        try (WechatPayClient client = WechatPayClient.builder().baseUri(simulator.baseUri())
                .merchantId(simulator.merchant().mchid())
                .merchantSerialNumber(simulator.merchant().certificateSerialNo())
                .merchantPrivateKey(simulator.merchant().privateKey().orElseThrow())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey()).build()) {
            String account = example.queryParameters().get("bal_account_no");
            assertThatThrownBy(() -> client.execute(balance(example, account), JsonNode.class))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                        assertThat(e.detail().get("field").asText()).isEqualTo("bal_account_no");
                    });
            assertThat(client.execute(balance(example, client.encryptSensitive(account)), JsonNode.class)
                    .statusCode()).isEqualTo(200);
        }
    }

    private static ApiRequest balance(RequestExample example, String account) {
        ApiRequest.Builder b = ApiRequest.builder("GET", "/v3/aggracct-bc/wb-channel/account/balance")
                .operationId("getAggracctBcWbChannelAccountBalance");
        example.queryParameters().forEach((name, value) ->
                b.queryParam(name, "bal_account_no".equals(name) ? account : value));
        return b.build();
    }

    private static SpecOperation operation(String id) {
        return spec.operations().stream().filter(o -> o.operationId().equals(id)).findFirst().orElseThrow();
    }
}
