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
import java.util.Set;

import static dev.wxpay.testkit.StateJson.text;

/**
 * Basic payments (基础支付) as state, direct and partner mode: prepay for JSAPI, APP, H5 and Native creates an order
 * {@code NOTPAY}; the simulated user pays it ({@code SUCCESS} and a {@code TRANSACTION.SUCCESS} notification); queries
 * by {@code transaction_id} and {@code out_trade_no} answer the stored order; close makes an unpaid order
 * {@code CLOSED}. Refunds live in {@link PaymentRefunds} and bills in {@link PaymentBills}, both behind this door.
 *
 * <p>Routes by operationId (the contract with {@code wxpay/v3/payments.yaml}); partner operations are the direct ones
 * prefixed {@code partner}. Thread-safe: every method that touches state synchronises on this object.
 */
final class PaymentsState implements ProductDoor {

    static final String TRANSACTION_SUCCESS = "TRANSACTION.SUCCESS";

    private static final Set<String> PREPAYS = Set.of("jsapiPrepay", "appPrepay", "h5Prepay", "nativePrepay");
    private static final Set<String> OPERATIONS = Set.of(
            "jsapiPrepay", "appPrepay", "h5Prepay", "nativePrepay", "queryOrderById", "queryOrderByOutTradeNo",
            "closeOrder", "partnerJsapiPrepay", "partnerAppPrepay", "partnerH5Prepay", "partnerNativePrepay",
            "partnerQueryOrderById", "partnerQueryOrderByOutTradeNo", "partnerCloseOrder",
            "createRefund", "queryRefundByOutRefundNo", "getTradeBill", "getFundFlowBill");
    private static final DateTimeFormatter PREPAY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(StateJson.CHINA);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(StateJson.CHINA);

    private final Clock clock;
    private final SecureRandom random;
    private final Notifier notifier;
    private final PaymentRefunds refunds;
    private final PaymentBills bills;
    private final Map<String, PaymentOrder> ordersByNo = new HashMap<>();  // mchid|sub_mchid|out_trade_no
    private final Map<String, PaymentOrder> ordersById = new HashMap<>();  // transaction_id
    private final List<PaymentOrder> orders = new ArrayList<>();           // creation order, for bills

    PaymentsState(Clock clock, SecureRandom random, Notifier notifier, PaymentRefunds refunds, PaymentBills bills) {
        this.clock = clock;
        this.random = random;
        this.notifier = notifier;
        this.refunds = refunds;
        this.bills = bills;
    }

    @Override
    public Set<String> operationIds() {
        return OPERATIONS;
    }

    @Override
    public JsonNode answer(ProductCall call) {
        String id = call.operationId();
        boolean partner = id.startsWith("partner");
        String base = partner ? Character.toLowerCase(id.charAt(7)) + id.substring(8) : id;
        List<Notice> notices = new ArrayList<>();
        JsonNode answer;
        synchronized (this) {
            if (PREPAYS.contains(base)) {
                answer = prepay(call, base, partner);
            } else {
                switch (base) {
                    case "queryOrderById":
                        answer = owned(ordersById.get(call.path().get("transaction_id")), call, partner).transaction();
                        break;
                    case "queryOrderByOutTradeNo":
                        answer = byNo(call.path().get("out_trade_no"), call, partner).transaction();
                        break;
                    case "closeOrder":
                        answer = close(byNo(call.path().get("out_trade_no"), call, partner));
                        break;
                    case "createRefund":
                        answer = refunds.create(call, this::refundable, notices);
                        break;
                    case "queryRefundByOutRefundNo":
                        answer = refunds.query(call);
                        break;
                    case "getTradeBill":
                        answer = bills.tradeBill(call, List.copyOf(orders), refunds.all());
                        break;
                    case "getFundFlowBill":
                        answer = bills.fundFlowBill(call, List.copyOf(orders), refunds.all());
                        break;
                    default:
                        throw new IllegalArgumentException("not a payments operation: " + id);
                }
            }
        }
        // Deliveries start outside the lock: the notification thread must never wait for a request.
        notices.forEach(notifier::send);
        return answer;
    }

    @Override
    public RawAnswer serveUnlisted(String method, String rawPath, Map<String, String> query, String mchid) {
        return bills.serveDownload(method, rawPath, query, mchid);
    }

