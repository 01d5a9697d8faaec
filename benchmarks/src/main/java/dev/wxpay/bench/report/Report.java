package dev.wxpay.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one run's JMH JSON files (one per round) and the generation timings into the tables of RESULTS.md and the
 * four {@code RATIO} lines of issue 7 (printed last, after the same comparisons for the OkHttp transport). Every ratio is a ratio of medians over all measured iterations of the run.
 *
 * <p>Usage: {@code Report <out.md> <generation-timings.tsv or -> <jmh-round.json>...}. Prints the RATIO lines last.
 * The whole-API generation timings (issue 12's {@code RATIO generate_whole...} lines, printed before the last four)
 * are read from {@code generation-whole.tsv} beside the generation timings, when it exists.
 */
public final class Report {
    private Report() {
    }

    /** Per benchmark row (benchmark + params): every measured iteration's value of each metric, in run order. */
    static final class Row {
        final String name;
        final Map<String, List<Double>> metrics = new TreeMap<>();
        final Map<String, List<Double>> percentiles = new TreeMap<>();
        final List<List<Double>> rounds = new ArrayList<>();
        String unit;

        Row(String name) {
            this.name = name;
        }

        double median(String metric) {
            List<Double> values = metrics.get(metric);
            return values == null || values.isEmpty() ? Double.NaN : median(values);
        }

        static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Report <out.md> <generation.tsv|-> <jmh.json>...");
            System.exit(2);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            if (!Files.exists(file) || Files.size(file) == 0) {
                System.err.println("no results in " + file);
                continue;
            }
            for (JsonNode result : json.readTree(file.toFile())) {
                read(rows, result);
            }
        }
        Map<String, List<Double>> generation = "-".equals(args[1]) ? Map.of() : readTimings(Path.of(args[1]));
        // The whole-API generation (issue 12) writes its own file beside the PayScore timings.
        Map<String, List<Double>> whole = "-".equals(args[1]) ? Map.of()
                : readTimings(Path.of(args[1]).resolveSibling("generation-whole.tsv"));

        StringBuilder md = new StringBuilder();
        e2eTable(md, rows);
        microTable(md, rows);
        generationTable(md, generation);
        wholeTable(md, whole);
        List<String> ratios = ratios(rows, generation);
        List<String> more = new ArrayList<>(moreRatios(rows, generation));
        more.addAll(wholeRatios(whole));
        md.append("\n```\n");
        more.forEach(line -> md.append(line).append('\n'));
        ratios.forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
        md.append("\nThe same pairs as ratios of client CPU per call (peer's µs/req ÷ ours: above 1 means ours is cheaper),"
                + " steadier than req/s on a shared machine:\n\n```\n");
        efficiencies(rows).forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
        List<String> overheads = Overheads.lines(rows);
        Overheads.appendTo(md, rows, overheads);
        Files.writeString(Path.of(args[0]), md.toString());
        more.forEach(System.out::println);
        ratios.forEach(System.out::println);
        // The CPU lines the issue 16 targets are read from, then what each client spends above the crypto floor.
        efficiencies(rows).forEach(System.out::println);
        overheads.forEach(System.out::println);
    }

    private static void read(Map<String, Row> rows, JsonNode result) {
        String benchmark = result.get("benchmark").asText();
        benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        StringBuilder name = new StringBuilder(benchmark);
        JsonNode params = result.get("params");
        if (params != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                if (!param.getKey().equals("verifyEvery")) {
                    name.append(' ').append(param.getValue().asText());
                }
            }
        }
        Row row = rows.computeIfAbsent(name.toString(), Row::new);
        JsonNode primary = result.get("primaryMetric");
        row.unit = primary.get("scoreUnit").asText();
        String mode = result.get("mode").asText();
        if ("sample".equals(mode)) {
            JsonNode percentiles = primary.get("scorePercentiles");
            row.percentiles.computeIfAbsent("p50", k -> new ArrayList<>()).add(percentiles.get("50.0").asDouble());
            row.percentiles.computeIfAbsent("p99", k -> new ArrayList<>()).add(percentiles.get("99.0").asDouble());
        } else {
            addRaw(row, "score", primary.get("rawData"));
        }
        JsonNode secondary = result.get("secondaryMetrics");
        if (secondary != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                addRaw(row, metric.getKey(), metric.getValue().get("rawData"));
            }
        }
    }

    private static void addRaw(Row row, String metric, JsonNode rawData) {
        if (rawData == null) {
            return;
        }
        List<Double> values = row.metrics.computeIfAbsent(metric, k -> new ArrayList<>());
        for (JsonNode fork : rawData) {
            for (JsonNode value : fork) {
                values.add(value.asDouble());
            }
        }
    }

    private static Map<String, List<Double>> readTimings(Path file) throws IOException {
        Map<String, List<Double>> timings = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return timings;
        }
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                timings.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
            }
        }
        return timings;
    }

    private static void e2eTable(StringBuilder md, Map<String, Row> rows) {
        md.append("| benchmark | client | req/s | p50 µs | p99 µs | client CPU µs/req | alloc B/req | iterations |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows.values()) {
            if (!row.name.startsWith("EndToEndBenchmark") && !row.name.startsWith("TransportBenchmark")) {
                continue;
            }
            String[] parts = row.name.split(" ", 2);
            List<Double> reqs = row.metrics.getOrDefault("req/s", List.of());
            md.append("| ").append(parts[0]).append(" | ").append(parts.length > 1 ? parts[1] : "")
                    .append(" | ").append(fmt(row.median("req/s")))
                    .append(" | ").append(fmt(medianOf(row.percentiles.get("p50"))))
                    .append(" | ").append(fmt(medianOf(row.percentiles.get("p99"))))
                    .append(" | ").append(fmt(row.median("cpu.us/op")))
                    .append(" | ").append(fmt(row.median("gc.alloc.rate.norm")))
                    .append(" | ").append(reqs.size()).append(" |\n");
        }
    }

    private static void microTable(StringBuilder md, Map<String, Row> rows) {
        boolean header = false;
        for (Row row : rows.values()) {
            if (row.name.startsWith("EndToEndBenchmark") || row.name.startsWith("TransportBenchmark")) {
                continue;
            }
            if (!header) {
                md.append("\n| micro benchmark | params | µs/op (median) | CPU µs/op | alloc B/op |\n");
                md.append("|---|---|---:|---:|---:|\n");
                header = true;
            }
            String[] parts = row.name.split(" ", 2);
            md.append("| ").append(parts[0]).append(" | ").append(parts.length > 1 ? parts[1] : "")
                    .append(" | ").append(fmt(row.median("score")))
                    .append(" | ").append(fmt(row.median("cpu.us/op")))
                    .append(" | ").append(fmt(row.median("gc.alloc.rate.norm"))).append(" |\n");
        }
    }

    private static void generationTable(StringBuilder md, Map<String, List<Double>> generation) {
        if (generation.isEmpty()) {
            return;
        }
        md.append("\n| generation (`mvn -q generate-sources`) | runs | median s | all runs s |\n");
        md.append("|---|---:|---:|---|\n");
        for (Map.Entry<String, List<Double>> entry : generation.entrySet()) {
            StringBuilder all = new StringBuilder();
            for (double value : entry.getValue()) {
                all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", value));
            }
            md.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue().size()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", Row.median(entry.getValue()))).append(" | ")
                    .append(all).append(" |\n");
        }
    }

    private static void wholeTable(StringBuilder md, Map<String, List<Double>> whole) {
        if (whole.isEmpty()) {
            return;
        }
        md.append("\n| whole-API generation (`mvn -o generate-sources`, every product) | runs | median | all runs |\n");
        md.append("|---|---:|---:|---|\n");
        for (Map.Entry<String, List<Double>> entry : whole.entrySet()) {
            String unit = entry.getKey().endsWith("_rss") ? " MiB peak RSS" : " s";
            StringBuilder all = new StringBuilder();
            for (double value : entry.getValue()) {
                all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", value));
            }
            md.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue().size()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", Row.median(entry.getValue()))).append(unit)
                    .append(" | ").append(all).append(" |\n");
        }
    }

    /**
     * Issue 12's two lines: the whole bundled API generated by our plugin against the stock plugin in the same run,
     * as ratios of medians (wall clock, and the Maven JVM's peak resident memory).
     */
    static List<String> wholeRatios(Map<String, List<Double>> whole) {
        double time = medianOf(whole.get("wxpay_whole")) / medianOf(whole.get("stock_whole"));
        double rss = medianOf(whole.get("wxpay_whole_rss")) / medianOf(whole.get("stock_whole_rss"));
        return Arrays.asList(
                "RATIO generate_whole wxpay/stock=" + ratio(time),
                "RATIO generate_whole_rss wxpay/stock=" + ratio(rss));
    }

    private static List<String> ratios(Map<String, Row> rows, Map<String, List<Double>> generation) {
        double generated = reqs(rows, "generated");
        double generatedNative = reqs(rows, "generated_native");
        double official = reqs(rows, "official");
        double minimum = reqs(rows, "minimum");
        List<Double> wxpay = generation.getOrDefault("wxpay", List.of());
        List<Double> stock = generation.getOrDefault("stock", List.of());
        double generate = wxpay.isEmpty() || stock.isEmpty() ? Double.NaN
                : Row.median(wxpay) / Row.median(stock);
        return Arrays.asList(
                "RATIO e2e_t4 generated/official=" + ratio(generated / official),
                "RATIO e2e_t4 generated/minimum=" + ratio(generated / minimum),
                "RATIO e2e_t4 generated_native/official=" + ratio(generatedNative / official),
                "RATIO generate wxpay/stock=" + ratio(generate));
    }

    /**
     * The same comparisons for the generated client on the optional OkHttp transport, and the no-op rebuild: printed
     * before the four lines, which stay last and describe the client as shipped (default JDK transport).
     */
    private static List<String> moreRatios(Map<String, Row> rows, Map<String, List<Double>> generation) {
        double official = reqs(rows, "official");
        double minimum = reqs(rows, "minimum");
        double okhttp = reqs(rows, "generated_okhttp");
        double okhttpNative = reqs(rows, "generated_okhttp_native");
        double noop = medianOf(generation.get("wxpay_noop")) / medianOf(generation.get("stock"));
        return Arrays.asList(
                "RATIO e2e_t4 generated_okhttp/official=" + ratio(okhttp / official),
                "RATIO e2e_t4 generated_okhttp/minimum=" + ratio(okhttp / minimum),
                "RATIO e2e_t4 generated_okhttp_native/official=" + ratio(okhttpNative / official),
                "RATIO generate wxpay_noop/stock=" + ratio(noop));
    }

    private static List<String> efficiencies(Map<String, Row> rows) {
        double generated = cpu(rows, "generated");
        double generatedNative = cpu(rows, "generated_native");
        double official = cpu(rows, "official");
        double minimum = cpu(rows, "minimum");
        return Arrays.asList(
                "CPU e2e_t4 generated/official=" + ratio(official / generated),
                "CPU e2e_t4 generated/minimum=" + ratio(minimum / generated),
                "CPU e2e_t4 generated_native/official=" + ratio(official / generatedNative),
                "CPU e2e_t4 generated_okhttp/official=" + ratio(official / cpu(rows, "generated_okhttp")),
                "CPU e2e_t4 generated_okhttp/minimum=" + ratio(minimum / cpu(rows, "generated_okhttp")),
                "CPU e2e_t4 generated_okhttp_native/official=" + ratio(official / cpu(rows, "generated_okhttp_native")),
                "CPU e2e_t4 generated_urlconnection/official=" + ratio(official / cpu(rows, "generated_urlconnection")),
                "CPU e2e_t4 generated_urlconnection/minimum=" + ratio(minimum / cpu(rows, "generated_urlconnection")),
                "CPU e2e_t4 generated_urlconnection_native/official="
                        + ratio(official / cpu(rows, "generated_urlconnection_native")));
    }

    private static double cpu(Map<String, Row> rows, String client) {
        Row row = rows.get("EndToEndBenchmark.t4 " + client);
        return row == null ? Double.NaN : row.median("cpu.us/op");
    }

    private static double reqs(Map<String, Row> rows, String client) {
        Row row = rows.get("EndToEndBenchmark.t4 " + client);
        return row == null ? Double.NaN : row.median("req/s");
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static double medianOf(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN : Row.median(values);
    }

    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
