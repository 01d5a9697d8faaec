package dev.wxpay.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code OVERHEAD} lines of issue 16: each client's CPU per call minus the crypto floor measured in the same run
 * by {@code CryptoFloorBenchmark} (one RSA-2048 signature of the request plus one verification of the answer, raw JCA,
 * same thread count). JDK-provider clients are measured against the JDK floor, {@code generated_native} against
 * Corretto's. What is left is everything a client adds to the unavoidable crypto: HTTP, JSON, headers, nonce,
 * timers, GC and JIT. Stateless.
 */
final class Overheads {
    /** Client row name and the floor's provider parameter it is measured against, in print order. */
    private static final String[][] CLIENTS = {
        {"generated", "jdk"}, {"generated_native", "accp"}, {"official", "jdk"}, {"minimum", "jdk"},
        {"generated_okhttp", "jdk"}, {"generated_urlconnection", "jdk"},
    };

    private Overheads() {
    }

    /**
     * {@code OVERHEAD e2e_t4 <client>=<µs>} for generated, generated_native, official, minimum and the
     * generated client on the two optional transports (and the same for
     * {@code e2e_t1} when the run has 1-thread rows, against the same 4-thread floor); {@code n/a} when a row or the
     * floor is missing.
     */
    static List<String> lines(Map<String, Report.Row> rows) {
        List<String> lines = new ArrayList<>();
        for (String threads : new String[] {"t4", "t1"}) {
            if (threads.equals("t1") && rows.keySet().stream().noneMatch(n -> n.startsWith("EndToEndBenchmark.t1 "))) {
                continue;
            }
            for (String[] client : CLIENTS) {
                double cpu = cpu(rows, "EndToEndBenchmark." + threads + " " + client[0]);
                lines.add("OVERHEAD e2e_" + threads + " " + client[0] + "=" + micros(cpu - floor(rows, client[1])));
            }
        }
        return lines;
    }

    /** The floors and the OVERHEAD lines as a section of report.md. */
    static void appendTo(StringBuilder md, Map<String, Report.Row> rows, List<String> lines) {
        md.append("\nCrypto floor per call (CPU µs of one signature plus one verification, `CryptoFloorBenchmark`,"
                + " 4 threads): JDK ").append(micros(floor(rows, "jdk"))).append(", Corretto ")
                .append(micros(floor(rows, "accp"))).append(". Client CPU per call above it:\n\n```\n");
        lines.forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
    }

    /** Sign plus verify, CPU µs per operation, for the provider ({@code jdk} or {@code accp}). */
    static double floor(Map<String, Report.Row> rows, String provider) {
        return cpu(rows, "CryptoFloorBenchmark.sign " + provider) + cpu(rows, "CryptoFloorBenchmark.verify " + provider);
    }

    private static double cpu(Map<String, Report.Row> rows, String name) {
        Report.Row row = rows.get(name);
        return row == null ? Double.NaN : row.median("cpu.us/op");
    }

    private static String micros(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }
}