    @Override
    public ObjectNode control(String method, List<String> segments, JsonNode body) {
        if (!"POST".equals(method) || segments.size() != 3) {
            return null;
        }
        if ("transactions".equals(segments.get(0)) && "pay".equals(segments.get(2))) {
            return ControlEndpoints.deliveryJson(userPay(segments.get(1)));
        }
        if ("refunds".equals(segments.get(0))) {
            switch (segments.get(2)) {
                case "success": return ControlEndpoints.deliveryJson(finishRefund(segments.get(1), "SUCCESS"));
                case "abnormal": return ControlEndpoints.deliveryJson(finishRefund(segments.get(1), "ABNORMAL"));
                case "close": return ControlEndpoints.deliveryJson(finishRefund(segments.get(1), "CLOSED"));
                default: return null;
            }
        }
        return null;
    }

    @Override
    public List<String> controlEndpoints() {
        String p = "POST " + WechatPaySimulator.CONTROL_PREFIX;
        return List.of(p + "transactions/{out_trade_no}/pay", p + "refunds/{out_refund_no}/success",
                p + "refunds/{out_refund_no}/abnormal", p + "refunds/{out_refund_no}/close");
    }

    /**
     * The user pays the {@code NOTPAY} order: it becomes {@code SUCCESS} with a {@code transaction_id} and
     * {@code success_time}, and {@code TRANSACTION.SUCCESS} is delivered to its {@code notify_url}.
     *
     * @throws IllegalArgumentException when no single order has this {@code out_trade_no}
     * @throws IllegalStateException when the order is not {@code NOTPAY}
     */
    NotificationDelivery userPay(String outTradeNo) {
        Notice notice;
        synchronized (this) {
            PaymentOrder order = unique(outTradeNo);
            if (!"NOTPAY".equals(order.tradeState)) {
                throw new IllegalStateException("order " + outTradeNo + " is " + order.tradeState
                        + "; only a NOTPAY order can be paid");
            }
            Instant now = clock.instant();
            order.tradeState = "SUCCESS";
            order.successTime = now;
            order.transactionId = "4200" + DAY.format(now) + Crypto.digits(random, 16);
            if (order.openid == null) {
                order.openid = "o" + Crypto.alphanumeric(random, 27);
            }
            ordersById.put(order.transactionId, order);
            notice = new Notice(TRANSACTION_SUCCESS, "支付成功", "transaction", "transaction", order.mchid,
                    order.notifyUrl(), order.transaction());
        }
        return notifier.send(notice);
    }

    /** Ends a {@code PROCESSING} refund as {@code SUCCESS}, {@code ABNORMAL} or {@code CLOSED} and notifies. */
    NotificationDelivery finishRefund(String outRefundNo, String status) {
        Notice notice;
        synchronized (this) {
            notice = refunds.finish(outRefundNo, status);
        }
        return notifier.send(notice);
    }

    /** The order as the simulator holds it now (the query answer), or null when no single order has the number. */
    synchronized ObjectNode transactionSnapshot(String outTradeNo) {
        List<PaymentOrder> found = find(outTradeNo);
        return found.size() == 1 ? found.get(0).transaction() : null;
    }

    // ---- prepay, query, close ----

    private JsonNode prepay(ProductCall call, String base, boolean partner) {
        JsonNode body = call.body();
        String owner = text(body, partner ? "sp_mchid" : "mchid");
        if (!call.mchid().equals(owner)) {
            throw WechatError.invalidRequest(partner ? "sp_mchid" : "mchid", "商户号与请求签名的商户号不一致: "
                    + owner + " is not the signing merchant " + call.mchid());
        }
        String subMchid = partner ? text(body, "sub_mchid") : null;
        String tradeType = tradeType(base);
        if ("JSAPI".equals(tradeType) && text(body.path("payer"), partner ? "sp_openid" : "openid") == null
                && (!partner || text(body.path("payer"), "sub_openid") == null)) {
            throw WechatError.param("payer." + (partner ? "sp_openid" : "openid"), "is required for a JSAPI prepay",
                    null, "body");
        }
        String outTradeNo = text(body, "out_trade_no");
        String key = key(call.mchid(), subMchid, outTradeNo);
        PaymentOrder existing = ordersByNo.get(key);
        if (existing != null) {
            if (!existing.operationId.equals(call.operationId()) || !existing.request.equals(body)) {
                throw WechatError.invalidRequest("out_trade_no", "201 商户订单号重复: out_trade_no " + outTradeNo
                        + " was already used with different content");
            }
            if (existing.paid()) {
                throw new WechatError(400, "ORDERPAID", "该订单已支付: order " + outTradeNo + " is paid", null);
            }
            if ("CLOSED".equals(existing.tradeState)) {
                throw new WechatError(400, "ORDER_CLOSED", "订单已关闭: order " + outTradeNo + " is closed", null);
            }
            return existing.prepayAnswer.deepCopy();
        }
        Instant now = clock.instant();
        String prepayId = "wx" + PREPAY_TIME.format(now) + Crypto.hex(random, 20).toLowerCase(java.util.Locale.ROOT);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        switch (tradeType) {
            case "MWEB":
                answer.put("h5_url", "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId
                        + "&package=" + Crypto.digits(random, 10));
                break;
            case "NATIVE":
                answer.put("code_url", "weixin://wxpay/bizpayurl?pr=" + Crypto.alphanumeric(random, 7));
                break;
            default:
                answer.put("prepay_id", prepayId);
        }
        PaymentOrder order = new PaymentOrder(call.mchid(), subMchid, tradeType, call.operationId(), body, prepayId,
                answer, now);
        ordersByNo.put(key, order);
        orders.add(order);
        return answer;
    }

