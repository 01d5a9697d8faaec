package dev.wxpay.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for case-insensitive, immutable header maps (HTTP header names are case-insensitive). */
final class HttpHeaders {
    private HttpHeaders() {
    }

    static final Map<String, List<String>> EMPTY =
            Collections.unmodifiableMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    /** Copies into an unmodifiable map whose lookups ignore case; values keep their order. */
    static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue; // the JDK's HttpServer and HttpURLConnection report the status line under a null key
            }
            List<String> values = copy.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1));
            values.addAll(e.getValue());
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * First value of a header, or null. Looks the name up case-insensitively in any map: a direct hit first (our
     * own maps ignore case), then a scan for maps that do not.
     */
    /**
     * Whether the JDK's {@code java.net.http.HttpHeaders#map()} is already what {@link #copyOf} makes: unmodifiable,
     * case-insensitive, immutable value lists (true of every JDK since 11: {@code HttpHeaders.of} builds a
     * {@code TreeMap} on {@code CASE_INSENSITIVE_ORDER}). Checked once, on this JDK, rather than assumed.
     */
    private static final boolean JDK_MAPS_CASE_INSENSITIVE = jdkMapsCaseInsensitive();

    private static boolean jdkMapsCaseInsensitive() {
        try {
            Map<String, List<String>> map = java.net.http.HttpHeaders.of(
                    Map.of("Wechatpay-Serial", List.of("x")), (name, value) -> true).map();
            return "x".equals(first(map, "WECHATPAY-SERIAL")) && map.get("wechatpay-serial") != null
                    && isUnmodifiable(map) && isUnmodifiable(map.get("wechatpay-serial"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isUnmodifiable(Map<String, List<String>> map) {
        try {
            map.put("x", List.of());
            return false;
        } catch (UnsupportedOperationException expected) {
            return true;
        }
    }

    private static boolean isUnmodifiable(List<String> list) {
        try {
            list.add("x");
            return false;
        } catch (UnsupportedOperationException expected) {
            return true;
        }
    }

    /**
     * The JDK client's answer headers as this runtime keeps headers: the JDK's own map when it already is
     * unmodifiable and case-insensitive (no copy per call), else a {@link #copyOf copy}.
     */
    static Map<String, List<String>> ofJdk(java.net.http.HttpHeaders headers) {
        Map<String, List<String>> map = headers.map();
        return JDK_MAPS_CASE_INSENSITIVE ? map : copyOf(map);
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    values = e.getValue();
                    break;
                }
            }
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Value of a single-valued header map, case-insensitively, or null. */
    static String single(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
        }
        return value;
    }
}
