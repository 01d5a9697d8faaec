package dev.wxpay.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the client's CPU goes: reads a JFR recording of an end-to-end benchmark fork and splits its Java execution
 * samples by what the sampled stack is doing. A sample counts for the first category, in the order below, that any
 * of its frames belongs to (so RSA inside the runtime's signer counts as crypto, not as runtime).
 *
 * <p>Usage: {@code JfrBreakdown <recording.jfr>...}; prints one Markdown table per recording.
 */
public final class JfrBreakdown {
    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("JMH harness", List.of("org.openjdk.jmh."));
        CATEGORIES.put("RSA / SHA-256 (sign, verify)", List.of("java.math.BigInteger", "sun.security.rsa.",
                "sun.security.provider.DigestBase", "sun.security.provider.SHA", "com.amazon.corretto.",
                "java.security.Signature"));
        CATEGORIES.put("JSON (Jackson, Gson)", List.of("com.fasterxml.jackson.", "com.google.gson."));
        CATEGORIES.put("HTTP transport (JDK HttpClient, OkHttp, sockets)", List.of("jdk.internal.net.http.",
                "java.net.http.", "okhttp3.", "okio.", "sun.nio.ch.", "java.net.", "sun.net.",
                "org.apache.http."));
        CATEGORIES.put("Base64, nonce, strings", List.of("java.util.Base64", "java.security.SecureRandom",
                "sun.security.provider.NativePRNG", "sun.security.provider.DRBG", "java.lang.StringConcat",
                "java.lang.String"));
        CATEGORIES.put("client code (runtime, SDK, generated, bench)", List.of("dev.wxpay.", "com.wechat.pay."));
    }

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            CATEGORIES.keySet().forEach(k -> counts.put(k, 0));
            counts.put("other (JDK internals, GC barriers, concurrency)", 0);
            int total = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(file))) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                total++;
                counts.merge(classify(event.getStackTrace()), 1, Integer::sum);
            }
            System.out.println("\n" + file + ": " + total + " execution samples\n");
            System.out.println("| where | samples | share |");
            System.out.println("|---|---:|---:|");
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                System.out.println("| " + entry.getKey() + " | " + entry.getValue() + " | "
                        + String.format(Locale.ROOT, "%.0f%%", total == 0 ? 0 : 100.0 * entry.getValue() / total)
                        + " |");
            }
        }
    }

    private static String classify(RecordedStackTrace stack) {
        if (stack == null) {
            return "other (JDK internals, GC barriers, concurrency)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
            if (category.getKey().equals("JMH harness")) {
                // Only when JMH itself is on top (its loop), not merely at the bottom of every benchmark stack.
                if (!frames.isEmpty() && matches(frames.get(0), category.getValue())) {
                    return category.getKey();
                }
                continue;
            }
            for (RecordedFrame frame : frames) {
                if (matches(frame, category.getValue())) {
                    return category.getKey();
                }
            }
        }
        return "other (JDK internals, GC barriers, concurrency)";
    }

    private static boolean matches(RecordedFrame frame, List<String> prefixes) {
        if (frame.getMethod() == null || frame.getMethod().getType() == null) {
            return false;
        }
        String type = frame.getMethod().getType().getName();
        for (String prefix : prefixes) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
