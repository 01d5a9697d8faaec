package dev.wxpay.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API call as the simulator routes it: the wire request split into raw path and decoded query, its
 * Request-ID, the spec operation it matched (null when none) with its path parameters, the faults that apply and
 * who signed it. Makes the {@link RecordedRequest} of its outcome. Effectively immutable; used by one server thread.
 */
final class Exchange {

    final LoopbackHttpServer.HttpCall call;
    final String requestId;
    final String rawPath;
    final List<Map.Entry<String, String>> query;
    final SpecOperation operation;
    final Map<String, String> pathParams;
    final AppliedFaults faults;
    final RequestAuthenticator.Auth auth;

    private Exchange(LoopbackHttpServer.HttpCall call, String requestId, String rawPath,
                     List<Map.Entry<String, String>> query, SpecOperation operation, Map<String, String> pathParams,
                     AppliedFaults faults, RequestAuthenticator.Auth auth) {
        this.call = call;
        this.requestId = requestId;
        this.rawPath = rawPath;
        this.query = query;
        this.operation = operation;
        this.pathParams = pathParams;
        this.faults = faults;
        this.auth = auth;
    }

    /** The raw path of a request target (still percent-encoded, without the query). */
    static String rawPath(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /**
     * Splits the call and matches it against the spec.
     *
     * @param values the path values {@link SimulatorSpec#match} filled in for {@code operation}
     */
    static Exchange of(LoopbackHttpServer.HttpCall call, String requestId, SpecOperation operation,
                       List<String> values, AppliedFaults faults, RequestAuthenticator.Auth auth) {
        String target = call.target();
        int q = target.indexOf('?');
        Map<String, String> pathParams = new LinkedHashMap<>();
        if (operation != null) {
            List<String> names = operation.pathParamNames();
            for (int i = 0; i < names.size(); i++) {
                pathParams.put(names.get(i), values.get(i));
            }
        }
        return new Exchange(call, requestId, rawPath(target), parseQuery(q < 0 ? "" : target.substring(q + 1)),
                operation, pathParams, faults, auth);
    }

    /** The caller's mchid, as its Authorization header named it (null when it named none). */
    String mchid() {
        return auth.mchid();
    }

    /** The first value of each query parameter, as products and the validator read them. */
    Map<String, String> firstQuery() {
        Map<String, String> first = new HashMap<>();
        for (Map.Entry<String, String> e : query) {
            first.putIfAbsent(e.getKey(), e.getValue());
        }
        return first;
    }

    /** What the request log keeps of this call and its answer. */
    RecordedRequest recorded(String operationId, Map<String, String> path, List<Map.Entry<String, String>> q,
                             boolean verified, int status, String errorCode) {
        return new RecordedRequest(call.method(), call.target(), RecordedRequest.entries(call.headers()), call.body(),
                operationId, path, q, verified, auth.mchid(), status, errorCode, requestId);
    }

    /** {@link #recorded} with this call's matched operation, path parameters and query. */
    RecordedRequest recorded(boolean verified, int status, String errorCode) {
        return recorded(operation == null ? null : operation.operationId(), pathParams, query, verified, status,
                errorCode);
    }

    private static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return Collections.unmodifiableList(out);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(decodeQuery(name), decodeQuery(value)));
        }
        return Collections.unmodifiableList(out);
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
