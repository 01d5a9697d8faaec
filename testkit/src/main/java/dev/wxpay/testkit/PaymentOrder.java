package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

import static dev.wxpay.testkit.StateJson.format;
import static dev.wxpay.testkit.StateJson.text;

/**
 * One order as the simulated WeChat Pay holds it after a prepay: who owns it (the caller's mchid, and the
 * sub-merchant in partner mode), what was asked (the prepay body, kept to tell a retry from a conflicting reuse of
 * {@code out_trade_no}), its trade state and what has been refunded. Builds the {@code Transaction} answer of a
 * query and of a {@code TRANSACTION.SUCCESS} notification. Not thread-safe: {@link PaymentsState} guards it.
 */
final class PaymentOrder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final String mchid;
    final String subMchid; // null in direct mode
    final String outTradeNo;
    final String tradeType; // JSAPI, APP, MWEB, NATIVE
    final String operationId;
    final JsonNode request;
    final String prepayId;
    final ObjectNode prepayAnswer;
    final Instant createTime;
    String tradeState = "NOTPAY";
    String transactionId;
    Instant successTime;
    String openid;
    final String openidField; // openid; in partner mode sub_openid or sp_openid, as the prepay named the payer
    long refunded; // fen, refunds that succeeded or are processing

    PaymentOrder(String mchid, String subMchid, String tradeType, String operationId, JsonNode request,
                 String prepayId, ObjectNode prepayAnswer, Instant createTime) {
        this.mchid = mchid;
        this.subMchid = subMchid;
        this.outTradeNo = text(request, "out_trade_no");
        this.tradeType = tradeType;
        this.operationId = operationId;
        this.request = request.deepCopy();
        this.prepayId = prepayId;
        this.prepayAnswer = prepayAnswer.deepCopy();
        this.createTime = createTime;
        JsonNode payer = request.path("payer");
        this.openidField = !partner() ? "openid" : text(payer, "sub_openid") != null ? "sub_openid" : "sp_openid";
        this.openid = text(payer, openidField);
    }

    boolean partner() {
        return subMchid != null;
    }

    long total() {
        return request.path("amount").path("total").asLong();
    }

    String currency() {
        String c = text(request.path("amount"), "currency");
        return c == null ? "CNY" : c;
    }

    String notifyUrl() {
        return text(request, "notify_url");
    }

    String description() {
        return text(request, "description");
    }

    String attach() {
        return text(request, "attach");
    }

    /** The appid the payment ran under: {@code appid}, or {@code sp_appid} in partner mode. */
    String appid() {
        return text(request, partner() ? "sp_appid" : "appid");
    }

    boolean paid() {
        return "SUCCESS".equals(tradeState) || "REFUND".equals(tradeState);
    }

    /** The order as WeChat Pay's query answers it (and as {@code TRANSACTION.SUCCESS} carries it). */
    ObjectNode transaction() {
        ObjectNode t = NODES.objectNode();
        if (partner()) {
            t.put("sp_appid", text(request, "sp_appid"));
            t.put("sp_mchid", mchid);
            StateJson.copyIfPresent(request, t, "sub_appid");
            t.put("sub_mchid", subMchid);
        } else {
            t.put("appid", text(request, "appid"));
            t.put("mchid", mchid);
        }
        t.put("out_trade_no", outTradeNo);
        if (transactionId != null) {
            t.put("transaction_id", transactionId);
        }
        t.put("trade_type", tradeType);
        t.put("trade_state", tradeState);
        t.put("trade_state_desc", describe(tradeState));
        if (successTime != null) {
            t.put("bank_type", "OTHERS");
        }
        StateJson.copyIfPresent(request, t, "attach");
        if (successTime != null) {
            t.put("success_time", format(successTime));
        }
        if (openid != null && (paid() || request.path("payer").size() > 0)) {
            ObjectNode payer = t.putObject("payer");
            payer.put(openidField, openid);
        }
        ObjectNode amount = t.putObject("amount");
        amount.put("total", total());
        if (successTime != null) {
            amount.put("payer_total", total());
        }
        amount.put("currency", currency());
        amount.put("payer_currency", currency());
        StateJson.copyIfPresent(request, t, "scene_info");
        t.putArray("promotion_detail");
        return t;
    }

    private static String describe(String state) {
        switch (state) {
            case "SUCCESS": return "支付成功";
            case "REFUND": return "转入退款";
            case "CLOSED": return "已关闭";
            default: return "订单未支付";
        }
    }
}