    private static String tradeType(String base) {
        switch (base) {
            case "jsapiPrepay": return "JSAPI";
            case "appPrepay": return "APP";
            case "h5Prepay": return "MWEB";
            default: return "NATIVE";
        }
    }

    private PaymentOrder byNo(String outTradeNo, ProductCall call, boolean partner) {
        String owner = owner(call, partner);
        return owned(ordersByNo.get(key(owner, subMchidOf(call, partner), outTradeNo)), call, partner);
    }

    /** The order when it belongs to the caller (and the named sub-merchant); 404 ORDER_NOT_EXIST otherwise. */
    private PaymentOrder owned(PaymentOrder order, ProductCall call, boolean partner) {
        String owner = owner(call, partner);
        if (order == null || !order.mchid.equals(owner) || order.partner() != partner
                || (partner && !order.subMchid.equals(subMchidOf(call, partner)))) {
            throw new WechatError(404, "ORDER_NOT_EXIST", "订单不存在: no such order for this merchant", null);
        }
        return order;
    }

    /** The merchant the query or body names, which must be the one who signed the request. */
    private static String owner(ProductCall call, boolean partner) {
        String field = partner ? "sp_mchid" : "mchid";
        String named = call.query().containsKey(field) ? call.query().get(field) : text(call.body(), field);
        if (named != null && !named.equals(call.mchid())) {
            throw WechatError.invalidRequest(field, "商户号与请求签名的商户号不一致: " + named
                    + " is not the signing merchant " + call.mchid());
        }
        return call.mchid();
    }

    private static String subMchidOf(ProductCall call, boolean partner) {
        if (!partner) {
            return null;
        }
        String sub = call.query().get("sub_mchid");
        return sub != null ? sub : text(call.body(), "sub_mchid");
    }

    private static JsonNode close(PaymentOrder order) {
        if (order.paid()) {
            throw new WechatError(400, "ORDERPAID", "订单已支付，不能关闭: order " + order.outTradeNo + " is paid", null);
        }
        order.tradeState = "CLOSED";
        return null;
    }

    /** The paid order a refund names by transaction_id or out_trade_no, for {@link PaymentRefunds}. */
    private PaymentOrder refundable(String mchid, String subMchid, String transactionId, String outTradeNo) {
        PaymentOrder order = transactionId != null ? ordersById.get(transactionId)
                : ordersByNo.get(key(mchid, subMchid, outTradeNo));
        if (order == null || !order.mchid.equals(mchid)
                || (subMchid == null ? order.partner() : !subMchid.equals(order.subMchid))) {
            throw WechatError.notFound(transactionId != null ? "transaction_id" : "out_trade_no",
                    "订单不存在: no such order for this merchant");
        }
        return order;
    }

    private PaymentOrder unique(String outTradeNo) {
        List<PaymentOrder> found = find(outTradeNo);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no order with out_trade_no " + outTradeNo);
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("out_trade_no " + outTradeNo
                    + " belongs to several merchants; numbers must be unique to simulate the user");
        }
        return found.get(0);
    }

    private List<PaymentOrder> find(String outTradeNo) {
        List<PaymentOrder> found = new ArrayList<>();
        for (PaymentOrder o : orders) {
            if (o.outTradeNo.equals(outTradeNo)) {
                found.add(o);
            }
        }
        return found;
    }

    private static String key(String mchid, String subMchid, String outTradeNo) {
        return mchid + "|" + (subMchid == null ? "" : subMchid) + "|" + outTradeNo;
    }
}
