package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.wxpay.testkit.StateJson.format;
import static dev.wxpay.testkit.StateJson.text;

/**
 * Domestic refunds (退款) as state: a refund is checked against what its order was paid and what is already refunded,
 * starts {@code PROCESSING} and ends {@code SUCCESS} (at once, by default, with a {@code REFUND.SUCCESS}
 * notification), or, when refunds are held, when the simulated bank decides ({@code SUCCESS}, {@code ABNORMAL},
 * {@code CLOSED}). Not thread-safe on its own: {@link PaymentsState} calls it under its lock.
 */
final class PaymentRefunds {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(StateJson.CHINA);

    /** Finds the paid order a refund names; throws the WeChat Pay error when there is none. */
    interface OrderLookup {
        PaymentOrder find(String mchid, String subMchid, String transactionId, String outTradeNo);
    }

    /** One refund and the order it returns money from. */
    static final class Refund {
        final String mchid;
        final String subMchid;
        final String outRefundNo;
        final String refundId;
        final PaymentOrder order;
        final JsonNode request;
        final long amount;
        final Instant createTime;
        String status = "PROCESSING";
        Instant successTime;

        Refund(String mchid, String subMchid, String refundId, PaymentOrder order, JsonNode request,
               Instant createTime) {
            this.mchid = mchid;
            this.subMchid = subMchid;
            this.outRefundNo = text(request, "out_refund_no");
            this.refundId = refundId;
            this.order = order;
            this.request = request.deepCopy();
            this.amount = request.path("amount").path("refund").asLong();
            this.createTime = createTime;
        }

        String reason() {
            return text(request, "reason");
        }
    }

    private final Clock clock;
    private final SecureRandom random;
    private final boolean completeAtOnce;
    private final Map<String, Refund> byNo = new HashMap<>(); // mchid|sub_mchid|out_refund_no
    private final List<Refund> all = new ArrayList<>();

    /** @param completeAtOnce whether a refund succeeds right after it is accepted, or waits for the simulated bank */
    PaymentRefunds(Clock clock, SecureRandom random, boolean completeAtOnce) {
        this.clock = clock;
        this.random = random;
        this.completeAtOnce = completeAtOnce;
    }

    /** Creates a refund; appends the notification to send when it completed at once. */
    JsonNode create(ProductDoor.ProductCall call, OrderLookup orders, List<Notice> notices) {
        JsonNode body = call.body();
        String subMchid = text(body, "sub_mchid");
        String outRefundNo = text(body, "out_refund_no");
        String key = call.mchid() + "|" + (subMchid == null ? "" : subMchid) + "|" + outRefundNo;
        Refund existing = byNo.get(key);
        if (existing != null) {
            if (!existing.request.equals(body)) {
                throw WechatError.invalidRequest("out_refund_no", "商户退款单号重复: out_refund_no " + outRefundNo
                        + " was already used with different content");
            }
            return answer(existing);
        }
        String transactionId = text(body, "transaction_id");
        String outTradeNo = text(body, "out_trade_no");
        if (transactionId == null && outTradeNo == null) {
            throw WechatError.param("transaction_id", "or out_trade_no is required", null, "body");
        }
        PaymentOrder order = orders.find(call.mchid(), subMchid, transactionId, outTradeNo);
        if (!order.paid()) {
            throw WechatError.invalidRequest(transactionId != null ? "transaction_id" : "out_trade_no",
                    "订单未支付，不能退款: order " + order.outTradeNo + " is " + order.tradeState);
        }
        JsonNode amount = body.path("amount");
        if (amount.path("total").asLong() != order.total()) {
            throw WechatError.invalidRequest("amount.total", "订单金额与原订单不一致: amount.total "
                    + amount.path("total").asLong() + " is not the order's total " + order.total());
        }
        long refund = amount.path("refund").asLong();
        if (refund <= 0) {
            throw WechatError.param("amount.refund", "must be at least 1 fen", amount.get("refund"), "body");
        }
        long left = order.total() - order.refunded;
        if (refund > left) {
            ObjectNode detail = NODES.objectNode();
            detail.put("field", "amount.refund");
            detail.put("issue", "exceeds what is left to refund: " + left + " fen");
            throw new WechatError(400, "NOT_ENOUGH", "申请退款金额超过订单可退金额: " + refund + " fen asked, "
                    + left + " fen left of " + order.total(), detail);
        }
        Instant now = clock.instant();
        Refund r = new Refund(call.mchid(), subMchid, "50" + Crypto.digits(random, 4) + DAY.format(now)
                + Crypto.digits(random, 15), order, body, now);
        byNo.put(key, r);
        all.add(r);
        order.refunded += refund;
        order.tradeState = "REFUND";
        JsonNode answer = answer(r);
        if (completeAtOnce) {
            notices.add(finish(r, "SUCCESS"));
        }
        return answer;
    }

