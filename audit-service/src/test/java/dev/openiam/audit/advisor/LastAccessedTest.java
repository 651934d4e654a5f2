package dev.openiam.audit.advisor;

import dev.openiam.internalauth.TrustedKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.audit.Records;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.model.audit.AuditCodec;
import dev.openiam.model.audit.AuditEvent;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.KafkaClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access advisor's last accesses: kept as records are stored (newest authorized call per entity, service and action,
 * whatever order and however often records arrive; a role session counts for its role; failed calls and the root user's
 * do not), and read by policy-service alone, for the end caller's own account, within the 400-day tracking period.
 */
@QuarkusTest
class LastAccessedTest {

    private static final ServiceKey POLICY_SERVICE = ServiceKey.read("policy-service",
            Path.of("src/test/resources/trust/policy-service.pem"));
    private static final ServiceKey FORGED = ServiceKey.read("sts-service",
            Path.of("src/test/resources/trust/audit-service.pem"));

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/internal/v1/last-accessed")
    URI endpoint;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theNewestAuthorizedCallPerEntityServiceAndActionIsKept() throws Exception {
        String account = Records.account();
        String alice = "arn:aws:iam::" + account + ":user/alice";
        String role = "arn:aws:iam::" + account + ":role/deployer";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AuditRecord newest = in(Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", now.minus(1, ChronoUnit.HOURS), true),
                "us-west-2");
        AuditRecord older = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", now.minus(3, ChronoUnit.HOURS), true);
        AuditRecord between = Records.call(account, "alice", "AKIAALICE", "GetUser", "bob", now.minus(2, ChronoUnit.HOURS), true);
        AuditRecord denied = failed(Records.call(account, "alice", "AKIAALICE", "DeleteUser", "bob", now, false), "AccessDenied");
        AuditRecord notFound = failed(Records.call(account, "alice", "AKIAALICE", "GetGroup", "g", now, true), "NoSuchEntity");
        AuditRecord session = roleSession(account, role, now.minus(10, ChronoUnit.MINUTES));
        AuditRecord root = rootCall(account, now);

        // out of order and repeated: the same rows
        publish(account, newest, older, denied, session, between, root, notFound, newest, older);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows(account) == 2);
        JsonNode accesses = ask(POLICY_SERVICE, account, List.of(alice, role)).get("accesses");
        assertThat(accesses).hasSize(2);
        JsonNode user = find(accesses, alice);
        assertThat(user.get("namespace").asText()).isEqualTo("iam");
        assertThat(user.get("action").asText()).isEqualTo("GetUser");
        assertThat(Instant.parse(user.get("time").asText())).isEqualTo(newest.eventTime());
        assertThat(user.get("region").asText()).isEqualTo("us-west-2");
        JsonNode assumed = find(accesses, role);
        assertThat(assumed.get("namespace").asText()).isEqualTo("sts");
        assertThat(assumed.get("action").asText()).isEqualTo("GetCallerIdentity");
        assertThat(Instant.parse(assumed.get("time").asText())).isEqualTo(session.eventTime());
        // only the entities asked for
        assertThat(ask(POLICY_SERVICE, account, List.of(role)).get("accesses")).hasSize(1);
    }

    @Test
    void accessesBeforeTheTrackingPeriodAreNotReported() throws Exception {
        String account = Records.account();
        String alice = "arn:aws:iam::" + account + ":user/alice";
        insert(account, alice, "iam", "ListUsers", Instant.now().minus(401, ChronoUnit.DAYS));
        insert(account, alice, "iam", "GetUser", Instant.now().minus(399, ChronoUnit.DAYS));

        JsonNode accesses = ask(POLICY_SERVICE, account, List.of(alice)).get("accesses");

        assertThat(accesses).hasSize(1);
        assertThat(accesses.get(0).get("action").asText()).isEqualTo("GetUser");
    }

    @Test
    void onlyPolicyServiceReadsAndOnlyForItsCallersAccount() throws Exception {
        String account = Records.account();
        String alice = "arn:aws:iam::" + account + ":user/alice";
        insert(account, alice, "iam", "GetUser", Instant.now());
        byte[] body = body(account, List.of(alice));

        // another account's caller
        HttpResponse<String> otherAccount = post(body, token(POLICY_SERVICE, Purpose.LAST_ACCESSED, body, Records.account()));
        assertThat(otherAccount.statusCode()).isEqualTo(400);
        assertThat(otherAccount.body()).contains("ValidationException").doesNotContain("GetUser");
        // a token for another purpose, a service not allowed, none at all
        assertThat(post(body, token(POLICY_SERVICE, Purpose.DECIDE, body, account)).body()).doesNotContain("GetUser");
        assertThat(post(body, token(POLICY_SERVICE, Purpose.DECIDE, body, account)).statusCode()).isBetween(401, 403);
        assertThat(post(body, token(FORGED, Purpose.LAST_ACCESSED, body, account)).statusCode()).isBetween(401, 403);
        assertThat(post(body, null).statusCode()).isBetween(401, 403);
        // a token bound to other bytes
        byte[] other = body(account, List.of(alice, "arn:aws:iam::" + account + ":user/bob"));
        assertThat(post(other, token(POLICY_SERVICE, Purpose.LAST_ACCESSED, body, account)).statusCode()).isBetween(401, 403);
        // and the right one answers
        assertThat(post(body, token(POLICY_SERVICE, Purpose.LAST_ACCESSED, body, account)).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedRequestIsAValidationError() throws Exception {
        String account = Records.account();
        for (String text : List.of("{", "{}", "{\"accountId\":\"12\",\"entityArns\":[]}",
                "{\"accountId\":\"" + account + "\",\"entityArns\":[\"alice\"]}")) {
            byte[] body = text.getBytes();
            HttpResponse<String> answer = post(body, token(POLICY_SERVICE, Purpose.LAST_ACCESSED, body, account));
            assertThat(answer.statusCode()).as(text).isEqualTo(400);
            assertThat(answer.body()).as(text).contains("ValidationException");
        }
    }

    private JsonNode ask(ServiceKey key, String account, List<String> arns) throws Exception {
        byte[] body = body(account, arns);
        HttpResponse<String> answer = post(body, token(key, Purpose.LAST_ACCESSED, body, account));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private byte[] body(String account, List<String> arns) throws Exception {
        return json.writeValueAsBytes(Map.of("accountId", account, "entityArns", arns));
    }

    private static String token(ServiceKey key, Purpose purpose, byte[] body, String callerAccount) {
        CallerClaims caller = new CallerClaims("arn:aws:iam::" + callerAccount + ":user/admin", callerAccount, "AIDAADMIN",
                "AKIAADMIN", false);
        return new TokenIssuer(key, TrustedKeys.fromDirectory(java.nio.file.Path.of("src/test/resources/trust/trusted"))).issue("audit-service", purpose, "POST", LastAccessedResource.PATH, body, caller,
                "iam:GenerateServiceLastAccessedDetails");
    }

    private HttpResponse<String> post(byte[] body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode accesses, String arn) {
        for (JsonNode access : accesses) {
            if (access.get("entityArn").asText().equals(arn)) {
                return access;
            }
        }
        throw new AssertionError("no access of " + arn + " in " + accesses);
    }

    private static AuditRecord in(AuditRecord r, String region) {
        return new AuditRecord(null, r.userIdentity(), r.eventTime(), r.eventSource(), r.eventName(), region, r.sourceIPAddress(),
                r.userAgent(), null, null, r.requestParameters(), null, r.requestID(), UUID.randomUUID(), r.readOnly(), r.resources(),
                null, true, r.recipientAccountId(), null);
    }

    private static AuditRecord failed(AuditRecord r, String errorCode) {
        return new AuditRecord(null, r.userIdentity(), r.eventTime(), r.eventSource(), r.eventName(), r.awsRegion(),
                r.sourceIPAddress(), r.userAgent(), errorCode, "refused", r.requestParameters(), null, r.requestID(), UUID.randomUUID(),
                r.readOnly(), r.resources(), null, true, r.recipientAccountId(), null);
    }

    private static AuditRecord roleSession(String account, String roleArn, Instant time) {
        AuditRecord.UserIdentity identity = AuditRecord.UserIdentity.assumedRole(account, "AROADEPLOYER", roleArn, "deployer", "ci",
                "arn:aws:sts::" + account + ":assumed-role/deployer/ci", "ASIADEPLOYER",
                new AuditRecord.SessionContext(null, null, null, null));
        return new AuditRecord(null, identity, time, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", "203.0.113.9",
                "aws-cli/2", null, null, null, null, UUID.randomUUID().toString(), UUID.randomUUID(), true, List.of(), null, true,
                account, null);
    }

    private static AuditRecord rootCall(String account, Instant time) {
        return new AuditRecord(null, AuditRecord.UserIdentity.root(account, "AKIAROOT"), time, "iam.amazonaws.com", "ListUsers",
                "us-east-1", "203.0.113.9", "aws-cli/2", null, null, null, null, UUID.randomUUID().toString(), UUID.randomUUID(),
                true, List.of(), null, true, account, null);
    }

    private void publish(String account, AuditRecord... records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.config(bootstrapServers, Map.of("acks", "all")),
                new StringSerializer(), new StringSerializer())) {
            for (AuditRecord record : records) {
                producer.send(new ProducerRecord<>(AuditEvent.TOPIC, account, AuditCodec.encode(record))).get();
            }
        }
    }

    private long rows(String account) {
        return pool.preparedQuery("select count(*) from audit.last_accessed where account_id = $1").execute(Tuple.of(account))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private void insert(String account, String arn, String namespace, String action, Instant time) {
        pool.preparedQuery("insert into audit.last_accessed (account_id, entity_arn, namespace, action_name, last_accessed, region) "
                        + "values ($1, $2, $3, $4, $5, 'us-east-1')")
                .execute(Tuple.of(account, arn, namespace, action, OffsetDateTime.ofInstant(time, ZoneOffset.UTC)))
                .await().indefinitely();
    }
}
