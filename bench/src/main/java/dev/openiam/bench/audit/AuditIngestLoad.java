package dev.openiam.bench.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sustained ingest of audit-service: publishes N audit records to {@code iam.audit.v1} as fast as one idempotent
 * producer sends them (50 accounts, a quarter writes, each naming one user), then waits until audit-service's
 * {@code iam_audit_records_stored_total} has grown by N. Prints one JSON line: how long publishing took and how long
 * from the first send to the last record stored, and the rates.
 *
 * <pre>java -cp … dev.openiam.bench.audit.AuditIngestLoad BOOTSTRAP METRICS_URL N</pre>
 */
public final class AuditIngestLoad {

    private AuditIngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        URI metrics = URI.create(args[1]);
        int n = Integer.parseInt(args[2]);
        List<String> accounts = new ArrayList<>();
        long base = 200_000_000_000L + (System.nanoTime() % 1_000_000) * 100;
        for (int i = 0; i < 50; i++) {
            accounts.add(String.valueOf(base + i));
        }
        List<String> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(AuditCodec.encode(record(accounts.get(i % accounts.size()), i)));
        }
        HttpClient http = HttpClient.newHttpClient();
        double before = stored(http, metrics);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, accounts.get(i % accounts.size()), messages.get(i)));
            }
            producer.flush();
        }
        long published = System.nanoTime();
        while (stored(http, metrics) - before < n) {
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        double publishSeconds = (published - start) / 1e9;
        double storeSeconds = (done - start) / 1e9;
        System.out.printf("{\"records\":%d,\"publishSeconds\":%.2f,\"publishedPerSecond\":%.0f,\"storedSeconds\":%.2f,"
                + "\"storedPerSecond\":%.0f}%n", n, publishSeconds, n / publishSeconds, storeSeconds, n / storeSeconds);
    }

    private static AuditRecord record(String account, int i) {
        return record(account, i, UUID.randomUUID(), UUID.randomUUID().toString());
    }

    /** The {@code i}th record of a load: a quarter writes, 40 users, each call naming one user. */
    static AuditRecord record(String account, int i, UUID eventId, String requestId) {
        String user = "u" + (i % 40);
        boolean write = i % 4 == 0;
        return new AuditRecord(null,
                AuditRecord.UserIdentity.iamUser(account, "AIDA" + (i % 40), "arn:aws:iam::" + account + ":user/" + user, user,
                        "AKIA" + (i % 40)),
                Instant.now(), "iam.amazonaws.com", write ? "CreateUser" : "GetUser", "us-east-1", "10.0.0.1", "bench",
                null, null, JsonNodeFactory.instance.objectNode().put("userName", "t" + i), null, requestId, eventId, !write,
                List.of(new AuditRecord.Resource(account, "AWS::IAM::User", "arn:aws:iam::" + account + ":user/t" + i)),
                null, true, account, null);
    }

    /** The records audit-service has stored since it started (its Prometheus counter). */
    private static double stored(HttpClient http, URI metrics) throws Exception {
        String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith("iam_audit_records_stored_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
