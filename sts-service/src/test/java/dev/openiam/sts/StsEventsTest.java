package dev.openiam.sts;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.StsEvent;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every credential issued is announced on {@code iam.sts.v1} through sts-service's own outbox: one SessionIssued per
 * issue, in the session's account, with the session, who asked, the role and the expiry and never the secret or the
 * token; concurrent issues share batched writes, and each account's revisions stay gap-free (1, 2, 3, … in the order
 * they were taken).
 */
@QuarkusTest
class StsEventsTest {

    @Inject
    CredentialIssuer issuer;

    @Test
    void eachIssueIsOneEventWithGapFreeRevisionsPerAccountAndNoSecret() {
        String busy = account();
        String quiet = account();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Uni<SessionCredentials>> issues = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            issues.add(assume(busy, "s" + i, now));
        }
        for (int i = 0; i < 5; i++) {
            issues.add(issuer.issue("GetSessionToken", "arn:aws:iam::" + quiet + ":user/alice", null, quiet,
                    "arn:aws:iam::" + quiet + ":user/alice", "AIDAQUIETQUIETQUIETQ", now,
                    new SessionContext("arn:aws:iam::" + quiet + ":user/alice", "IAMUser", now, now.plus(Duration.ofHours(12)), null,
                            List.of(), Map.of(), List.of(), null, null, false)));
        }
        List<SessionCredentials> issued = Uni.join().all(issues).andFailFast().await().atMost(Duration.ofSeconds(60));

        // the relay delivers at least once (a send it could not confirm is sent again): consumers take revision n + 1
        List<ConsumerRecord<String, String>> events = events(List.of(busy, quiet), 45);
        assertThat(events.stream().map(e -> EventCodec.decode(e.value()).eventId()).distinct()).hasSize(45);
        for (String account : List.of(busy, quiet)) {
            Map<Long, java.util.Set<java.util.UUID>> idsByRevision = new java.util.TreeMap<>();
            events.stream().filter(e -> e.key().equals(account)).map(e -> EventCodec.decode(e.value()))
                    .forEach(e -> idsByRevision.computeIfAbsent(e.revision(), r -> new java.util.HashSet<>()).add(e.eventId()));
            assertThat(idsByRevision.keySet()).as("revisions of " + account)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, account.equals(busy) ? 40 : 5).boxed().toList());
            assertThat(idsByRevision.values()).as("one event per revision of " + account).allMatch(ids -> ids.size() == 1);
        }
        for (ConsumerRecord<String, String> message : events) {
            assertThat(message.value()).doesNotContain("secretAccessKey").doesNotContain("sessionToken");
            for (SessionCredentials credentials : issued) {
                assertThat(message.value()).doesNotContain(credentials.secretAccessKey()).doesNotContain(credentials.sessionToken());
            }
        }
        EventEnvelope first = events.stream().filter(e -> e.key().equals(busy)).map(e -> EventCodec.decode(e.value()))
                .filter(e -> ((StsEvent.SessionIssued) e.payload()).sessionArn().endsWith("/s7")).findFirst().orElseThrow();
        StsEvent.SessionIssued s7 = (StsEvent.SessionIssued) first.payload();
        assertThat(first.type()).isEqualTo("SessionIssued");
        assertThat(first.actor()).isEqualTo("arn:aws:iam::" + busy + ":user/bob");
        assertThat(s7.action()).isEqualTo("AssumeRole");
        assertThat(s7.sessionArn()).isEqualTo("arn:aws:sts::" + busy + ":assumed-role/app/s7");
        assertThat(s7.principalId()).isEqualTo("AROAAPPAPPAPPAPPAPPA:s7");
        assertThat(s7.requestedBy()).isEqualTo("arn:aws:iam::" + busy + ":user/bob");
        assertThat(s7.roleArn()).isEqualTo("arn:aws:iam::" + busy + ":role/app");
        assertThat(s7.accessKeyId()).startsWith("ASIA")
                .isIn(issued.stream().map(SessionCredentials::accessKeyId).toList());
        assertThat(s7.issuedAt()).isEqualTo(now);
        assertThat(s7.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(s7.sourceIdentity()).isEqualTo("bob@example.com");
        assertThat(s7.mfaAuthenticated()).isFalse();
        StsEvent.SessionIssued own = events.stream().filter(e -> e.key().equals(quiet)).map(e -> EventCodec.decode(e.value()))
                .map(e -> (StsEvent.SessionIssued) e.payload()).findFirst().orElseThrow();
        assertThat(own.action()).isEqualTo("GetSessionToken");
        assertThat(own.roleArn()).isNull();
        assertThat(own.mfaAuthenticated()).isTrue();
    }

    private Uni<SessionCredentials> assume(String account, String session, Instant now) {
        String role = "arn:aws:iam::" + account + ":role/app";
        return issuer.issue("AssumeRole", "arn:aws:iam::" + account + ":user/bob", null, account,
                "arn:aws:sts::" + account + ":assumed-role/app/" + session, "AROAAPPAPPAPPAPPAPPA:" + session, null,
                new SessionContext(role, "AssumedRole", now, now.plus(Duration.ofHours(1)), null, List.of(), Map.of(), List.of(),
                        "bob@example.com", null, false));
    }

    private static String account() {
        return String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000L));
    }

    /** The events of {@code accounts}: waits for {@code expected} distinct ones, then reads on a little to see any repeat. */
    private static List<ConsumerRecord<String, String>> events(List<String> accounts, int expected) {
        List<ConsumerRecord<String, String>> events = new ArrayList<>();
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "sts-events-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(StsEvent.TOPIC));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                poll(consumer, accounts, events);
                return events.stream().map(e -> EventCodec.decode(e.value()).eventId()).distinct().count() >= expected;
            });
            for (int i = 0; i < 5; i++) {
                poll(consumer, accounts, events);
            }
        }
        return events;
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<String> accounts, List<ConsumerRecord<String, String>> into) {
        for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(200))) {
            if (accounts.contains(message.key())) {
                into.add(message);
            }
        }
    }
}
