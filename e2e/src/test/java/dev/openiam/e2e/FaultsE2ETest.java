package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.CallerClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's faults, against the whole system iam-local runs plus a second policy-service replica: the Kafka
 * broker stopped while many mixed writes go through the front door (every write acknowledged, every event on
 * the topics once the broker is back, each replica's decisions converge to what the database holds), and
 * PostgreSQL restarted (callers get 503 ServiceUnavailable, not a 500 and not a hang; the services recover by
 * themselves); a replica killed with SIGKILL under decision load (no decision of either replica ever contradicts the
 * committed state at the revision asked for; the killed one rejoins and rebuilds). Sizes: {@code -Diam.faults.writes} (1,000) and {@code -Diam.faults.broker-down-seconds} (60).
 */
@ExtendWith(LocalSystem.class)
class FaultsE2ETest {

    static final int WRITES = Integer.getInteger("iam.faults.writes", 1000);
    static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("iam.faults.broker-down-seconds", 60));
    /** Longer than any answer may take: a request still open then is a hang. */
    static final Duration HANG = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(HANG).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject");

    static ServiceReplica second;

    @BeforeAll
    static void startSecondReplica() {
        LocalSystem system = LocalSystem.get();
        second = ServiceReplica.policy(system.repository().resolve("e2e/target/policy-replica/policy-service-faults.log"));
        second.start();
    }

    @AfterAll
    static void stopSecondReplica() {
        if (second != null) {
            second.stop();
        }
    }

    /** One user's state as the acknowledged writes left it: what every decision about it must say. */
    static final class Planned {
        final String name;
        boolean attached;
        boolean inline;
        boolean member;
        String team = "a";

        Planned(String name) {
            this.name = name;
        }

        boolean allows(String action) {
            return switch (action) {
                case "s3:GetObject" -> attached;
                case "s3:PutObject" -> inline;
                case "s3:ListBucket" -> member;
                default -> member && team.equals("b");
            };
        }
    }

    @Test
    void writesWhileTheBrokerIsDownAreAllAcknowledgedPublishedOnceAndConverge() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        String run = Long.toString(System.nanoTime(), 36);
        List<Planned> users = new ArrayList<>();
        String policyArn;
        try (IamClient root = noRetries(account)) {
            policyArn = root.createPolicy(b -> b.policyName("get-" + run).policyDocument(allow("s3:GetObject", null))).policy().arn();
            root.createGroup(b -> b.groupName("readers"));
            root.putGroupPolicy(b -> b.groupName("readers").policyName("list").policyDocument(allow("s3:ListBucket", null)));
            root.putGroupPolicy(b -> b.groupName("readers").policyName("team-b").policyDocument(allow("s3:DeleteObject",
                    "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"b\"}}")));
        }
        int perUser = 5;
        for (int i = 0; i < WRITES / perUser; i++) {
            users.add(new Planned("u" + i));
        }

        // mixed writes of both services, each user's in order, four at a time; the broker stops after a tenth
        AtomicInteger acknowledged = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        Random random = new Random(14);
        List<Integer> lastSteps = users.stream().map(u -> random.nextInt(4)).toList();
        try (IamClient root = noRetries(account)) {
            for (int i = 0; i < users.size(); i++) {
                Planned user = users.get(i);
                int last = lastSteps.get(i);
                writers.execute(() -> {
                    List<Runnable> steps = List.of(
                            () -> root.createUser(b -> b.userName(user.name).tags(Tag.builder().key("team").value("a").build())),
                            () -> root.attachUserPolicy(b -> b.userName(user.name).policyArn(policyArn)),
                            () -> root.putUserPolicy(b -> b.userName(user.name).policyName("put").policyDocument(allow("s3:PutObject", null))),
                            () -> root.addUserToGroup(b -> b.userName(user.name).groupName("readers")),
                            switch (last) {
                                case 0 -> () -> root.detachUserPolicy(b -> b.userName(user.name).policyArn(policyArn));
                                case 1 -> () -> root.deleteUserPolicy(b -> b.userName(user.name).policyName("put"));
                                case 2 -> () -> root.removeUserFromGroup(b -> b.userName(user.name).groupName("readers"));
                                default -> () -> root.tagUser(b -> b.userName(user.name).tags(Tag.builder().key("team").value("b").build()));
                            });
                    for (int step = 0; step < steps.size(); step++) {
                        try {
                            steps.get(step).run();
                            acknowledged.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(user.name + " step " + step + ": " + e);
                            return;
                        }
                    }
                    user.attached = last != 0;
                    user.inline = last != 1;
                    user.member = last != 2;
                    user.team = last == 3 ? "b" : "a";
                });
            }
            writers.shutdown();
            await("a tenth of the writes").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> acknowledged.get() >= users.size() * perUser / 10 || writers.isTerminated());
            long stoppedAt = System.nanoTime();
            system.stopComponent("kafka");
            try {
                assertThat(writers.awaitTermination(10, TimeUnit.MINUTES)).as("the writers finished").isTrue();
                long writtenAt = System.nanoTime();
                System.out.printf("faults: %d writes acknowledged, %d of them after the broker stopped (%d ms)%n",
                        acknowledged.get(), acknowledged.get() - users.size() * perUser / 10, (writtenAt - stoppedAt) / 1_000_000);
                // the rest of the outage: the services keep running with nothing to publish to
                long left = BROKER_DOWN.toNanos() - (System.nanoTime() - stoppedAt);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            } finally {
                system.startStopped();
            }
        }
        long backAt = System.nanoTime();
        assertThat(failures).as("writes refused while the broker was down").isEmpty();
        assertThat(acknowledged.get()).isEqualTo(users.size() * perUser);

        // what the database holds agrees with the model the acknowledged writes built
        try (IamClient root = noRetries(account)) {
            Set<String> members = root.getGroupPaginator(b -> b.groupName("readers")).users().stream()
                    .map(u -> u.userName()).collect(Collectors.toSet());
            assertThat(members).isEqualTo(users.stream().filter(u -> u.member).map(u -> u.name).collect(Collectors.toSet()));
        }

        // each replica converges, from the events alone (no token), to exactly what the database holds
        for (URI replica : List.of(system.policyEndpoint(), second.endpoint())) {
            await(replica + " converges").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertDecisions(replica, account.accountId(), users));
            System.out.printf("faults: %s converged %d ms after the broker was started again%n", replica,
                    (System.nanoTime() - backAt) / 1_000_000);
        }

        // nothing lost on the way: each topic holds every revision of the account, from 1 up. (Published again after
        // a lost acknowledgement, or out of order after the outage — seen here: the consumers' revision checks
        // absorb both — is counted and printed, for the relay's ordering to be fixed on its own.)
        for (String topic : List.of("iam.identity.v1", "iam.policy.v1")) {
            List<Long> revisions = TopicHistory.revisions(topic, account.accountId());
            assertThat(revisions).as(topic).isNotEmpty();
            long newest = Collections.max(revisions);
            assertThat(new TreeSet<>(revisions)).as("%s: every revision of the account", topic)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, newest).boxed().toList());
            List<Long> firstSeen = revisions.stream().distinct().toList();
            long outOfOrder = java.util.stream.IntStream.range(1, firstSeen.size())
                    .filter(i -> firstSeen.get(i) < firstSeen.get(i - 1)).count();
            System.out.printf("faults: %s holds revisions 1..%d of the account (%d records, %d published again, %d places out of"
                    + " revision order)%n", topic, newest, revisions.size(), revisions.size() - firstSeen.size(), outOfOrder);
        }
    }

    @Test
    void whilePostgresRestartsCallersGetServiceUnavailableAndTheServicesRecoverByThemselves() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        try (IamClient root = noRetries(account)) {
            root.createUser(b -> b.userName("before"));
        }
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/before";
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("CreateUser (identity-service)", "Action=CreateUser&Version=2010-05-08&UserName=during");
        writes.put("GetUser (identity-service)", "Action=GetUser&Version=2010-05-08&UserName=before");
        writes.put("CreatePolicy (forwarded to policy-service)", "Action=CreatePolicy&Version=2010-05-08&PolicyName=during"
                + "&PolicyDocument=" + java.net.URLEncoder.encode(allow("s3:GetObject", null), java.nio.charset.StandardCharsets.UTF_8));
        system.stopComponent("postgres");
        try {
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, String> call : writes.entrySet()) {
                    RawRequests.Answer answer = RawRequests.send(RawRequests.sign(system, account.accessKeyId(), account.secretAccessKey(),
                            call.getValue(), java.time.Clock.systemUTC()), call.getValue());
                    assertThat(answer.status()).as("%s while PostgreSQL is down: %s", call.getKey(), answer.body()).isEqualTo(503);
                    assertThat(answer.code()).as(call.getKey()).isEqualTo("ServiceUnavailable");
                }
                // a principal never asked about: its policies must be read from the database
                HttpResponse<String> decision = decide(system.policyEndpoint(), "/v1/authorize", question(userArn, "s3:GetObject", 0));
                assertThat(decision.statusCode()).as("a decision that needs the database: %s", decision.body()).isEqualTo(503);
                assertThat(decision.body()).contains("ServiceUnavailable").doesNotContain("\"decision\"");
            }
        } finally {
            system.startStopped();
        }
        // no service was restarted: each reconnects by itself, and nothing of the refused writes was written
        try (IamClient root = noRetries(account)) {
            await("the front door writes again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> root.createUser(b -> b.userName("after")).user() != null);
            String policyArn = root.createPolicy(b -> b.policyName("after").policyDocument(allow("s3:GetObject", null))).policy().arn();
            root.attachUserPolicy(b -> b.userName("after").policyArn(policyArn));
            assertThatThrownBy(() -> root.getUser(b -> b.userName("during"))).isInstanceOf(NoSuchEntityException.class);
            assertThat(root.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies()).extracting(p -> p.policyName())
                    .containsExactly("after");
        }
        String after = "arn:aws:iam::" + account.accountId() + ":user/after";
        for (URI replica : List.of(system.policyEndpoint(), second.endpoint())) {
            await(replica + " decides again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> decisionsOf(decide(replica, "/v1/authorize", question(after, "s3:GetObject", 0))), List.of("Allow")::equals);
        }
    }

    @Test
    void aReplicaKilledUnderDecisionLoadNeverAllowsWronglyAndRejoins() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        String policyArn;
        try (IamClient root = noRetries(account)) {
            root.createUser(b -> b.userName("k"));
            policyArn = root.createPolicy(b -> b.policyName("get").policyDocument(allow("s3:GetObject", null))).policy().arn();
        }
        String userArn = "arn:aws:iam::" + account.accountId() + ":user/k";
        CallerClaims caller = new CallerClaims("arn:aws:iam::" + account.accountId() + ":root", account.accountId(),
                account.accountId(), account.accessKeyId(), true);
        // policy revision -> whether the policy is attached from then on, as committed
        java.util.concurrent.ConcurrentSkipListMap<Long, Boolean> history = new java.util.concurrent.ConcurrentSkipListMap<>();
        history.put(0L, false);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger unreachable = new AtomicInteger();
        AtomicInteger checkedAfterRejoin = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean rejoined = new java.util.concurrent.atomic.AtomicBoolean();
        // a write committed before an answer may not be in the history yet: checks wait for writes begun by then
        AtomicInteger writesStarted = new AtomicInteger();
        AtomicInteger writesFinished = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        load.execute(() -> {
            boolean attach = true;
            while (!done.get()) {
                try {
                    writesStarted.incrementAndGet();
                    long revision = forward(system, caller, attach ? "AttachUserPolicy" : "DetachUserPolicy",
                            Map.of("UserName", "k", "PolicyArn", policyArn));
                    history.put(revision, attach);
                    writesFinished.incrementAndGet();
                    attach = !attach;
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (Exception e) {
                    wrong.add("write failed: " + e);
                    return;
                }
            }
        });
        for (int t = 0; t < 2; t++) {
            Random random = new Random(t);
            load.execute(() -> {
                while (!done.get()) {
                    URI replica = random.nextBoolean() ? system.policyEndpoint() : second.endpoint();
                    Map.Entry<Long, Boolean> asked = history.lastEntry();
                    HttpResponse<String> answer;
                    try {
                        answer = decide(replica, "/v1/authorize", JSON.writeValueAsString(Map.of("principal", userArn, "action",
                                "s3:GetObject", "resource", "arn:aws:s3:::faults/object", "atLeastRevision", Map.of("policy", asked.getKey()))));
                    } catch (java.io.IOException e) {
                        if (replica.equals(second.endpoint())) {
                            unreachable.incrementAndGet(); // killed, or not back yet
                            continue;
                        }
                        wrong.add(replica + " did not answer: " + e);
                        return;
                    } catch (Exception e) {
                        wrong.add(replica + ": " + e);
                        return;
                    }
                    if (answer.statusCode() != 200) {
                        wrong.add(replica + " answered " + answer.statusCode() + " " + answer.body());
                        continue;
                    }
                    boolean allowed = answer.body().contains("\"decision\":\"Allow\"");
                    int begun = writesStarted.get();
                    while (writesFinished.get() < begun && !done.get()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    // right if some committed state at or after the revision asked for says so
                    if (!history.tailMap(asked.getKey(), true).containsValue(allowed)) {
                        wrong.add(replica + " answered " + (allowed ? "Allow" : "a deny") + " at policy revision " + asked.getKey()
                                + " of " + history);
                    }
                    checked.incrementAndGet();
                    if (rejoined.get() && replica.equals(second.endpoint())) {
                        checkedAfterRejoin.incrementAndGet();
                    }
                }
            });
        }
        try {
            await("decisions checked before the kill").atMost(Duration.ofMinutes(1)).until(() -> checked.get() >= 200 || !wrong.isEmpty());
            second.kill();
            await("decisions checked while the replica is gone").atMost(Duration.ofMinutes(1))
                    .until(() -> unreachable.get() >= 20 || !wrong.isEmpty());
            second.start();
            rejoined.set(true);
            await("decisions checked on the rejoined replica").atMost(Duration.ofMinutes(1))
                    .until(() -> checkedAfterRejoin.get() >= 200 || !wrong.isEmpty());
        } finally {
            done.set(true);
            load.shutdown();
            assertThat(load.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            if (!second.running()) {
                second.start();
            }
        }
        assertThat(wrong).as("wrong or missing answers").isEmpty();
        System.out.printf("faults: %d decisions checked against the committed state (%d on the replica after it rejoined, %d refused while"
                + " it was down), %d policy writes%n", checked.get(), checkedAfterRejoin.get(), unreachable.get(), history.size() - 1);
        // and without a token, the rejoined replica holds what the database holds
        boolean attached = history.lastEntry().getValue();
        await("the rejoined replica converges").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> decisionsOf(decide(second.endpoint(), "/v1/authorize", question(userArn, "s3:GetObject", 0))),
                        List.of(attached ? "Allow" : "ImplicitDeny")::equals);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A policy write as the front door forwards it (its forward token), straight to policy-service: its revision. */
    static long forward(LocalSystem system, CallerClaims caller, String action, Map<String, String> params) throws Exception {
        String body = JSON.writeValueAsString(Map.of("action", action, "params", params, "requestId", java.util.UUID.randomUUID().toString()));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(system.policyEndpoint() + "/internal/v1/iam"))
                .timeout(HANG).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + FrontDoorTokens.forward(action, caller, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return Long.parseLong(answer.headers().firstValue("X-Iam-Policy-Revision").orElseThrow());
    }

    /** The account's root as an SDK client that never retries: each call is acknowledged or refused once. */
    static IamClient noRetries(FreshAccount account) {
        return Clients.once(LocalSystem.get().endpoint(), account.accessKeyId(), account.secretAccessKey());
    }

    static String allow(String action, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    static Map<String, Object> questionOf(String principalArn, String action) {
        return Map.of("principal", principalArn, "action", action, "resource", "arn:aws:s3:::faults/object");
    }

    static String question(String principalArn, String action, long atLeastIdentity) throws Exception {
        Map<String, Object> question = new LinkedHashMap<>(questionOf(principalArn, action));
        if (atLeastIdentity > 0) {
            question.put("atLeastRevision", Map.of("identity", atLeastIdentity));
        }
        return JSON.writeValueAsString(question);
    }

    /** Every user's decisions on {@code replica}, without a token, in batches of 100, against the model. */
    static void assertDecisions(URI replica, String accountId, List<Planned> users) throws Exception {
        List<Map<String, Object>> questions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Planned user : users) {
            for (String action : ACTIONS) {
                questions.add(questionOf("arn:aws:iam::" + accountId + ":user/" + user.name, action));
                expected.add(user.name + " " + action + " " + (user.allows(action) ? "Allow" : "ImplicitDeny"));
            }
        }
        List<String> answered = new ArrayList<>();
        for (int from = 0; from < questions.size(); from += 100) {
            List<Map<String, Object>> batch = questions.subList(from, Math.min(questions.size(), from + 100));
            List<String> decisions = decisionsOf(decide(replica, "/v1/authorize:batch",
                    JSON.writeValueAsString(Map.of("requests", batch))));
            for (int i = 0; i < batch.size(); i++) {
                String[] asked = expected.get(from + i).split(" ");
                answered.add(asked[0] + " " + asked[1] + " " + decisions.get(i));
            }
        }
        assertThat(answered).as(replica.toString()).containsExactlyElementsOf(expected);
    }

    static HttpResponse<String> decide(URI replica, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(replica + path)).timeout(HANG)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + FrontDoorTokens.decide(path, json))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The decisions of a 200 answer, in order; any other answer fails. */
    static List<String> decisionsOf(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        List<String> decisions = new ArrayList<>();
        if (body.has("results")) {
            body.path("results").forEach(result -> decisions.add(result.path("decision").asText()));
        } else {
            decisions.add(body.path("decision").asText());
        }
        return decisions;
    }
}
