package dev.openiam.bench.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.bench.queryapi.LatencyStats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on sts-service's metadata endpoints, as SDKs make it: per operation and concurrency, {@code --requests} calls
 * after {@code --warmup}, from {@code c} threads with blocking HTTP/1.1 clients; prints count, errors, p50/p90/p99,
 * max and throughput, and one JSON line each to {@code --json}.
 * <ul>
 *   <li>{@code ImdsCredentials}: {@code GET …/security-credentials/ROLE} with an IMDSv2 token — a fetch of the
 *       workload's cached credentials (each one also written to the audit outbox);</li>
 *   <li>{@code ImdsRefresh}: what an SDK does per refresh: {@code PUT api/token}, {@code GET security-credentials/},
 *       {@code GET security-credentials/ROLE} (three requests, timed together);</li>
 *   <li>{@code ContainerCredentials}: {@code GET} at the container endpoint with the workload's token;</li>
 *   <li>{@code HealthLive}: {@code GET /q/health/live} of the same service — the baseline of the same run.</li>
 * </ul>
 *
 * <pre>
 * MetadataLoad --imds EXPORTS --container EXPORTS --sts URL [--requests 2000] [--warmup 2000] [--concurrency 1,4,16]
 *              [--round 1] [--rev REV] [--json FILE]
 * </pre>
 * (EXPORTS: the output of {@code iam-local workload add}.)
 */
public final class MetadataLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPS = List.of("HealthLive", "ImdsCredentials", "ImdsRefresh", "ContainerCredentials");

    private MetadataLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Map<String, String> imds = exports(Path.of(options.get("imds")));
        Map<String, String> container = exports(Path.of(options.get("container")));
        String sts = options.get("sts");
        int requests = Integer.parseInt(options.getOrDefault("requests", "2000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "2000"));
        String round = options.getOrDefault("round", "1");
        Path json = options.containsKey("json") ? Path.of(options.get("json")) : null;
        String endpoint = imds.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String role = send(client, get(endpoint + "/latest/meta-data/iam/security-credentials/", token(client, endpoint))).body();

        Map<String, Call> calls = Map.of(
                "HealthLive", () -> check(send(client, HttpRequest.newBuilder(URI.create(sts + "/q/health/live")).GET().build())),
                "ImdsCredentials", new Call() {
                    private final String token = token(client, endpoint);

                    @Override
                    public void run() throws Exception {
                        check(send(client, get(endpoint + "/latest/meta-data/iam/security-credentials/" + role, token)));
                    }
                },
                "ImdsRefresh", () -> {
                    String token = token(client, endpoint);
                    check(send(client, get(endpoint + "/latest/meta-data/iam/security-credentials/", token)));
                    check(send(client, get(endpoint + "/latest/meta-data/iam/security-credentials/" + role, token)));
                },
                "ContainerCredentials", () -> check(send(client, HttpRequest.newBuilder(
                        URI.create(container.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                        .header("Authorization", container.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).GET().build())));

        System.out.printf("%-22s %5s %7s %6s %8s %8s %8s %8s %9s%n", "operation", "c", "calls", "errors", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "calls/s");
        for (String concurrencyText : options.getOrDefault("concurrency", "1,4,16").split(",")) {
            int concurrency = Integer.parseInt(concurrencyText.strip());
            for (String op : OPS) {
                measure(calls.get(op), warmup, concurrency);
                long started = System.nanoTime();
                Measured measured = measure(calls.get(op), requests, concurrency);
                double seconds = (System.nanoTime() - started) / 1e9;
                LatencyStats stats = new LatencyStats(measured.nanos());
                double throughput = stats.count() / seconds;
                System.out.printf("%-22s %5d %7d %6d %8.2f %8.2f %8.2f %8.2f %9.0f%n", op, concurrency, stats.count(), measured.errors(),
                        stats.percentileMillis(50), stats.percentileMillis(90), stats.percentileMillis(99), stats.maxMillis(), throughput);
                if (json != null) {
                    ObjectNode line = JSON.createObjectNode().put("label", "metadata").put("round", round)
                            .put("rev", options.getOrDefault("rev", "")).put("op", op).put("concurrency", concurrency)
                            .put("calls", stats.count()).put("errors", measured.errors())
                            .put("p50_ms", stats.percentileMillis(50)).put("p90_ms", stats.percentileMillis(90))
                            .put("p99_ms", stats.percentileMillis(99)).put("max_ms", stats.maxMillis()).put("calls_per_s", throughput);
                    Files.writeString(json, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        }
        System.exit(0);
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private record Measured(long[] nanos, int errors) {
    }

    private static Measured measure(Call call, int requests, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] nanos = new long[requests];
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        call.run();
                        nanos[done.getAndIncrement()] = System.nanoTime() - start;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long[] measured = new long[done.get()];
        System.arraycopy(nanos, 0, measured, 0, measured.length);
        return new Measured(measured, errors.get());
    }

    private static String token(HttpClient client, String endpoint) throws IOException, InterruptedException {
        return check(send(client, HttpRequest.newBuilder(URI.create(endpoint + "/latest/api/token"))
                .header("X-aws-ec2-metadata-token-ttl-seconds", "21600").PUT(HttpRequest.BodyPublishers.noBody()).build())).body();
    }

    private static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).header("X-aws-ec2-metadata-token", token).GET().build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** The {@code export K=V} lines of {@code iam-local workload add}. */
    private static Map<String, String> exports(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                values.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        return values;
    }
}
