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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Live audit records under a steady load: one producer publishes CloudTrail records of the system's account to
 * {@code iam.audit.v1} at a fixed rate (each carrying its send time in {@code requestID}) while a prober asks LookupEvents
 * for the newest sampled record every 50 ms until it is there; the subscribers of {@code GET /v1/events/stream} read in
 * a JVM of their own ({@link AuditStreamSubscribers}). Prints one JSON line: the rate reached and publish → visible in
 * LookupEvents p50/p99. Records enter at Kafka: the front door's outbox relay (the step before) is not in these figures.
 *
 * <pre>java -cp … dev.openiam.bench.audit.AuditLiveLoad LOCAL_ENV BOOTSTRAP RATE SECONDS [WARMUP_SECONDS]</pre>
 */
public final class AuditLiveLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLiveLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = AuditStreamSubscribers.env(Path.of(args[0]));
        String servers = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        // published at the rate before the measured seconds, unsampled: this JVM's own start (the JIT compiling the
        // producer, the JSON and the prober's signing on the same cores) made the first ~10 s of every run late
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL_CLOUDTRAIL"));
        AwsCredentialsIdentity root = AwsCredentialsIdentity.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"));
        String account = env.get("IAM_ACCOUNT_ID");
        int total = rate * seconds;
        int unsampled = rate * warmup;

        AtomicReference<long[]> newest = new AtomicReference<>();
        Map<UUID, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
        Prober prober = new Prober(endpoint, root, newest, sent);
        prober.start();

        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers, "acks", "all",
                "enable.idempotence", true, "linger.ms", 2), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < unsampled + total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                UUID id = UUID.randomUUID();
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, AuditCodec.encode(AuditIngestLoad.record(account, i, id, "bench-" + now))));
                if (i >= unsampled && i % 50 == 0) {
                    sent.put(id, now);
                    newest.set(new long[]{id.getMostSignificantBits(), id.getLeastSignificantBits(), now});
                }
            }
            producer.flush();
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        // until the prober has found the last sampled record
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && prober.lastFound != newest.get()) {
            Thread.sleep(100);
        }
        prober.stop = true;
        prober.join(5_000);

        LatencyStats visible = new LatencyStats(prober.latencies.stream().mapToLong(Long::longValue).toArray());
        LatencyStats calls = new LatencyStats(prober.calls.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("{\"rate\":%d,\"seconds\":%d,\"published\":%d,\"publishedPerSecond\":%.0f,\"lookupSamples\":%d,"
                        + "\"lookupVisibleP50Ms\":%.1f,\"lookupVisibleP99Ms\":%.1f,\"lookupVisibleMaxMs\":%.1f,\"lookupCalls\":%d,"
                        + "\"lookupCallP50Ms\":%.1f,\"lookupCallP99Ms\":%.1f,\"lookupCallMaxMs\":%.1f}%n",
                rate, seconds, total, (unsampled + total) / publishSeconds, visible.count(), visible.percentileMillis(50),
                visible.percentileMillis(99), visible.maxMillis(), calls.count(), calls.percentileMillis(50),
                calls.percentileMillis(99), calls.maxMillis());
        System.exit(0);
    }

    /** Asks LookupEvents (EventId) for the newest sampled record until it is there; one probe at a time. */
    private static final class Prober extends Thread {
        final List<Long> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** How long each LookupEvents call took (the visibility above includes the call that found the record). */
        final List<Long> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean stop;
        volatile long[] lastFound;
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
                        long asked = System.nanoTime();
                        boolean found = lookup(id);
                        calls.add(System.nanoTime() - asked);
                        if (found) {
                            long latency = System.nanoTime() - probe[2];
                            latencies.add(latency);
                            // each sample on standard error (wall clock ms, visible after ms): to line up with logs
                            System.err.printf("sample %d %.1f%n", System.currentTimeMillis(), latency / 1e6);
                            lastFound = probe;
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
                if (!AuditStreamSubscribers.RESTRICTED.contains(name.toLowerCase())) {
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

}
