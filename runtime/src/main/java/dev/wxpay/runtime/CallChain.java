package dev.wxpay.runtime;

import java.util.List;

/**
 * The chain of one call: interceptors in order, then the transport. Each link gets its own chain object, which
 * enforces the contract (proceed exactly once, never return null). Not thread-safe; one per call.
 */
final class CallChain implements Interceptor.Chain {
    /** The last link: sends the request (the client's {@link Transport} with its timeout bound). */
    interface Sender {
        WireResponse send(WireRequest request);
    }

    private final List<Interceptor> interceptors;
    private final int index;
    private final WireRequest request;
    private final Sender transport;
    private int calls;

    private CallChain(List<Interceptor> interceptors, int index, WireRequest request, Sender transport) {
        this.interceptors = interceptors;
        this.index = index;
        this.request = request;
        this.transport = transport;
    }

    /** Runs the whole chain for one request. */
    static WireResponse run(List<Interceptor> interceptors, WireRequest request, Sender transport) {
        return runLink(interceptors, 0, request, transport);
    }

    @Override
    public WireRequest request() {
        return request;
    }

    @Override
    public WireResponse proceed(WireRequest next) {
        if (next == null) {
            throw new IllegalStateException("interceptor " + describe(interceptors, index - 1) + " passed a null request to proceed()");
        }
        if (++calls > 1) {
            throw new IllegalStateException("interceptor " + describe(interceptors, index - 1)
                    + " called proceed() more than once; each interceptor must call it exactly once");
        }
        return runLink(interceptors, index, next, transport);
    }

    /** Invokes the link at {@code index} (an interceptor, or the transport past the end) and checks its result. */
    private static WireResponse runLink(List<Interceptor> interceptors, int index, WireRequest current,
            Sender transport) {
        if (index >= interceptors.size()) {
            WireResponse response = transport.send(current);
            if (response == null) {
                throw new IllegalStateException("the transport returned a null response");
            }
            return response;
        }
        Interceptor interceptor = interceptors.get(index);
        CallChain next = new CallChain(interceptors, index + 1, current, transport);
        WireResponse response = interceptor.intercept(next);
        if (response == null) {
            throw new IllegalStateException("interceptor " + describe(interceptors, index) + " returned null; return the response"
                    + " from chain.proceed() (or a replacement)");
        }
        if (next.calls == 0) {
            throw new IllegalStateException("interceptor " + describe(interceptors, index)
                    + " returned without calling chain.proceed(); each interceptor must call it exactly once");
        }
        return response;
    }

    private static String describe(List<Interceptor> interceptors, int i) {
        if (i < 0 || i >= interceptors.size()) {
            return "#" + i;
        }
        Interceptor interceptor = interceptors.get(i);
        String text = interceptor.toString();
        // Lambdas print as Foo$$Lambda$12/0x…@1a2b: the position is the more useful name for them.
        return "#" + i + " (" + (text.contains("$$Lambda") ? interceptor.getClass().getName().replaceAll("/.*", "")
                : text) + ")";
    }
}
