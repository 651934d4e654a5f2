package dev.openiam.bench.queryapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the JSON lines of {@link QueryApiLoad} (several rounds of two labels) and prints, as Markdown, the
 * median across rounds of each figure for the two labels side by side, then every round's figures.
 *
 * java -cp … dev.openiam.bench.queryapi.Summarize FILE [BEFORE_LABEL AFTER_LABEL]
 */
public final class Summarize {

    record Key(String op, int concurrency) {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String before = args.length > 1 ? args[1] : "before";
        String after = args.length > 2 ? args[2] : "after";
        System.out.print(summarize(Files.readAllLines(file), before, after));
    }

    static String summarize(List<String> jsonLines, String before, String after) throws IOException {
        ObjectMapper json = new ObjectMapper();
        // key -> label -> rounds
        Map<Key, Map<String, List<JsonNode>>> runs = new LinkedHashMap<>();
        for (String line : jsonLines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            runs.computeIfAbsent(new Key(node.get("op").asText(), node.get("concurrency").asInt()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(node.get("label").asText(), k -> new ArrayList<>()).add(node);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Median across rounds (%s → %s; Δ = %s relative to %s; latencies in ms)%n%n",
                before, after, after, before));
        out.append("| operation | conc. | rounds | p50 ").append(before).append(" | p50 ").append(after).append(" | Δ p50 | p99 ")
                .append(before).append(" | p99 ").append(after).append(" | Δ p99 | calls/s ").append(before).append(" | calls/s ")
                .append(after).append(" | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Key, Map<String, List<JsonNode>>> entry : runs.entrySet()) {
            List<JsonNode> b = entry.getValue().getOrDefault(before, List.of());
            List<JsonNode> a = entry.getValue().getOrDefault(after, List.of());
            double b50 = median(b, "p50_ms"), a50 = median(a, "p50_ms"), b99 = median(b, "p99_ms"), a99 = median(a, "p99_ms");
            long errors = sum(b, "errors") + sum(a, "errors");
            out.append(String.format(Locale.ROOT, "| %s | %d | %d / %d | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                    entry.getKey().op(), entry.getKey().concurrency(), b.size(), a.size(),
                    ms(b50), ms(a50), delta(b50, a50), ms(b99), ms(a99), delta(b99, a99),
                    rate(median(b, "throughput_per_s")), rate(median(a, "throughput_per_s")), errors));
        }
        out.append(String.format(Locale.ROOT, "%np90 and CPU time of the system per call (ms; identity-service / policy-service / "
                + "all of the system's processes; an attach phase's calls are its attaches and detaches)%n%n"));
        out.append("| operation | conc. | p90 ").append(before).append(" | p90 ").append(after).append(" | CPU/call ").append(before)
                .append(" | CPU/call ").append(after).append(" | Δ CPU total |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Key, Map<String, List<JsonNode>>> entry : runs.entrySet()) {
            List<JsonNode> b = entry.getValue().getOrDefault(before, List.of());
            List<JsonNode> a = entry.getValue().getOrDefault(after, List.of());
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", entry.getKey().op(), entry.getKey().concurrency(),
                    ms(median(b, "p90_ms")), ms(median(a, "p90_ms")), cpu(b), cpu(a),
                    delta(median(b, "cpu_ms_per_call", "total"), median(a, "cpu_ms_per_call", "total"))));
        }
        out.append(String.format(Locale.ROOT, "%nEvery round (p50 / p99 ms, calls/s)%n%n"));
        out.append("| operation | conc. | label | rounds |\n|---|---:|---|---|\n");
        for (Map.Entry<Key, Map<String, List<JsonNode>>> entry : runs.entrySet()) {
            for (Map.Entry<String, List<JsonNode>> label : entry.getValue().entrySet()) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", entry.getKey().op(), entry.getKey().concurrency(),
                        label.getKey(), label.getValue().stream()
                                .map(n -> String.format(Locale.ROOT, "r%d: %s / %s, %s", n.get("round").asInt(), ms(n.get("p50_ms").asDouble()),
                                        ms(n.get("p99_ms").asDouble()), rate(n.get("throughput_per_s").asDouble())))
                                .collect(Collectors.joining("; "))));
            }
        }
        return out.toString();
    }

    private static double median(List<JsonNode> rounds, String field) {
        return LatencyStats.median(rounds.stream().filter(n -> n.has(field)).mapToDouble(n -> n.get(field).asDouble()).toArray());
    }

    private static double median(List<JsonNode> rounds, String object, String field) {
        return LatencyStats.median(rounds.stream().filter(n -> n.path(object).has(field))
                .mapToDouble(n -> n.get(object).get(field).asDouble()).toArray());
    }

    private static String cpu(List<JsonNode> rounds) {
        return ms(median(rounds, "cpu_ms_per_call", "identity")) + " / " + ms(median(rounds, "cpu_ms_per_call", "policy")) + " / "
                + ms(median(rounds, "cpu_ms_per_call", "total"));
    }

    private static long sum(List<JsonNode> rounds, String field) {
        return rounds.stream().mapToLong(n -> n.get(field).asLong()).sum();
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String delta(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after) || before == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.1f %%", (after - before) / before * 100);
    }
}
