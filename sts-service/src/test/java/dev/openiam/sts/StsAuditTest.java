package dev.openiam.sts;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.sts.credentials.CredentialIssuer;
import dev.openiam.sts.credentials.SessionCredentials;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every authenticated STS call is recorded once through sts-service's own audit outbox ({@code sts.audit_outbox} →
 * {@code iam.audit.v1}): the session that called, read-only, the role it named, the error of a failed call — and never
 * the session token or the token code it was sent.
 */
@QuarkusTest
public class StsAuditTest {

    private static final String ACCOUNT = "444455556666";
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/audited";

    @Inject
    CredentialIssuer issuer;

    @Test
    void eachCallIsRecordedOnceWithTheSessionThatMadeItAndNoSecret() {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String session = "s" + UUID.randomUUID().toString().substring(0, 8);
        SessionCredentials credentials = issuer.issue(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/audited/" + session,
                "AROAAUDITEDAUDITEDAU:" + session, null, new SessionContext(ROLE_ARN, "AssumedRole", issued,
                        issued.plus(Duration.ofHours(1)), null, List.of(), Map.of(), List.of(), "alice", null, false));

        StsFrontDoorTest.call(credentials, "GetCallerIdentity", "2011-06-15").statusCode(200);
        // the peers are not running in this module's tests: a refusal (fail closed), recorded as such
        int status = StsFrontDoorTest.call(credentials, "GetSessionToken", "2011-06-15", "SerialNumber",
                "arn:aws:iam::" + ACCOUNT + ":mfa/dev", "TokenCode", "123456").extract().statusCode();
        assertThat(status).isGreaterThanOrEqualTo(400);
        StsFrontDoorTest.call(credentials, "AssumeRole", "2011-06-15", "RoleArn", ROLE_ARN, "RoleSessionName", "next")
                .statusCode(503);

        List<AuditRecord> records = records(credentials.accessKeyId(), 3);
        assertThat(records).extracting(AuditRecord::eventName)
                .containsExactlyInAnyOrder("GetCallerIdentity", "GetSessionToken", "AssumeRole");
        assertThat(records).allMatch(r -> r.eventSource().equals("sts.amazonaws.com") && r.readOnly()
                && r.recipientAccountId().equals(ACCOUNT));
        AuditRecord identity = records.stream().filter(r -> r.eventName().equals("GetCallerIdentity")).findFirst().orElseThrow();
        assertThat(identity.errorCode()).isNull();
        assertThat(identity.userIdentity().type()).isEqualTo("AssumedRole");
        assertThat(identity.userIdentity().principalId()).isEqualTo("AROAAUDITEDAUDITEDAU:" + session);
        assertThat(identity.userIdentity().sessionContext().sessionIssuer().arn()).isEqualTo(ROLE_ARN);
        assertThat(identity.userIdentity().sessionContext().sourceIdentity()).isEqualTo("alice");
        assertThat(identity.username()).isEqualTo(session);
        AuditRecord assume = records.stream().filter(r -> r.eventName().equals("AssumeRole")).findFirst().orElseThrow();
        assertThat(assume.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(assume.resources()).containsExactly(new AuditRecord.Resource(ACCOUNT, "AWS::IAM::Role", ROLE_ARN));
        AuditRecord token = records.stream().filter(r -> r.eventName().equals("GetSessionToken")).findFirst().orElseThrow();
        assertThat(token.errorCode()).isNotNull();
        assertThat(token.requestParameters().get("tokenCode").asText()).isEqualTo("HIDDEN_DUE_TO_SECURITY_REASONS");
        for (AuditRecord record : records) {
            assertThat(AuditCodec.toJson(record)).doesNotContain(credentials.sessionToken())
                    .doesNotContain(credentials.secretAccessKey()).doesNotContain("123456");
        }
    }

    /**
     * AssumeRoleWithWebIdentity is unsigned: it is recorded in the account of the role it names, by a WebIdentityUser
     * (here not named: the token could not be verified), without the token.
     */
    @Test
    void anUnsignedWebIdentityCallIsRecordedInTheRolesAccount() {
        String account = "7" + String.valueOf(System.nanoTime()).substring(0, 11);
        String roleArn = "arn:aws:iam::" + account + ":role/web";
        String token = "not-a-jwt-" + "x".repeat(64);
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body(dev.openiam.testsupport.SignedQuery.form("AssumeRoleWithWebIdentity", "2011-06-15", "RoleArn", roleArn,
                        "RoleSessionName", "web", "WebIdentityToken", token))
                .post("/").then().statusCode(400);
        List<AuditRecord> records = records(record -> account.equals(record.recipientAccountId()), 1);
        assertThat(records).hasSize(1);
        AuditRecord record = records.get(0);
        assertThat(record.eventName()).isEqualTo("AssumeRoleWithWebIdentity");
        assertThat(record.userIdentity().type()).isEqualTo("WebIdentityUser");
        assertThat(record.userIdentity().accountId()).isEqualTo(account);
        assertThat(record.errorCode()).isEqualTo("InvalidIdentityToken");
        assertThat(record.resources()).containsExactly(new AuditRecord.Resource(account, "AWS::IAM::Role", roleArn));
        assertThat(AuditCodec.toJson(record)).doesNotContain(token);
    }

    /** The records made with {@code accessKeyId}: waits for {@code expected}, then reads on a little to see any repeat. */
    private static List<AuditRecord> records(String accessKeyId, int expected) {
        return records(record -> accessKeyId.equals(record.userIdentity().accessKeyId()), expected);
    }

    /** The records on {@code iam.audit.v1} that {@code match}: waits for {@code expected}, then reads on a little. */
    public static List<AuditRecord> records(Predicate<AuditRecord> match, int expected) {
        List<AuditRecord> records = new ArrayList<>();
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "sts-audit-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the relay may create the topic after the subscription: see it soon, not in 5 minutes
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(AuditEvent.TOPIC));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                poll(consumer, match, records);
                return records.size() >= expected;
            });
            for (int i = 0; i < 5; i++) {
                poll(consumer, match, records);
            }
        }
        return records;
    }

    private static void poll(KafkaConsumer<String, String> consumer, Predicate<AuditRecord> match, List<AuditRecord> into) {
        for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(200))) {
            AuditRecord record = AuditCodec.decode(message.value());
            if (match.test(record)) {
                into.add(record);
            }
        }
    }
}
