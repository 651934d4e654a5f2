package dev.openiam.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.bench.queryapi.LatencyStats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints, as Markdown, the median of a JMH JSON result (-rf json) per benchmark: the median of the forks' means
 * (each fork a separate run of the JVM) beside the slowest and fastest fork, the median of every measured
 * iteration, and JMH's own mean with its error — the figure to report is the median, never the best fork. Where a
 * benchmark counts its threads' CPU time ({@code @AuxCounters} {@code cpuNanos} and {@code calls}), also the median
 * across forks of the CPU time per call, in ms.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.openiam.bench.JmhMedian result.json</pre>
 */
public final class JmhMedian {

    private JmhMedian() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JmhMedian <jmh-result.json>");
            System.exit(64);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        System.out.println("| benchmark | mode | threads | forks × iterations | median of forks | forks min – max "
                + "| median of iterations | JMH mean ± error | unit | CPU ms per call, median of forks (min – max) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---:|");
        for (JsonNode result : results) {
            JsonNode metric = result.get("primaryMetric");
            List<Double> forkMeans = new ArrayList<>();
            List<Double> iterations = new ArrayList<>();
            for (JsonNode fork : metric.get("rawData")) {
                List<Double> values = new ArrayList<>();
                fork.forEach(value -> values.add(value.asDouble()));
                forkMeans.add(values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                iterations.addAll(values);
            }
            String name = result.get("benchmark").asText();
            List<Double> cpuPerCall = cpuPerCallByFork(result.get("secondaryMetrics"));
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d × %d | **%s** | %s – %s | %s | %s ± %s | %s | %s |%n",
                    name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result.get("mode").asText(),
                    result.get("threads").asInt(), forkMeans.size(), iterations.size() / Math.max(1, forkMeans.size()),
                    figure(median(forkMeans)), figure(min(forkMeans)), figure(max(forkMeans)), figure(median(iterations)),
                    figure(metric.get("score").asDouble()), figure(metric.get("scoreError").asDouble()),
                    metric.get("scoreUnit").asText(), cpuPerCall.isEmpty() ? "—" : "**" + figure(median(cpuPerCall))
                            + "** (" + figure(min(cpuPerCall)) + " – " + figure(max(cpuPerCall)) + ")");
        }
    }

    /** Per fork, its threads' CPU time over its calls (ms), from the counters cpuNanos and calls; none without them. */
    private static List<Double> cpuPerCallByFork(JsonNode secondary) {
        List<Double> perFork = new ArrayList<>();
        if (secondary == null || !secondary.has("cpuNanos") || !secondary.has("calls")) {
            return perFork;
        }
        JsonNode nanos = secondary.get("cpuNanos").get("rawData");
        JsonNode calls = secondary.get("calls").get("rawData");
        for (int fork = 0; fork < nanos.size(); fork++) {
            double forkNanos = 0;
            double forkCalls = 0;
            for (int i = 0; i < nanos.get(fork).size(); i++) {
                forkNanos += nanos.get(fork).get(i).asDouble();
                forkCalls += calls.get(fork).get(i).asDouble();
            }
            perFork.add(forkNanos / forkCalls / 1e6);
        }
        return perFork;
    }

    private static double median(List<Double> values) {
        return LatencyStats.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
