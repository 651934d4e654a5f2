package dev.openiam.e2e;

import dev.openiam.internalauth.CallerClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's replica test: a second policy-service process beside iam-local's, on the same PostgreSQL, Kafka
 * and identity-service. Both replicas converge through the events of {@code iam.identity.v1} and
 * {@code iam.policy.v1}; with revision tokens each answers from the writes at once; a replica restarted
 * after a change it missed rebuilds and never answers Allow for state it has not applied; a token ahead of
 * everything that exists gets 503, never a decision.
 */
@ExtendWith(LocalSystem.class)
class PolicyReplicaE2ETest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern DECISION = Pattern.compile("\"decision\":\"(\\w+)\"");
    /** How long events may take to reach a replica before the test calls it a failure to converge. */
    static final Duration CONVERGENCE = Duration.ofSeconds(20);

    static ServiceReplica second;
    static IamClient root;
    /** The identity revision (X-Iam-Revision) of the front door's last identity write, as the SDK received it. */
    static final AtomicLong lastIdentityRevision = new AtomicLong();

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startSecondReplica() {
        LocalSystem system = LocalSystem.get();
        second = ServiceReplica.policy(system.repository().resolve("e2e/target/policy-replica/policy-service-2.log"));
        second.start();
        root = IamClient.builder()
                .endpointOverride(system.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(system.accessKeyId(),
                        system.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                        context.httpResponse().firstMatchingHeader("X-Iam-Revision")
                                .ifPresent(value -> lastIdentityRevision.accumulateAndGet(Long.parseLong(value), Math::max));
                    }
                }))
                .build();
    }

    @AfterAll
    static void stopSecondReplica() {
        try {
            if (root != null) {
                root.close();
            }
        } finally {
            if (second != null) {
                second.stop();
            }
        }
    }

    // --- the story ----------------------------------------------------------------------------------------

    @Test
    void bothReplicasConvergeThroughEventsAndAnswerFromTheWritesWithTokens() throws Exception {
        URI first = LocalSystem.get().policyEndpoint();
        URI other = second.endpoint();
        String user = "replicated-" + run;
        String userArn = userArn(user);
        root.createUser(b -> b.userName(user));
        long identity = lastIdentityRevision.get();
        assertThat(identity).as("the front door's X-Iam-Revision of CreateUser").isPositive();
        String policyArn = root.createPolicy(b -> b.policyName("ReadBucket-" + run).policyDocument(READ_BUCKET)).policy().arn();

        // both replicas know the user (a token makes each read a snapshot at least that new) and deny: no policy yet
        for (URI replica : List.of(first, other)) {
            assertThat(decision(replica, userArn, Map.of("identity", identity))).isEqualTo("ImplicitDeny");
        }

        // without tokens: the attach reaches both replicas through iam.policy.v1
        root.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        long attachedAt = System.nanoTime();
        awaitDecision(first, userArn, "Allow");
        awaitDecision(other, userArn, "Allow");
        System.out.printf("replica test: attach converged on both replicas in %d ms%n", (System.nanoTime() - attachedAt) / 1_000_000);

        // both hold the Allow now (cached); the detach must reach both, no TTL, no read keeps it alive
        root.detachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        long detachedAt = System.nanoTime();
        awaitDecision(first, userArn, "ImplicitDeny");
        awaitDecision(other, userArn, "ImplicitDeny");
        System.out.printf("replica test: detach converged on both replicas in %d ms%n", (System.nanoTime() - detachedAt) / 1_000_000);

        // with tokens: each replica answers from the write on the very first call after it, no wait, no retry
        root.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        Map<String, Long> afterAttach = Map.of("identity", identity, "policy", policyRevisionAfterTheLastWrite());
        assertThat(decision(other, userArn, afterAttach)).isEqualTo("Allow");
        assertThat(decision(first, userArn, afterAttach)).isEqualTo("Allow");

        root.detachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        Map<String, Long> afterDetach = Map.of("identity", identity, "policy", policyRevisionAfterTheLastWrite());
        assertThat(afterDetach.get("policy")).isGreaterThan(afterAttach.get("policy"));
        assertThat(decision(other, userArn, afterDetach)).isEqualTo("ImplicitDeny");
        assertThat(decision(first, userArn, afterDetach)).isEqualTo("ImplicitDeny");
        // and without a token, once the events arrived
        awaitDecision(first, userArn, "ImplicitDeny");
        awaitDecision(other, userArn, "ImplicitDeny");
    }

    @Test
    void aRestartedReplicaRebuildsAndNeverAnswersAllowForStateItHasNotApplied() throws Exception {
        URI other = second.endpoint();
        String user = "restarted-" + run;
        String userArn = userArn(user);
        root.createUser(b -> b.userName(user));
        long identity = lastIdentityRevision.get();
        String policyArn = root.createPolicy(b -> b.policyName("ReadBucket-" + run).policyDocument(READ_BUCKET)).policy().arn();
        root.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        // the second replica holds the Allow, learnt through the events
        awaitDecision(other, userArn, "Allow");

        second.stop();
        assertThat(second.running()).isFalse();
        root.detachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        Map<String, Long> afterDetach = Map.of("identity", identity, "policy", policyRevisionAfterTheLastWrite());
        long restarting = System.nanoTime();
        second.start();
        System.out.printf("replica test: second replica restarted (ready) in %d ms%n", (System.nanoTime() - restarting) / 1_000_000);

        // its very first answer, with and without a token in one batch: the current state, never the old Allow
        String question = question(userArn, null);
        HttpResponse<String> firstAnswer = post(other, "/v1/authorize:batch",
                "{\"requests\":[" + question + "," + question(userArn, afterDetach) + "]}");
        assertThat(firstAnswer.statusCode()).as(firstAnswer.body()).isEqualTo(200);
        assertThat(decisions(firstAnswer.body())).containsExactly("ImplicitDeny", "ImplicitDeny");
        assertThat(decision(other, userArn, null)).isEqualTo("ImplicitDeny");
        assertThat(decision(other, userArn, afterDetach)).isEqualTo("ImplicitDeny");

        // and it follows the topics again: a new attach reaches it
        root.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        awaitDecision(other, userArn, "Allow");
        root.detachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        awaitDecision(other, userArn, "ImplicitDeny");
    }

    @Test
    void aTokenAheadOfEverythingThatExistsGets503NeverADecision() throws Exception {
        String user = "ahead-" + run;
        String userArn = userArn(user);
        root.createUser(b -> b.userName(user));
        long identity = lastIdentityRevision.get();
        String policyArn = root.createPolicy(b -> b.policyName("ReadBucket-" + run).policyDocument(READ_BUCKET)).policy().arn();
        root.attachUserPolicy(b -> b.userName(user).policyArn(policyArn));
        long policy = policyRevisionAfterTheLastWrite();
        for (URI replica : List.of(LocalSystem.get().policyEndpoint(), second.endpoint())) {
            assertThat(decision(replica, userArn, Map.of("identity", identity, "policy", policy))).isEqualTo("Allow");
            // a token of either producer ahead of everything committed: 503, never a decision
            for (Map<String, Long> ahead : List.of(Map.of("identity", identity + 1_000_000),
                    Map.of("identity", identity + 1_000_000, "policy", policy),
                    Map.of("identity", identity, "policy", policy + 1_000_000))) {
                HttpResponse<String> answer = post(replica, "/v1/authorize", question(userArn, ahead));
                assertThat(answer.statusCode()).as("%s with %s: %s", replica, ahead, answer.body()).isEqualTo(503);
                assertThat(answer.body()).contains("ServiceUnavailable").doesNotContain("\"decision\"");
                HttpResponse<String> batch = post(replica, "/v1/authorize:batch", "{\"requests\":[" + question(userArn, null)
                        + "," + question(userArn, ahead) + "]}");
                assertThat(batch.statusCode()).as("%s batch with %s: %s", replica, ahead, batch.body()).isEqualTo(503);
                assertThat(batch.body()).contains("ServiceUnavailable").doesNotContain("\"decision\"");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static final String READ_BUCKET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::replicated/*\"}]}";

    static String userArn(String user) {
        return "arn:aws:iam::" + LocalSystem.get().accountId() + ":user/" + user;
    }

    static String question(String principalArn, Map<String, Long> atLeastRevision) {
        StringBuilder json = new StringBuilder("{\"principal\":\"").append(principalArn)
                .append("\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::replicated/report.csv\"");
        if (atLeastRevision != null) {
            json.append(",\"atLeastRevision\":{");
            String separator = "";
            for (Map.Entry<String, Long> token : atLeastRevision.entrySet()) {
                json.append(separator).append('"').append(token.getKey()).append("\":").append(token.getValue());
                separator = ",";
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    /** One decision; anything but a 200 fails the test. */
    static String decision(URI replica, String principalArn, Map<String, Long> atLeastRevision) throws Exception {
        HttpResponse<String> answer = post(replica, "/v1/authorize", question(principalArn, atLeastRevision));
        assertThat(answer.statusCode()).as("%s answered %s", replica, answer.body()).isEqualTo(200);
        List<String> decisions = decisions(answer.body());
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    /** Asks without a token until the replica answers {@code expected}: what the events alone bring. */
    static void awaitDecision(URI replica, String principalArn, String expected) {
        await(replica + " answers " + expected + " for " + principalArn + " without a token")
                .atMost(CONVERGENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> decision(replica, principalArn, null), expected::equals);
    }

    static List<String> decisions(String body) {
        Matcher matcher = DECISION.matcher(body);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The decision API as the front door asks it: a decide token of identity-service for this one call. */
    static HttpResponse<String> post(URI replica, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + FrontDoorTokens.decide(path, json))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A policy revision at least as new as every policy write so far. The front door keeps the revision of a
     * forwarded policy write to itself (the SDK cannot see it), so the test makes one more write (a marker
     * policy, which no principal uses) straight at policy-service's internal IAM endpoint, as the front door
     * forwards it, and takes the revision that write committed at: revisions of an account only grow.
     */
    long policyRevisionAfterTheLastWrite() throws Exception {
        LocalSystem system = LocalSystem.get();
        String body = "{\"action\":\"CreatePolicy\",\"params\":{\"PolicyName\":\"marker-" + run + "-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\",\"PolicyDocument\":" + jsonString(READ_BUCKET) + "},\"requestId\":\"" + UUID.randomUUID() + "\"}";
        String token = FrontDoorTokens.forward("CreatePolicy", new CallerClaims("arn:aws:iam::" + system.accountId() + ":root",
                system.accountId(), system.accountId(), system.accessKeyId(), true), body);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(system.policyEndpoint() + "/internal/v1/iam"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String revision = answer.headers().firstValue("X-Iam-Policy-Revision").orElseThrow(() ->
                new AssertionError("CreatePolicy answered no X-Iam-Policy-Revision: " + answer.headers().map()));
        return Long.parseLong(revision);
    }

    static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
