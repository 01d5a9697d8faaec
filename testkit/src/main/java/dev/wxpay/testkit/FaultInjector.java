package dev.wxpay.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The faults a {@link WechatPaySimulator} applies to its next answers, per operation or for the next N calls.
 * Several faults may apply to one call (a delay and a tampered body, say). Obtained from
 * {@link WechatPaySimulator#faults()}; thread-safe (every method synchronises on this injector).
 *
 * <pre>{@code
 * simulator.faults().forNextCalls(1, Fault.serverError(503));
 * simulator.faults().forOperation("getPartnerUserSignPlan", Fault.tamperedBody());
 * simulator.faults().forPath("/v3/pay/transactions/out-trade-no/{out_trade_no}", 2, Fault.delay(Duration.ofSeconds(3)));
 * simulator.faults().clear();
 * }</pre>
 */
public final class FaultInjector {

    private static final class Rule {
        final String operationId; // null = any operation
        final String path;        // null = any path; else a raw path or a template with {params}
        int remaining;            // -1 = until cleared
        final Fault fault;

        Rule(String operationId, String path, int remaining, Fault fault) {
            this.operationId = operationId;
            this.path = path;
            this.remaining = remaining;
            this.fault = fault;
        }

        boolean applies(String calledOperation, String rawPath) {
            return (operationId == null || operationId.equals(calledOperation))
                    && (path == null || pathMatches(path, rawPath));
        }

        @Override
        public String toString() {
            return fault + (operationId != null ? " on " + operationId : path != null ? " on " + path : " on any call")
                    + (remaining < 0 ? " until cleared" : " for " + remaining + " more call" + (remaining == 1 ? "" : "s"));
        }
    }

    private final Set<String> operationIds;
    private final List<Rule> rules = new ArrayList<>();

    FaultInjector(Set<String> operationIds) {
        this.operationIds = operationIds;
    }

    /** Applies {@code fault} to every call of {@code operationId} until {@link #clear()}. */
    public FaultInjector forOperation(String operationId, Fault fault) {
        return add(checkOperation(operationId), null, -1, fault);
    }

    /** Applies {@code fault} to the next {@code times} calls of {@code operationId}. */
    public FaultInjector forOperation(String operationId, int times, Fault fault) {
        return add(checkOperation(operationId), null, checkTimes(times), fault);
    }

    /**
     * Applies {@code fault} to the next {@code times} calls of a path, whatever the method: a path as sent
     * ({@code /v3/bill/tradebill}) or a template whose {@code {params}} match any one segment
     * ({@code /v3/pay/transactions/id/{transaction_id}}). Paths outside the spec (a bill download) can be named too.
     */
    public FaultInjector forPath(String path, int times, Fault fault) {
        return add(null, checkPath(path), checkTimes(times), fault);
    }

    /** Applies {@code fault} to every call of a path (see {@link #forPath(String, int, Fault)}) until cleared. */
    public FaultInjector forPath(String path, Fault fault) {
        return add(null, checkPath(path), -1, fault);
    }

    /** Applies {@code fault} to the next {@code calls} calls, whatever their operation. */
    public FaultInjector forNextCalls(int calls, Fault fault) {
        return add(null, null, checkTimes(calls), fault);
    }

    /** The pending rules in words (fault, target, calls left), oldest first, for the control endpoint. */
    public synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(r.toString());
        }
        return out;
    }

    /** Removes every pending fault. */
    public synchronized void clear() {
        rules.clear();
    }

    /** How many rules are still pending (a rule for N calls counts once until it is used up). */
    public synchronized int pending() {
        return rules.size();
    }

    /** Takes the faults for one call of {@code operationId} (null when the call matched no operation) at a path. */
    synchronized List<Fault> take(String operationId, String rawPath) {
        List<Fault> out = new ArrayList<>();
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (r.applies(operationId, rawPath)) {
                out.add(r.fault);
                if (r.remaining > 0 && --r.remaining == 0) {
                    it.remove();
                }
            }
        }
        return out;
    }

    private synchronized FaultInjector add(String operationId, String path, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        rules.add(new Rule(operationId, path, times, fault));
        return this;
    }

    private static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return path;
    }

    /** Equal segment by segment, a {@code {param}} segment of the rule matching any non-empty one. */
    static boolean pathMatches(String rulePath, String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String[] want = rulePath.split("/", -1);
        String[] got = rawPath.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean param = want[i].length() > 2 && want[i].startsWith("{") && want[i].endsWith("}");
            if (param ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    private String checkOperation(String operationId) {
        Objects.requireNonNull(operationId, "operationId");
        if (!operationIds.contains(operationId)) {
            throw new IllegalArgumentException("unknown operationId " + operationId + "; the spec has " + operationIds);
        }
        return operationId;
    }

    private static int checkTimes(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        return times;
    }
}
