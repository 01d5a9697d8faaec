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
 * simulator.faults().clear();
 * }</pre>
 */
public final class FaultInjector {

    private static final class Rule {
        final String operationId; // null = any operation
        int remaining;            // -1 = until cleared
        final Fault fault;

        Rule(String operationId, int remaining, Fault fault) {
            this.operationId = operationId;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    private final Set<String> operationIds;
    private final List<Rule> rules = new ArrayList<>();

    FaultInjector(Set<String> operationIds) {
        this.operationIds = operationIds;
    }

    /** Applies {@code fault} to every call of {@code operationId} until {@link #clear()}. */
    public FaultInjector forOperation(String operationId, Fault fault) {
        return add(checkOperation(operationId), -1, fault);
    }

    /** Applies {@code fault} to the next {@code times} calls of {@code operationId}. */
    public FaultInjector forOperation(String operationId, int times, Fault fault) {
        return add(checkOperation(operationId), checkTimes(times), fault);
    }

    /** Applies {@code fault} to the next {@code calls} calls, whatever their operation. */
    public FaultInjector forNextCalls(int calls, Fault fault) {
        return add(null, checkTimes(calls), fault);
    }

    /** Removes every pending fault. */
    public synchronized void clear() {
        rules.clear();
    }

    /** How many rules are still pending (a rule for N calls counts once until it is used up). */
    public synchronized int pending() {
        return rules.size();
    }

    /** Takes the faults for one call of {@code operationId} (null when the call matched no operation). */
    synchronized List<Fault> take(String operationId) {
        List<Fault> out = new ArrayList<>();
        Iterator<Rule> it = rules.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (r.operationId == null || r.operationId.equals(operationId)) {
                out.add(r.fault);
                if (r.remaining > 0 && --r.remaining == 0) {
                    it.remove();
                }
            }
        }
        return out;
    }

    private synchronized FaultInjector add(String operationId, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        rules.add(new Rule(operationId, times, fault));
        return this;
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
