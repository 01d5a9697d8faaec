package dev.wxpay.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * WeChat Pay's bill files as text, built from the simulator's orders and refunds for one day (China time): the trade
 * bill (交易账单) with its 27 columns and summary, and the basic-account fund-flow bill (资金账单). Every field is
 * prefixed with a backquote as WeChat Pay does, so spreadsheets keep long numbers; amounts are yuan with two
 * decimals. Rows are in time order, so the same state gives the same bytes. Stateless.
 */
final class BillText {

    static final String TRADE_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String TRADE_SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,"
            + "申请退款总金额";
    static final String FUND_HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,账户结余（元）,"
            + "资金变更提交申请人,备注,业务凭证号";
    static final String FUND_SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    /** The simulated fee rate, 0.6 %, as WeChat Pay charges most merchants. */
    private static final String RATE = "0.60%";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(StateJson.CHINA);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(StateJson.CHINA);

    private BillText() {
    }

    /** One line of a bill before it is written, with its time for ordering. */
    private record Line(Instant time, List<String> fields) {
    }

    /**
     * The trade bill of {@code day}; {@code billType} is {@code ALL}, {@code SUCCESS} or {@code REFUND}. Null when the
     * day has no row (WeChat Pay then answers {@code NO_STATEMENT_EXIST}).
     */
    static String tradeBill(LocalDate day, String billType, List<PaymentOrder> orders,
                            List<PaymentRefunds.Refund> refunds) {
        List<Line> lines = new ArrayList<>();
        long settled = 0;
        long refunded = 0;
        long fees = 0;
        long ordered = 0;
        long asked = 0;
        if (!"REFUND".equals(billType)) {
            for (PaymentOrder o : orders) {
                if (o.successTime != null && on(day, o.successTime)) {
                    long fee = fee(o.total());
                    lines.add(new Line(o.successTime, row(o, o.successTime, "SUCCESS", o.total(), "0", "0", 0, "", "",
                            fee, o.total(), 0)));
                    settled += o.total();
                    fees += fee;
                    ordered += o.total();
                }
            }
        }
        if (!"SUCCESS".equals(billType)) {
            for (PaymentRefunds.Refund r : refunds) {
                if ("SUCCESS".equals(r.status) && on(day, r.successTime)) {
                    long fee = -fee(r.amount);
                    lines.add(new Line(r.successTime, row(r.order, r.successTime, "REFUND", 0, r.refundId,
                            r.outRefundNo, r.amount, "ORIGINAL", "SUCCESS", fee, 0, r.amount)));
                    refunded += r.amount;
                    fees += fee;
                    asked += r.amount;
                }
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(TRADE_HEADER).append('\n');
        lines.stream().sorted(Comparator.comparing(Line::time)).forEach(l -> append(out, l.fields()));
        out.append(TRADE_SUMMARY_HEADER).append('\n');
        append(out, List.of(Integer.toString(lines.size()), yuan(settled), yuan(refunded), yuan(0), yuan(fees),
                yuan(ordered), yuan(asked)));
        return out.toString();
    }

    private static List<String> row(PaymentOrder o, Instant time, String state, long settled, String refundId,
                                    String outRefundNo, long refund, String refundType, String refundStatus,
                                    long fee, long ordered, long asked) {
        return List.of(TIME.format(time), o.appid(), o.mchid, o.subMchid == null ? "0" : o.subMchid, "",
                o.transactionId, o.outTradeNo, o.openid == null ? "" : o.openid, o.tradeType, state, "OTHERS",
                o.currency(), yuan(settled), yuan(0), refundId, outRefundNo, yuan(refund), yuan(0), refundType,
                refundStatus, nonNull(o.description()), nonNull(o.attach()), yuan(fee), RATE, yuan(ordered),
                yuan(asked), "");
    }

    /**
     * The basic-account fund-flow bill of {@code day}: each payment credited, its fee (when not zero) debited, each
     * refund debited,
     * with the running balance. Null when the day has no entry.
     */
    static String fundFlowBill(LocalDate day, List<PaymentOrder> orders, List<PaymentRefunds.Refund> refunds) {
        List<Line> entries = new ArrayList<>();
        for (PaymentOrder o : orders) {
            if (o.successTime != null && on(day, o.successTime)) {
                entries.add(new Line(o.successTime, List.of(o.transactionId, "交易", "交易", "收入",
                        Long.toString(o.total()), "")));
                if (fee(o.total()) > 0) {
                    entries.add(new Line(o.successTime, List.of(o.transactionId, "扣除交易手续费", "扣除交易手续费", "支出",
                            Long.toString(fee(o.total())), "")));
                }
            }
        }
        for (PaymentRefunds.Refund r : refunds) {
            if ("SUCCESS".equals(r.status) && on(day, r.successTime)) {
                entries.add(new Line(r.successTime, List.of(r.refundId, "退款", "退款", "支出", Long.toString(r.amount),
                        nonNull(r.reason()))));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(FUND_HEADER).append('\n');
        long balance = 0;
        long income = 0;
        long expense = 0;
        int incomes = 0;
        int n = 0;
        List<Line> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Line::time));
        for (Line e : sorted) {
            List<String> f = e.fields();
            long amount = Long.parseLong(f.get(4));
            boolean in = "收入".equals(f.get(3));
            balance += in ? amount : -amount;
            if (in) {
                income += amount;
                incomes++;
            } else {
                expense += amount;
            }
            n++;
            // The flow number is derived from the day and position, so applying twice gives the same bill.
            String flowNo = DAY.format(e.time()) + String.format("%018d", n);
            append(out, List.of(TIME.format(e.time()), f.get(0), flowNo, f.get(1), f.get(2), f.get(3), yuan(amount),
                    yuan(balance), "系统", f.get(5), f.get(0)));
        }
        out.append(FUND_SUMMARY_HEADER).append('\n');
        append(out, List.of(Integer.toString(n), Integer.toString(incomes), yuan(income), Integer.toString(n - incomes),
                yuan(expense)));
        return out.toString();
    }

    /** The fee WeChat Pay keeps on an amount, in fen, rounded half up. */
    static long fee(long fen) {
        return (fen * 6 + 500) / 1000;
    }

    /** Fen as yuan with two decimals: 1 → 0.01, -150 → -1.50. */
    static String yuan(long fen) {
        long abs = Math.abs(fen);
        return (fen < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    private static boolean on(LocalDate day, Instant time) {
        return time != null && time.atOffset(StateJson.CHINA).toLocalDate().equals(day);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void append(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append('`').append(fields.get(i));
        }
        out.append('\n');
    }
}
