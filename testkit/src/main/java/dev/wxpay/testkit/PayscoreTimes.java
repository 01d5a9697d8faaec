package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;

/**
 * The date-times PayScore state writes: now, some days from now, and the ones not known yet, sent as {@code ""} like
 * WeChat Pay or left out when so configured. Immutable and thread-safe.
 */
final class PayscoreTimes {

    private final Clock clock;
    private final boolean emptyUnsetDateTimes;

    PayscoreTimes(Clock clock, boolean emptyUnsetDateTimes) {
        this.clock = clock;
        this.emptyUnsetDateTimes = emptyUnsetDateTimes;
    }

    /** Now, in RFC 3339 with seconds. */
    String now() {
        return StateJson.format(clock.instant());
    }

    /** Now plus {@code days}, in RFC 3339 with seconds. */
    String daysFromNow(long days) {
        return StateJson.format(clock.instant().plus(Duration.ofDays(days)));
    }

    /** A date-time not known yet: {@code ""} like WeChat Pay, or left out when so configured. */
    void unset(ObjectNode node, String field) {
        if (emptyUnsetDateTimes) {
            node.put(field, "");
        }
    }
}
