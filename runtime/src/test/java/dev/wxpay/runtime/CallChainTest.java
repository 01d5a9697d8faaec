package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The interceptor chain")
class CallChainTest {
    private static final WireRequest REQUEST = WireRequest.of("GET", URI.create("http://127.0.0.1/v3/x?a=1"),
            Map.of(), null);
    private final List<WireRequest> sent = new ArrayList<>();
    private final CallChain.Sender transport = request -> {
        sent.add(request);
        return WireResponse.of(200, Map.of("Request-ID", List.of("R1")), new byte[0]);
    };

    @Test
    @DisplayName("runs interceptors in the order added, each seeing the request its predecessor passed on")
    void runsInOrder() {
        List<String> events = new ArrayList<>();
        Interceptor first = chain -> {
            events.add("first in");
            WireResponse r = chain.proceed(chain.request().withHeader("X-First", "1"));
            events.add("first out");
            return r;
        };
        Interceptor second = chain -> {
            events.add("second sees X-First=" + chain.request().header("x-first"));
            WireResponse r = chain.proceed(chain.request().withHeader("X-Second", "2"));
            events.add("second out");
            return r;
        };
        WireResponse response = CallChain.run(List.of(first, second), REQUEST, transport);
        assertThat(events).containsExactly("first in", "second sees X-First=1", "second out", "first out");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).header("X-First")).isEqualTo("1");
        assertThat(sent.get(0).header("X-Second")).isEqualTo("2");
        assertThat(response.header("request-id")).isEqualTo("R1");
    }

    @Test
    @DisplayName("lets an interceptor replace the response it got from proceed")
    void allowsReplacingTheResponse() {
        Interceptor replacing = chain -> {
            WireResponse r = chain.proceed(chain.request());
            return WireResponse.of(299, r.headers(), "x".getBytes());
        };
        assertThat(CallChain.run(List.of(replacing), REQUEST, transport).statusCode()).isEqualTo(299);
    }

    @Test
    @DisplayName("fails when an interceptor calls proceed twice, and nothing is sent a second time")
    void refusesSecondProceed() {
        Interceptor twice = chain -> {
            chain.proceed(chain.request());
            return chain.proceed(chain.request());
        };
        assertThatThrownBy(() -> CallChain.run(List.of(twice), REQUEST, transport))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than once")
                .hasMessageContaining("#0");
        assertThat(sent).hasSize(1);
    }

    @Test
    @DisplayName("fails when an interceptor returns without calling proceed")
    void refusesSkippedProceed() {
        Interceptor shortCircuit = chain -> WireResponse.of(200, Map.of(), null);
        assertThatThrownBy(() -> CallChain.run(List.of(shortCircuit), REQUEST, transport))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without calling chain.proceed()");
        assertThat(sent).isEmpty();
    }

    @Test
    @DisplayName("fails when an interceptor returns null or passes a null request on, naming it")
    void refusesNulls() {
        Interceptor returnsNull = new Interceptor() {
            @Override
            public WireResponse intercept(Chain chain) {
                chain.proceed(chain.request());
                return null;
            }

            @Override
            public String toString() {
                return "metrics";
            }
        };
        assertThatThrownBy(() -> CallChain.run(List.of(chain -> chain.proceed(chain.request()), returnsNull), REQUEST,
                transport)).isInstanceOf(IllegalStateException.class).hasMessageContaining("#1 (metrics) returned null");
        Interceptor nullRequest = chain -> chain.proceed(null);
        assertThatThrownBy(() -> CallChain.run(List.of(nullRequest), REQUEST, transport))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("null request");
    }

    @Test
    @DisplayName("passes exceptions from further down to the interceptors unchanged")
    void propagatesExceptions() {
        CallChain.Sender failing = request -> {
            throw new TransportException("refused", null, false);
        };
        List<Throwable> seen = new ArrayList<>();
        Interceptor observing = chain -> {
            try {
                return chain.proceed(chain.request());
            } catch (WechatPayException e) {
                seen.add(e);
                throw e;
            }
        };
        assertThatThrownBy(() -> CallChain.run(List.of(observing), REQUEST, failing))
                .isInstanceOf(TransportException.class);
        assertThat(seen).singleElement().isInstanceOf(TransportException.class);
    }
}
