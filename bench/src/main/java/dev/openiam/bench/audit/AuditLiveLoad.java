package dev.openiam.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.bench.queryapi.LatencyStats;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.http.ContentStreamProvider;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Live audit records under a steady load: one producer publishes CloudTrail records of the system's account to
 * {@code iam.audit.v1} at a fixed rate (each carrying its send time in {@code requestID}) while S subscribers read
 * {@code GET /v1/events/stream} (signed with the root credentials of {@code local.env}) and a prober asks LookupEvents
 * for the newest record every 50 ms until it is there. Prints one JSON line: the rate reached, each subscriber's
 * delivery latency (send → event read) p50/p99/max over all events, and publish → visible in LookupEvents p50/p99.
 * Records enter at Kafka: the front door's outbox relay (the step before) is not in these figures.
 *
 * <pre>java -cp … dev.openiam.bench.audit.AuditLiveLoad LOCAL_ENV BOOTSTRAP RATE SECONDS SUBSCRIBERS</pre>
 */
public final class AuditLiveLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");
    private static final String MARK = "\"requestID\":\"bench-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLiveLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = env(Path.of(args[0]));
        String servers = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int subscribers = Integer.parseInt(args[4]);
        URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL_CLOUDTRAIL"));
        AwsCredentialsIdentity root = AwsCredentialsIdentity.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"));
        String account = env.get("IAM_ACCOUNT_ID");
        int total = rate * seconds;

        List<Subscriber> readers = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            readers.add(new Subscriber(open(endpoint, root), total));
        }
        AtomicReference<long[]> newest = new AtomicReference<>();
        Map<UUID, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
        Prober prober = new Prober(endpoint, root, newest, sent);
        prober.start();

        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers, "acks", "all",
                "enable.idempotence", true, "linger.ms", 2), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                UUID id = UUID.randomUUID();
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, AuditCodec.encode(AuditIngestLoad.record(account, i, id, "bench-" + now))));
                if (i % 50 == 0) {
                    sent.put(id, now);
                    newest.set(new long[]{id.getMostSignificantBits(), id.getLeastSignificantBits(), now});
                }
            }
            producer.flush();
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && readers.stream().anyMatch(r -> r.count < total && !r.ended)) {
            Thread.sleep(100);
        }
        prober.stop = true;
        prober.join(5_000);

        List<Long> all = new ArrayList<>();
        int complete = 0;
        int ended = 0;
        for (Subscriber reader : readers) {
            for (int i = 0; i < reader.count; i++) {
                all.add(reader.latencies[i]);
            }
            complete += reader.count == total ? 1 : 0;
            ended += reader.ended ? 1 : 0;
        }
        LatencyStats delivery = new LatencyStats(all.stream().mapToLong(Long::longValue).toArray());
        LatencyStats visible = new LatencyStats(prober.latencies.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("{\"rate\":%d,\"seconds\":%d,\"published\":%d,\"publishedPerSecond\":%.0f,\"subscribers\":%d,"
                        + "\"subscribersWithEveryRecord\":%d,\"subscribersClosed\":%d,\"deliveries\":%d,\"deliveryP50Ms\":%.1f,"
                        + "\"deliveryP99Ms\":%.1f,\"deliveryMaxMs\":%.1f,\"lookupSamples\":%d,\"lookupVisibleP50Ms\":%.1f,"
                        + "\"lookupVisibleP99Ms\":%.1f,\"lookupVisibleMaxMs\":%.1f}%n",
                rate, seconds, total, total / publishSeconds, subscribers, complete, ended, delivery.count(),
                delivery.percentileMillis(50), delivery.percentileMillis(99), delivery.maxMillis(), visible.count(),
                visible.percentileMillis(50), visible.percentileMillis(99), visible.maxMillis());
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

    /** Asks LookupEvents (EventId) for the newest sampled record until it is there; one probe at a time. */
    private static final class Prober extends Thread {
        final List<Long> latencies = new ArrayList<>();
        volatile boolean stop;
        private final URI endpoint;
        private final AwsCredentialsIdentity root;
        private final AtomicReference<long[]> newest;
        private final Map<UUID, Long> sent;

        Prober(URI endpoint, AwsCredentialsIdentity root, AtomicReference<long[]> newest, Map<UUID, Long> sent) {
            this.endpoint = endpoint;
            this.root = root;
            this.newest = newest;
            this.sent = sent;
            setDaemon(true);
        }

        @Override
        public void run() {
            long[] last = null;
            while (!stop) {
                long[] probe = newest.get();
                if (probe == null || probe == last) {
                    LockSupport.parkNanos(5_000_000);
                    continue;
                }
                last = probe;
                UUID id = new UUID(probe[0], probe[1]);
                try {
                    while (!stop) {
                        if (lookup(id)) {
                            latencies.add(System.nanoTime() - probe[2]);
                            break;
                        }
                        LockSupport.parkNanos(10_000_000);
                    }
                    LockSupport.parkNanos(50_000_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private boolean lookup(UUID id) throws Exception {
            String body = "{\"LookupAttributes\":[{\"AttributeKey\":\"EventId\",\"AttributeValue\":\"" + id + "\"}]}";
            String target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                    .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
            Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(root).request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
            HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                    values.forEach(v -> http.header(name, v));
                }
            });
            HttpResponse<String> answer = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("LookupEvents answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode events = JSON.readTree(answer.body()).path("Events");
            return events.size() == 1;
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

    private static Map<String, String> env(Path file) throws Exception {
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