    /** The refund the caller names by {@code out_refund_no} (and {@code sub_mchid} in partner mode). */
    JsonNode query(ProductDoor.ProductCall call) {
        String subMchid = call.query().get("sub_mchid");
        String outRefundNo = call.path().get("out_refund_no");
        Refund r = byNo.get(call.mchid() + "|" + (subMchid == null ? "" : subMchid) + "|" + outRefundNo);
        if (r == null) {
            throw WechatError.notFound("out_refund_no", "退款单不存在: no refund with out_refund_no " + outRefundNo);
        }
        return answer(r);
    }

    /**
     * Ends the single {@code PROCESSING} refund with this number.
     *
     * @throws IllegalArgumentException when no single refund has the number
     * @throws IllegalStateException when it is not {@code PROCESSING}
     */
    Notice finish(String outRefundNo, String status) {
        List<Refund> found = new ArrayList<>();
        for (Refund r : all) {
            if (r.outRefundNo.equals(outRefundNo)) {
                found.add(r);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no refund with out_refund_no " + outRefundNo
                    : "out_refund_no " + outRefundNo + " belongs to several merchants");
        }
        return finish(found.get(0), status);
    }

    private Notice finish(Refund r, String status) {
        if (!"PROCESSING".equals(r.status)) {
            throw new IllegalStateException("refund " + r.outRefundNo + " is " + r.status
                    + "; only a PROCESSING refund can end" + (completeAtOnce
                    ? " (refunds complete at once unless the simulator holds them)" : ""));
        }
        r.status = status;
        if ("SUCCESS".equals(status)) {
            r.successTime = clock.instant();
        } else {
            // The money never left: it can be refunded again.
            r.order.refunded -= r.amount;
        }
        String notifyUrl = text(r.request, "notify_url");
        return new Notice("REFUND." + status, summary(status), "refund", "refund", r.mchid,
                notifyUrl != null ? notifyUrl : r.order.notifyUrl(), notification(r));
    }

    /** Every refund so far, in creation order (for bills). */
    List<Refund> all() {
        return List.copyOf(all);
    }

    private static String summary(String status) {
        switch (status) {
            case "SUCCESS": return "退款成功";
            case "ABNORMAL": return "退款异常";
            default: return "退款关闭";
        }
    }

    private static ObjectNode answer(Refund r) {
        ObjectNode n = NODES.objectNode();
        n.put("refund_id", r.refundId);
        n.put("out_refund_no", r.outRefundNo);
        n.put("transaction_id", r.order.transactionId);
        n.put("out_trade_no", r.order.outTradeNo);
        n.put("channel", "ORIGINAL");
        n.put("user_received_account", "支付用户零钱");
        if (r.successTime != null) {
            n.put("success_time", format(r.successTime));
        }
        n.put("create_time", format(r.createTime));
        n.put("status", r.status);
        String funds = text(r.request, "funds_account");
        n.put("funds_account", funds == null ? "AVAILABLE" : funds);
        ObjectNode amount = n.putObject("amount");
        amount.put("total", r.order.total());
        amount.put("refund", r.amount);
        amount.putArray("from");
        amount.put("payer_total", r.order.total());
        amount.put("payer_refund", r.amount);
        amount.put("settlement_refund", r.amount);
        amount.put("settlement_total", r.order.total());
        amount.put("discount_refund", 0);
        amount.put("currency", r.order.currency());
        amount.put("refund_fee", 0);
        n.putArray("promotion_detail");
        return n;
    }

    private static ObjectNode notification(Refund r) {
        ObjectNode n = NODES.objectNode();
        if (r.subMchid != null) {
            n.put("sp_mchid", r.mchid);
            n.put("sub_mchid", r.subMchid);
        } else {
            n.put("mchid", r.mchid);
        }
        n.put("out_trade_no", r.order.outTradeNo);
        n.put("transaction_id", r.order.transactionId);
        n.put("out_refund_no", r.outRefundNo);
        n.put("refund_id", r.refundId);
        n.put("refund_status", r.status);
        if (r.successTime != null) {
            n.put("success_time", format(r.successTime));
        }
        n.put("user_received_account", "支付用户零钱");
        ObjectNode amount = n.putObject("amount");
        amount.put("total", r.order.total());
        amount.put("refund", r.amount);
        amount.put("payer_total", r.order.total());
        amount.put("payer_refund", r.amount);
        return n;
    }
}
