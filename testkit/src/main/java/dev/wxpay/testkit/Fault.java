package dev.wxpay.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong between WeChat Pay and the merchant, injected with {@link FaultInjector} so a client's error
 * handling can be tested. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #delay(Duration)}: the answer comes late (everything else normal);</li>
 *   <li>{@link #serverError(int)}: a 5xx {@code SYSTEM_ERROR} instead of processing the request;</li>
 *   <li>{@link #tamperedBody()}: the request is processed, but the answer's body is altered after signing;</li>
 *   <li>{@link #wrongSerial()}: the answer names a WeChat Pay key id nobody trusts;</li>
 *   <li>{@link #staleTimestamp()}: the answer is signed correctly but ten minutes in the past;</li>
 *   <li>{@link #signTestProbe()}: the answer carries a {@code WECHATPAY/SIGNTEST/} probe signature.</li>
 * </ul>
 */
public final class Fault {

    /** What goes wrong. Immutable. */
    public enum Kind { DELAY, SERVER_ERROR, TAMPERED_BODY, WRONG_SERIAL, STALE_TIMESTAMP, SIGNTEST_PROBE }

    private final Kind kind;
    private final Duration delay;
    private final int status;

    private Fault(Kind kind, Duration delay, int status) {
        this.kind = kind;
        this.delay = delay;
        this.status = status;
    }

    /** The answer is held back for {@code delay} before it is sent. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new Fault(Kind.DELAY, delay, 0);
    }

    /** The request is not processed; the answer is {@code status} (500 to 599) with a {@code SYSTEM_ERROR} body. */
    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be a 5xx code: " + status);
        }
        return new Fault(Kind.SERVER_ERROR, Duration.ZERO, status);
    }

    /** The answer's body is changed after it was signed, so its signature no longer matches. */
    public static Fault tamperedBody() {
        return new Fault(Kind.TAMPERED_BODY, Duration.ZERO, 0);
    }

    /** The answer's {@code Wechatpay-Serial} names an unknown key id (the signature itself is valid). */
    public static Fault wrongSerial() {
        return new Fault(Kind.WRONG_SERIAL, Duration.ZERO, 0);
    }

    /** The answer is signed with a timestamp ten minutes old, outside the five-minute window. */
    public static Fault staleTimestamp() {
        return new Fault(Kind.STALE_TIMESTAMP, Duration.ZERO, 0);
    }

    /** The answer's signature is a {@code WECHATPAY/SIGNTEST/} probe, which a client must reject. */
    public static Fault signTestProbe() {
        return new Fault(Kind.SIGNTEST_PROBE, Duration.ZERO, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The delay of a {@link Kind#DELAY} fault, zero otherwise. */
    public Duration delayDuration() {
        return delay;
    }

    /** The status of a {@link Kind#SERVER_ERROR} fault, 0 otherwise. */
    public int status() {
        return status;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault && ((Fault) o).kind == kind && ((Fault) o).delay.equals(delay)
                && ((Fault) o).status == status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, delay, status);
    }

    @Override
    public String toString() {
        switch (kind) {
            case DELAY: return "Fault[DELAY " + delay + "]";
            case SERVER_ERROR: return "Fault[SERVER_ERROR " + status + "]";
            default: return "Fault[" + kind + "]";
        }
    }
}
