package dev.openiam.audit.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.audit.Records;
import dev.openiam.audit.TestCallers;
import dev.openiam.audit.stream.domain.EventHub;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.KafkaClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/events/stream}: records published to {@code iam.audit.v1} reach the subscribers whose filters they
 * match, within their account; a subscriber that comes back with Last-Event-ID gets what it missed, then the live
 * records, without a gap or a repeat; a subscriber that does not read is ended while the others get every record; an
 * idle stream is sent a keep-alive comment.
 */
@QuarkusTest
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestCallers callers;

    @Inject
    EventHub hub;

    @Inject
    io.vertx.core.Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private SignedGets gets;
    private String account;
    private TestCallers.Key reader;

    @BeforeEach
    void setUp() {
        gets = new SignedGets(base);
        account = Records.account();
        reader = callers.user(account, "reader", true);
    }

    @Test
    void filteredRecordsArriveLiveAndAResumedStreamMissesNothing() throws Exception {
        Map<String, String> filter = Map.of("principal", "alice", "eventName", "CreateUser", "readOnly", "false");
        Subscriber first = subscribe(filter, null);

        List<AuditRecord> wanted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wanted.add(call("alice", "CreateUser", false));
        }
        List<AuditRecord> others = List.of(call("alice", "GetUser", true), call("bob", "CreateUser", false),
                Records.call(Records.account(), "alice", "AKIAALICE", "CreateUser", "x", Instant.now(), false));
        publish(interleave(wanted, others));

        await().atMost(WAIT).until(() -> first.events.size() >= 3);
        assertThat(ids(first.events)).containsExactlyElementsOf(eventIds(wanted));
        assertThat(first.events).allMatch(e -> e.name().equals("record"));
        String lastSeen = first.lastId();
        first.close();

        // away: records are stored meanwhile; back with Last-Event-ID, then more live records
        List<AuditRecord> missed = List.of(call("alice", "CreateUser", false), call("alice", "CreateUser", false));
        publish(interleave(missed, List.of(call("alice", "DeleteUser", false))));
        Subscriber resumed = subscribe(filter, lastSeen);
        List<AuditRecord> later = List.of(call("alice", "CreateUser", false));
        publish(later);

        List<AuditRecord> expected = new ArrayList<>(missed);
        expected.addAll(later);
        await().atMost(WAIT).until(() -> resumed.events.size() >= expected.size());
        // nothing more (no repeat of the first three, no other record) arrives
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> resumed.events.size() == expected.size());
        assertThat(ids(resumed.events)).containsExactlyElementsOf(eventIds(expected));
        assertThat(resumed.events.stream().map(e -> Long.parseLong(e.id()))).isSorted()
                .allMatch(id -> id > Long.parseLong(lastSeen));
        resumed.close();
    }

    @Test
    void aSubscriberThatDoesNotReadIsEndedAndTheOthersGetEverything() throws Exception {
        Map<String, String> all = Map.of();
        // opened, never read: its socket fills, then its queue (500 records in tests)
        StalledSubscriber stalled = new StalledSubscriber(vertx, gets.request(reader, "/v1/events/stream", all,
                Map.of("Accept", "text/event-stream")));
        assertThat(stalled.status()).isEqualTo(200);
        Subscriber reading = subscribe(all, null);
        await().atMost(WAIT).until(() -> hub.subscribers() >= 2);
        long overflowedBefore = hub.overflowed();

        // large records, so that the stalled socket is full after a few hundred
        List<AuditRecord> records = new ArrayList<>();
        String padding = "p".repeat(32_000);
        for (int i = 0; i < 1_500; i++) {
            records.add(Records.call(account, "alice", "AKIAALICE", "TagUser", padding + i, Instant.now(), false));
        }
        publish(records);

        await().atMost(WAIT).until(() -> reading.events.size() >= records.size());
        assertThat(ids(reading.events)).containsExactlyElementsOf(eventIds(records));
        assertThat(reading.ended()).isFalse();
        await().atMost(WAIT).until(() -> hub.overflowed() > overflowedBefore);

        // the stalled subscriber reads what reached it, finds its stream ended, and resumes without a gap
        stalled.drain();
        await().atMost(WAIT).until(stalled::ended);
        List<String> before = stalled.ids();
        assertThat(before.size()).isLessThan(records.size());
        String lastSeen = before.isEmpty() ? "0" : before.get(before.size() - 1);
        Subscriber resumed = subscribe(all, lastSeen);
        await().atMost(WAIT).until(() -> before.size() + resumed.events.size() >= records.size());
        List<String> seqs = new ArrayList<>(before);
        seqs.addAll(resumed.events.stream().map(SignedGets.Event::id).toList());
        assertThat(seqs).containsExactlyElementsOf(reading.events.stream().map(SignedGets.Event::id).toList());
        assertThat(ids(resumed.events)).containsExactlyElementsOf(eventIds(records.subList(before.size(), records.size())));
        stalled.close();
        reading.close();
        resumed.close();
    }

    @Test
    void anIdleStreamIsSentAKeepAliveCommentEveryInterval() throws Exception {
        // a fresh account: no record reaches this stream, only the comments (every second in tests)
        HttpResponse<InputStream> response = gets.open(reader, Map.of(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // closed by the test
            }
        }, "test-raw-subscriber");
        thread.setDaemon(true);
        thread.start();

        await().atMost(WAIT).until(() -> lines.stream().filter(": keep-alive"::equals).count() >= 3);
        assertThat(lines).filteredOn(line -> !line.isEmpty()).allMatch(": keep-alive"::equals);

        // a record, then silence again: the comments go on after it
        publish(List.of(call("alice", "CreateUser", false)));
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")));
        int afterRecord = lines.size();
        await().atMost(WAIT).until(() -> lines.subList(afterRecord, lines.size()).contains(": keep-alive"));
        response.body().close();
        thread.join(5_000);
    }

    @Test
    void refusedBeforeAnyStreamOpens() throws Exception {
        HttpResponse<InputStream> unsigned = gets.open(null, Map.of(), null);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(problem(unsigned)).contains("\"code\":\"MissingAuthenticationToken\"");

        TestCallers.Key notAllowed = callers.user(account, "nobody", false);
        HttpResponse<InputStream> denied = gets.open(notAllowed, Map.of(), null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(problem(denied)).contains("\"code\":\"AccessDenied\"").contains("cloudtrail:LookupEvents");

        HttpResponse<InputStream> badFilter = gets.open(reader, Map.of("readOnly", "maybe"), null);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(problem(badFilter)).contains("\"code\":\"InvalidInput\"").contains("readOnly");

        HttpResponse<InputStream> badId = gets.open(reader, Map.of(), "not-an-id");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(problem(badId)).contains("\"code\":\"InvalidInput\"").contains("Last-Event-ID");
    }

    private Subscriber subscribe(Map<String, String> filter, String lastEventId) throws Exception {
        HttpResponse<InputStream> response = gets.open(reader, filter, lastEventId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return new Subscriber(response);
    }

    private AuditRecord call(String user, String eventName, boolean readOnly) {
        return Records.call(account, user, "AKIA" + user.toUpperCase(), eventName, "target", Instant.now(), readOnly);
    }

    private static List<AuditRecord> interleave(List<AuditRecord> a, List<AuditRecord> b) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    private void publish(List<AuditRecord> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers,
                Map.of("acks", "all", "max.in.flight.requests.per.connection", 1)), new StringSerializer(), new StringSerializer())) {
            for (AuditRecord record : records) {
                // one key: one partition, so the topic keeps the order of publication
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, AuditCodec.encode(record)));
            }
            producer.flush();
        }
    }

    private static List<String> ids(List<SignedGets.Event> events) {
        return events.stream().map(e -> {
            try {
                return JSON.readTree(e.data()).path("eventID").asText();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static List<String> eventIds(List<AuditRecord> records) {
        return records.stream().map(r -> r.eventID().toString()).toList();
    }

    private static String problem(HttpResponse<InputStream> response) throws Exception {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes());
        }
    }
}
