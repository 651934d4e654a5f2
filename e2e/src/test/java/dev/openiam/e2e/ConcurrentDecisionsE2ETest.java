package dev.openiam.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers at once through the front door, whose account-revision reads and decisions are shared by the requests
 * that arrive together (one query for every account asked about, one batch call to the decision point): each caller
 * still gets exactly its own answer — users of two accounts, allowed, implicitly denied and explicitly denied, mixed
 * in every batch — and a change is in force on the next call of the caller that made it.
 */
@ExtendWith(LocalSystem.class)
class ConcurrentDecisionsE2ETest {

    private enum Kind { ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY }

    private record Caller(String name, String arn, Kind kind, IamClient client) {
    }

    private static final String ALLOW_SELF = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}";
    private static final String ALLOW_THEN_DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyCallerGetsItsOwnAnswerWhileTheirQuestionsShareCalls() throws Exception {
        FreshAccount other = FreshAccount.create();
        List<Caller> callers = new ArrayList<>();
        try (IamClient root = Clients.root(); IamClient otherRoot = other.root()) {
            for (int i = 0; i < 12; i++) {
                callers.add(caller(i % 2 == 0 ? root : otherRoot, "c" + i + "-" + run, Kind.values()[i % 3]));
            }
            long batchesBefore = batchCalls();
            ExecutorService pool = Executors.newFixedThreadPool(24);
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 60; n++) {
                        Caller caller = callers.get(ThreadLocalRandom.current().nextInt(callers.size()));
                        String problem = check(caller);
                        if (problem != null) {
                            wrong.add(problem);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            assertThat(wrong).isEmpty();
            // the front door did share calls: without batches this test would not test them
            assertThat(batchCalls()).isGreaterThan(batchesBefore);

            // a change is in force on the very next call of the caller who made it, batched or not
            Caller denied = callers.stream().filter(c -> c.kind() == Kind.IMPLICIT_DENY).findFirst().orElseThrow();
            IamClient itsRoot = denied.arn().contains(":" + other.accountId() + ":") ? otherRoot : root;
            itsRoot.putUserPolicy(b -> b.userName(denied.name()).policyName("self").policyDocument(ALLOW_SELF));
            assertThat(check(new Caller(denied.name(), denied.arn(), Kind.ALLOWED, denied.client()))).isNull();
        } finally {
            callers.forEach(caller -> caller.client().close());
        }
    }

    private static Caller caller(IamClient root, String name, Kind kind) {
        String arn = root.createUser(b -> b.userName(name)).user().arn();
        if (kind == Kind.ALLOWED) {
            root.putUserPolicy(b -> b.userName(name).policyName("self").policyDocument(ALLOW_SELF));
        } else if (kind == Kind.EXPLICIT_DENY) {
            root.putUserPolicy(b -> b.userName(name).policyName("deny").policyDocument(ALLOW_THEN_DENY));
        }
        AccessKey key = root.createAccessKey(b -> b.userName(name)).accessKey();
        return new Caller(name, arn, kind, Clients.once(LocalSystem.get().endpoint(), key.accessKeyId(), key.secretAccessKey()));
    }

    /** What is wrong with the caller's GetUser of itself, or {@code null}. */
    private static String check(Caller caller) {
        try {
            String arn = caller.client().getUser(b -> b.userName(caller.name())).user().arn();
            return caller.kind() == Kind.ALLOWED && arn.equals(caller.arn()) ? null
                    : caller.name() + " (" + caller.kind() + ") was answered user " + arn;
        } catch (IamException e) {
            String expected = "User: " + caller.arn() + " is not authorized to perform: iam:GetUser on resource: " + caller.arn()
                    + (caller.kind() == Kind.EXPLICIT_DENY ? " with an explicit deny" : " because no identity-based policy");
            boolean right = caller.kind() != Kind.ALLOWED && e.statusCode() == 403
                    && "AccessDenied".equals(e.awsErrorDetails().errorCode()) && e.awsErrorDetails().errorMessage().startsWith(expected);
            return right ? null : caller.name() + " (" + caller.kind() + ") was refused: " + e.awsErrorDetails().errorCode() + " "
                    + e.awsErrorDetails().errorMessage();
        }
    }

    /** How many batch calls policy-service's decision API has served (its HTTP server metrics). */
    private static long batchCalls() throws Exception {
        URI policy = LocalSystem.get().policyEndpoint();
        URI metrics = URI.create("http://" + policy.getHost() + ":" + (policy.getPort() + 1000) + "/q/metrics");
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        return Math.round(text.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"/v1/authorize:batch\"")
                        && line.contains("status=\"200\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum());
    }
}
