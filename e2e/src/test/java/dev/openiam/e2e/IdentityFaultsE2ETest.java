package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's faults of the front door itself: identity-service killed with SIGKILL in the middle of a stream of writes —
 * once while Kafka is up (the relay busy) and once while the broker is down (acknowledged writes waiting in the outbox)
 * — loses no acknowledged write and no outbox row: every acknowledged write is in the database, its event reaches
 * {@code iam.identity.v1} (each revision of the account there, as one event), the restarted service's relay empties the
 * outbox, and policy-service's projection decides exactly what the database holds. Size: {@code -Diam.faults.identity-writes}
 * (360).
 */
@ExtendWith(LocalSystem.class)
class IdentityFaultsE2ETest {

    static final int WRITES = Integer.getInteger("iam.faults.identity-writes", 360);
    static final Duration HANG = Duration.ofSeconds(20);
    static final String TOPIC = "iam.identity.v1";

    /** One user's writes and what the acknowledged ones left; {@code uncertain} once a write got no answer. */
    static final class Planned {
        final String name;
        final int last;
        volatile boolean uncertain;
        volatile int acknowledged;

        Planned(String name, int last) {
            this.name = name;
            this.last = last;
        }

        /** The steps, as Query parameters: create (team a), join the group, then one of four last steps. */
        List<String> steps() {
            List<String> steps = new ArrayList<>(List.of(
                    "Action=CreateUser&UserName=" + name + "&Tags.member.1.Key=team&Tags.member.1.Value=a",
                    "Action=AddUserToGroup&GroupName=readers&UserName=" + name));
            switch (last) {
                case 0 -> steps.add("Action=TagUser&UserName=" + name + "&Tags.member.1.Key=team&Tags.member.1.Value=b");
                case 1 -> steps.add("Action=RemoveUserFromGroup&GroupName=readers&UserName=" + name);
                case 2 -> steps.add("Action=UntagUser&UserName=" + name + "&TagKeys.member.1=team");
                default -> {
                }
            }
            return steps;
        }

        static String eventType(String step) {
            return switch (step.substring("Action=".length(), step.indexOf('&'))) {
                case "CreateUser" -> "UserCreated";
                case "AddUserToGroup" -> "UserAddedToGroup";
                case "RemoveUserFromGroup" -> "UserRemovedFromGroup";
                default -> "UserTagsChanged";
            };
        }
    }

    /** A user as the database holds it (read through the API afterwards). */
    record Stored(boolean member, String team) {
        boolean allows(String action) {
            return switch (action) {
                case "s3:ListBucket" -> member;
                case "s3:DeleteObject" -> member && "b".equals(team);
                default -> false;
            };
        }
    }

