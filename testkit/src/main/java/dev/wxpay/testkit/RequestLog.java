package dev.wxpay.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The requests the simulator received, the most recent {@value #MAX_RECORDED} kept, oldest first.
 * Thread-safe (synchronized): requests are recorded by server threads while a test reads them.
 */
final class RequestLog {

    static final int MAX_RECORDED = 10_000;

    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();

    synchronized void record(RecordedRequest r) {
        if (recorded.size() == MAX_RECORDED) {
            recorded.removeFirst();
        }
        recorded.addLast(r);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(recorded);
    }

    synchronized Optional<RecordedRequest> last() {
        return Optional.ofNullable(recorded.peekLast());
    }

    synchronized void clear() {
        recorded.clear();
    }
}
