package dev.openiam.bench.audit;

import dev.openiam.bench.queryapi.LatencyStats;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribers of {@link AuditLiveLoad}, in a JVM of their own so that the producer's pace and theirs do not share
 * one process's threads: S streams of {@code GET /v1/events/stream} (signed with the root credentials of
 * {@code local.env}), each read on its own thread, every event's latency taken from the send time the producer put in
 * its {@code requestID} ({@link System#nanoTime()}: CLOCK_MONOTONIC, one clock for every process of the machine).
 * Prints {@code ready} once every stream is open, then, when each has {@code EXPECTED} events or was closed (or nothing
 * arrived for 15 s after the first event), one JSON line of delivery figures.
 *
 * <pre>java -cp … dev.openiam.bench.audit.AuditStreamSubscribers LOCAL_ENV SUBSCRIBERS EXPECTED</pre>
 */
public final class AuditStreamSubscribers {

    static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String MARK = "\"requestID\":\"bench-";

    private AuditStreamSubscribers() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = env(Path.of(args[0]));
        int subscribers = Integer.parseInt(args[1]);
        int expected = Integer.parseInt(args[2]);
        URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL_CLOUDTRAIL"));
        AwsCredentialsIdentity root = AwsCredentialsIdentity.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"));
        List<Subscriber> readers = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            readers.add(new Subscriber(open(endpoint, root), expected));
        }
        System.out.println("ready");
        System.out.flush();
        long lastProgress = System.nanoTime();
        long seen = 0;
        while (readers.stream().anyMatch(r -> r.count < expected && !r.ended)) {
            Thread.sleep(100);
            long now = readers.stream().mapToLong(r -> r.count).sum();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (seen > 0 && System.nanoTime() - lastProgress > 15_000_000_000L) {
                break;
            }
        }
        List<Long> all = new ArrayList<>();
        int complete = 0;
        int ended = 0;
        for (Subscriber reader : readers) {
            for (int i = 0; i < reader.count; i++) {
                all.add(reader.latencies[i]);
            }
            complete += reader.count == expected ? 1 : 0;
            ended += reader.ended ? 1 : 0;
        }
        LatencyStats delivery = new LatencyStats(all.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("{\"subscribers\":%d,\"subscribersWithEveryRecord\":%d,\"subscribersClosed\":%d,\"deliveries\":%d,"
                        + "\"deliveryP50Ms\":%.1f,\"deliveryP99Ms\":%.1f,\"deliveryMaxMs\":%.1f}%n", subscribers, complete, ended,
                delivery.count(), delivery.percentileMillis(50), delivery.percentileMillis(99), delivery.maxMillis());
        readers.forEach(Subscriber::close);
        System.exit(0);
    }

    /** One stream read on its own thread: the latency of every event, taken from the send time in requestID. */
    private static final class Subscriber extends Thread {
        final long[] latencies;
        volatile int count;
        volatile boolean ended;
        private final HttpResponse<InputStream> response;

        Subscriber(HttpResponse<InputStream> response, int capacity) {
            this.response = response;
            this.latencies = new long[capacity];
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    int at = line.indexOf(MARK);
                    if (line.startsWith("data:") && at >= 0) {
                        long now = System.nanoTime();
                        int from = at + MARK.length();
                        long sentAt = Long.parseLong(line, from, line.indexOf('"', from), 10);
                        if (count < latencies.length) {
                            latencies[count] = now - sentAt;
                            count++;
                        }
                    }
                }
            } catch (Exception e) {
                // closed
            } finally {
                ended = true;
            }
        }

        void close() {
            try {
                response.body().close();
            } catch (Exception e) {
                // closing
            }
        }
    }

    private static HttpResponse<InputStream> open(URI endpoint, AwsCredentialsIdentity root) throws Exception {
        URI uri = endpoint.resolve("/v1/events/stream");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).putHeader("Accept", "text/event-stream")
                .build();
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(root).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).GET();
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> http.header(name, v));
            }
        });
        HttpResponse<InputStream> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return response;
    }

    /** The variables of iam-local's {@code local.env}. */
    static Map<String, String> env(Path file) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return env;
    }
}