    @Test
    void identityServiceKilledMidWriteLosesNoAcknowledgedWriteAndNoEvent() throws Exception {
        LocalSystem system = LocalSystem.get();
        FreshAccount account = FreshAccount.create();
        try (IamClient root = Clients.once(system.endpoint(), account.accessKeyId(), account.secretAccessKey())) {
            root.createGroup(b -> b.groupName("readers"));
            root.putGroupPolicy(b -> b.groupName("readers").policyName("list").policyDocument(FaultsE2ETest.allow("s3:ListBucket", null)));
            root.putGroupPolicy(b -> b.groupName("readers").policyName("team-b").policyDocument(FaultsE2ETest.allow("s3:DeleteObject",
                    "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"b\"}}")));
        }
        Random random = new Random(14);
        List<Planned> users = new ArrayList<>();
        int planned = 0;
        while (planned < WRITES) {
            Planned user = new Planned("w" + users.size(), random.nextInt(4));
            users.add(user);
            planned += user.steps().size();
        }
        int total = planned;

        // acknowledged write -> the event type it must have published at that revision
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger unanswered = new AtomicInteger();
        Object upLock = new Object();
        boolean[] up = {true};
        ExecutorService writers = Executors.newFixedThreadPool(3);
        for (Planned user : users) {
            writers.execute(() -> {
                for (String step : user.steps()) {
                    awaitUp(upLock, up);
                    String body = step + "&Version=2010-05-08";
                    RawRequests.Answer answer;
                    try {
                        answer = RawRequests.send(RawRequests.sign(system, account.accessKeyId(), account.secretAccessKey(),
                                body.getBytes(StandardCharsets.UTF_8), Clock.systemUTC()), body.getBytes(StandardCharsets.UTF_8), HANG);
                    } catch (RuntimeException e) {
                        // killed while it was in flight, or down: it may or may not have committed
                        user.uncertain = true;
                        unanswered.incrementAndGet();
                        return;
                    }
                    if (answer.status() != 200 || answer.revision() == null) {
                        wrong.add(user.name + ": " + step + " answered " + answer.status() + " " + answer.body());
                        user.uncertain = true;
                        return;
                    }
                    acknowledged.put(answer.revision(), Planned.eventType(step));
                    user.acknowledged++;
                }
            });
        }
        writers.shutdown();
        try (Connection db = Database.open()) {
            // the first kill: Kafka up, the relay publishing as the writes come
            awaitAcknowledged(acknowledged, total / 3, writers);
            crash(system, upLock, up, () -> {
            });
            // the second kill: the broker down, so acknowledged writes are waiting in the outbox when the process dies
            awaitAcknowledged(acknowledged, 2 * total / 3, writers);
            system.stopComponent("kafka");
            int beforeOutage = acknowledged.size();
            awaitAcknowledged(acknowledged, Math.min(total, beforeOutage + 30), writers);
            crash(system, upLock, up, () -> assertThat(outboxRows(db, account.accountId()))
                    .as("acknowledged events waiting in the outbox when the process is killed").isPositive());
            assertThat(writers.awaitTermination(10, TimeUnit.MINUTES)).as("the writers finished").isTrue();
            assertThat(wrong).as("writes refused").isEmpty();

            // the restarted service's relay empties the outbox
            await("the outbox drains").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> outboxRows(db, account.accountId()) == 0);
            long committed = accountRevision(db, account.accountId());

            // every revision of the account on the topic, each one event; every acknowledged write's event among them
            List<TopicHistory.Published> published = TopicHistory.events(TOPIC, account.accountId());
            Map<Long, Set<String>> eventIds = new TreeMap<>();
            Map<Long, String> types = new HashMap<>();
            for (TopicHistory.Published event : published) {
                eventIds.computeIfAbsent(event.revision(), r -> new TreeSet<>()).add(event.eventId());
                types.put(event.revision(), event.type());
            }
            assertThat(eventIds.keySet()).as("the revisions of the account on " + TOPIC)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, committed).boxed().toList());
            assertThat(eventIds.entrySet().stream().filter(e -> e.getValue().size() != 1).map(Map.Entry::getKey).toList())
                    .as("revisions published as two different events").isEmpty();
            assertThat(acknowledged.keySet()).as("acknowledged revisions").allMatch(r -> r <= committed);
            Map<Long, String> expected = new TreeMap<>(acknowledged);
            Map<Long, String> found = new TreeMap<>();
            expected.keySet().forEach(r -> found.put(r, types.get(r)));
            assertThat(found).as("the event of every acknowledged write").isEqualTo(expected);

            // the database holds every acknowledged write, and policy-service decides what the database holds
            Map<String, Stored> stored = stored(system, account);
            for (Planned user : users) {
                if (user.uncertain) {
                    continue;
                }
                assertThat(stored.get(user.name)).as(user.name + " after its acknowledged writes")
                        .isEqualTo(new Stored(user.last != 1, user.last == 0 ? "b" : user.last == 2 ? null : "a"));
            }
            await("policy-service converges to the database").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertDecisions(system.policyEndpoint(), account.accountId(), users, stored));
            long republished = published.size() - eventIds.size();
            System.out.printf("identity faults: %d of %d writes acknowledged, %d unanswered (in flight at a kill), %d revisions"
                            + " committed and on %s (%d records published again after a kill between send and delete)%n",
                    acknowledged.size(), total, unanswered.get(), committed, TOPIC, republished);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Kills identity-service with SIGKILL (writes in flight), checks {@code whileDown}, and starts what is stopped. */
    static void crash(LocalSystem system, Object upLock, boolean[] up, ThrowingCheck whileDown) throws Exception {
        synchronized (upLock) {
            up[0] = false;
        }
        system.killComponent("identity");
        try {
            whileDown.run();
        } finally {
            system.startStopped();
            synchronized (upLock) {
                up[0] = true;
                upLock.notifyAll();
            }
        }
    }

    interface ThrowingCheck {
        void run() throws Exception;
    }

    static void awaitUp(Object upLock, boolean[] up) {
        synchronized (upLock) {
            while (!up[0]) {
                try {
                    upLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static void awaitAcknowledged(Map<Long, String> acknowledged, int count, ExecutorService writers) {
        await(count + " writes acknowledged").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> acknowledged.size() >= count || writers.isTerminated());
    }

    static long outboxRows(Connection db, String accountId) throws SQLException {
        return single(db, "select count(*) from identity.outbox where account_id = ?", accountId);
    }

    static long accountRevision(Connection db, String accountId) throws SQLException {
        return single(db, "select revision from identity.accounts where account_id = ?", accountId);
    }

    static long single(Connection db, String sql, String accountId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, accountId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as(sql).isTrue();
                return rows.getLong(1);
            }
        }
    }

    /** Every user of the account as identity-service answers for it: group membership and team tag. */
    static Map<String, Stored> stored(LocalSystem system, FreshAccount account) {
        try (IamClient root = Clients.once(system.endpoint(), account.accessKeyId(), account.secretAccessKey())) {
            Set<String> members = root.getGroupPaginator(b -> b.groupName("readers")).users().stream().map(u -> u.userName())
                    .collect(Collectors.toSet());
            Map<String, Stored> stored = new TreeMap<>();
            root.listUsersPaginator().users().forEach(user -> {
                String team = root.listUserTags(b -> b.userName(user.userName())).tags().stream()
                        .filter(t -> t.key().equals("team")).map(t -> t.value()).findFirst().orElse(null);
                stored.put(user.userName(), new Stored(members.contains(user.userName()), team));
            });
            return stored;
        }
    }

    /** policy-service's token-less decisions for every planned user (stored or not) equal what the database allows. */
    static void assertDecisions(URI replica, String accountId, List<Planned> users, Map<String, Stored> stored) throws Exception {
        List<Map<String, Object>> questions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Planned user : users) {
            Stored state = stored.getOrDefault(user.name, new Stored(false, null));
            for (String action : List.of("s3:ListBucket", "s3:DeleteObject")) {
                questions.add(FaultsE2ETest.questionOf("arn:aws:iam::" + accountId + ":user/" + user.name, action));
                expected.add(user.name + " " + action + " " + (state.allows(action) ? "Allow" : "ImplicitDeny"));
            }
        }
        List<String> answered = new ArrayList<>();
        for (int from = 0; from < questions.size(); from += 100) {
            List<Map<String, Object>> batch = questions.subList(from, Math.min(questions.size(), from + 100));
            List<String> decisions = FaultsE2ETest.decisionsOf(FaultsE2ETest.decide(replica, "/v1/authorize:batch",
                    FaultsE2ETest.JSON.writeValueAsString(Map.of("requests", batch))));
            for (int i = 0; i < batch.size(); i++) {
                String[] asked = expected.get(from + i).split(" ");
                answered.add(asked[0] + " " + asked[1] + " " + decisions.get(i));
            }
        }
        assertThat(answered).as(replica.toString()).containsExactlyElementsOf(expected);
    }
}
