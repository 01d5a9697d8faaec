package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The operation naming rule")
class OperationNamesTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
            "GET, /v3/refund/domestic/refunds/{out_refund_no}, getRefundDomesticRefund",
            "POST, /v3/refund/domestic/refunds, createRefundDomesticRefunds",
            "GET, /v3/pay/transactions/out-trade-no/{out_trade_no}, getPayTransactionByOutTradeNo",
            "GET, /v3/pay/transactions/id/{transaction_id}, getPayTransactionById",
            "POST, /v3/pay/transactions/out-trade-no/{out_trade_no}/close, closePayTransactionByOutTradeNo",
            "POST, /v3/pay/transactions/jsapi, createPayTransactionsJsapi",
            "POST, /v3/apply4subject/applyment/{business_code}/cancel, cancelApply4subjectApplymentByBusinessCode",
            "POST, /v3/apply4subject/applyment/{applyment_id}/cancel, cancelApply4subjectApplymentByApplymentId",
            "GET, /v3/marketing/activities/{activity_id}, getMarketingActivity",
            "GET, /v3/merchant-service/complaints/{transaction_id}/negotiation-historys, getMerchantServiceComplaintNegotiationHistorys",
            "PATCH, /v3/global/merchants/{sub_mchid}, updateGlobalMerchant",
            "PUT, /v3/x/batches/{batch_no}, replaceXBatch",
            "DELETE, /v3/x/boxes/{id}, deleteXBox",
            "GET, /v3/certificates, getCertificates",
            "GET, /v3/applyment4sub/applyment/, getApplyment4subApplyment",
            "POST, /v3/x/status/{id}, createXStatusById",
            "POST, /v3/x/{a}/{b}, createXByAByB",
    })
    void namesOperations(String method, String path, String expected) {
        assertThat(OperationNames.operationId(method, path)).isEqualTo(expected);
    }

    @Test
    @DisplayName("gives different methods on one path different verbs, even a POST to a segment named like a verb")
    void verbsOfMethodsNeverCoincide() {
        assertThat(OperationNames.operationId("DELETE", "/v3/x/items")).isEqualTo("deleteXItems");
        assertThat(OperationNames.operationId("POST", "/v3/x/items/delete")).isEqualTo("createXItemsDelete");
        assertThat(OperationNames.ACTIONS).doesNotContain("get", "create", "update", "replace", "delete");
    }

    @Test
    @DisplayName("tags a path by its product and first resource segment, in ASCII UpperCamel")
    void tags() {
        assertThat(OperationNames.tag("/v3/pay/transactions/jsapi")).isEqualTo("PayTransactions");
        assertThat(OperationNames.tag("/v3/fund-app/mch-transfer/transfer-bills")).isEqualTo("FundAppMchTransfer");
        assertThat(OperationNames.tag("/v3/global/merchants/{sub_mchid}")).isEqualTo("GlobalMerchants");
        assertThat(OperationNames.tag("/v3/merchants/{sub_mchid}")).isEqualTo("Merchants");
        assertThat(OperationNames.tag("/v3/certificates")).isEqualTo("Certificates");
        assertThat(OperationNames.tag("/v3/transaction-block/transaction-block-submissions"))
                .as("product and resource together pass 40 characters").isEqualTo("TransactionBlockSubmissions");
        assertThat(OperationNames.product("/v3/fund-app/x")).isEqualTo("fund-app");
    }

    @Test
    @DisplayName("refuses a path outside /v3/ and a method that is not an operation's")
    void refusesWhatItCannotName() {
        assertThatThrownBy(() -> OperationNames.operationId("GET", "/v2/x")).hasMessageContaining("/v2/x");
        assertThatThrownBy(() -> OperationNames.operationId("HEAD", "/v3/x")).hasMessageContaining("HEAD");
    }
}
