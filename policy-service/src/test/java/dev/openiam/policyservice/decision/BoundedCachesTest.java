package dev.openiam.policyservice.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import dev.openiam.policyservice.principal.IdentityProjection;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's bounded memory: with bounds far below what the test touches (more principals, accounts and policy
 * changes than fit), the caches stay within them, and every decision — read-your-writes after each change, and
 * without a token as soon as this replica applied the change's event — is exactly what the current state allows:
 * an evicted entry is rebuilt, never served stale.
 */
@QuarkusTest
@TestProfile(BoundedCachesTest.SmallBounds.class)
class BoundedCachesTest {

    static final long POLICY_SETS = 16;
    static final long TOUCHES = 4;
    static final long PRINCIPALS = 12;

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iam.policy.decision.policy-sets-max-entries", Long.toString(POLICY_SETS),
                    "iam.policy.decision.touches-max-entries", Long.toString(TOUCHES),
                    "iam.policy.decision.projection-max-principals", Long.toString(PRINCIPALS));
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI endpoint;
    static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    static final int ACCOUNTS = 3;
    static final int USERS = 8;
    static final int STEPS = 30;

    @Inject
    PolicySetCache policySets;

    @Inject
    IdentityProjection projection;

    /** One account's state as the test wrote it: what its decisions must be. */
    static final class Model {
        final Iam root = Iam.freshAccount();
        final List<Principal> users = new ArrayList<>();
        final Principal group = IdentityStandIn.group(root.accountId(), "readers");
        final boolean[] member = new boolean[USERS];
        final boolean[] attached = new boolean[USERS];
        final boolean[] inline = new boolean[USERS];
        boolean groupAttached;
        /** v1 allows s3:GetObject, v2 s3:PutObject. */
        boolean v2Default;
        String policyArn;
        long revision;

        boolean allows(int user, String action) {
            boolean managed = attached[user] || member[user] && groupAttached;
            return switch (action) {
                case "s3:GetObject" -> managed && !v2Default;
                case "s3:PutObject" -> managed && v2Default;
                default -> inline[user];
            };
        }
    }

    @Test
    void moreThanTheBoundsNeverGivesAStaleAllow() throws Exception {
        Random random = new Random(14);
        List<Model> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            Model model = new Model();
            for (int u = 0; u < USERS; u++) {
                Principal user = IdentityStandIn.user(model.root.accountId(), "user" + u);
                model.users.add(user);
                if (u % 2 == 0) {
                    IdentityStandIn.join(user, model.group);
                    model.member[u] = true;
                }
            }
            model.policyArn = model.root.ok("CreatePolicy", "PolicyName", "objects", "PolicyDocument", Iam.doc("s3:GetObject"))
                    .getString("Policy.Arn");
            model.revision = model.root.written("CreatePolicyVersion", "PolicyArn", model.policyArn, "PolicyDocument",
                    Iam.doc("s3:PutObject"));
            accounts.add(model);
        }
        assertThat(ACCOUNTS * (USERS + 2)).as("principals the accounts weigh, beyond the projection's bound").isGreaterThan((int) PRINCIPALS);

        for (int step = 0; step < STEPS; step++) {
            // a burst of changes, more than the changes remembered, so that some are forgotten before they are read
            long applied = policySets.changesApplied();
            int changes = 1 + random.nextInt(2 * (int) TOUCHES);
            for (int i = 0; i < changes; i++) {
                Model model = accounts.get(random.nextInt(ACCOUNTS));
                int changed = change(model, random);
                // read-your-writes: the principal changed, at the revision of the change
                assertDecisions(model, changed, model.revision, "step " + step + ", change " + i + ", with a token");
            }
            String when = "step " + step + " after " + changes + " changes";
            // once this replica has applied their events (each touches one principal or policy), every answer
            // without a token is the current state
            await(when + ": the events applied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> policySets.changesApplied() >= applied + changes);
            for (Model model : accounts) {
                for (int user = 0; user < USERS; user++) {
                    assertDecisions(model, user, 0, when + ", without a token");
                }
            }
            assertThat(policySets.size()).as("policy sets kept").isLessThanOrEqualTo(POLICY_SETS);
            assertThat(policySets.touchesRemembered()).as("changes remembered").isLessThanOrEqualTo(TOUCHES);
            assertThat(projection.weightKept()).as("principals projected").isLessThanOrEqualTo(PRINCIPALS);
        }

        // without tokens: once the events are applied every principal answers from the current state
        await("token-less decisions converge").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (Model model : accounts) {
                        for (int user = 0; user < USERS; user++) {
                            assertDecisions(model, user, 0, "without a token");
                        }
                    }
                });
    }

    /** One random change to the account; returns the user it is about (for a group or version change: any). */
    private static int change(Model model, Random random) {
        int user = random.nextInt(USERS);
        String name = model.users.get(user).name();
        switch (random.nextInt(4)) {
            case 0 -> {
                model.revision = model.root.written(model.attached[user] ? "DetachUserPolicy" : "AttachUserPolicy",
                        "UserName", name, "PolicyArn", model.policyArn);
                model.attached[user] = !model.attached[user];
            }
            case 1 -> {
                model.revision = model.inline[user]
                        ? model.root.written("DeleteUserPolicy", "UserName", name, "PolicyName", "delete")
                        : model.root.written("PutUserPolicy", "UserName", name, "PolicyName", "delete", "PolicyDocument",
                        Iam.doc("s3:DeleteObject"));
                model.inline[user] = !model.inline[user];
            }
            case 2 -> {
                model.revision = model.root.written(model.groupAttached ? "DetachGroupPolicy" : "AttachGroupPolicy",
                        "GroupName", model.group.name(), "PolicyArn", model.policyArn);
                model.groupAttached = !model.groupAttached;
            }
            default -> {
                model.revision = model.root.written("SetDefaultPolicyVersion", "PolicyArn", model.policyArn,
                        "VersionId", model.v2Default ? "v1" : "v2");
                model.v2Default = !model.v2Default;
            }
        }
        return user;
    }

    /** Every action's decision for the user, asked in one batch with the policy revision {@code atLeast}. */
    private void assertDecisions(Model model, int user, long atLeast, String when) throws Exception {
        Principal principal = model.users.get(user);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (String action : ACTIONS) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("principal", principal.arn());
            request.put("action", action);
            request.put("resource", "arn:aws:s3:::bucket/key");
            if (atLeast > 0) {
                request.put("atLeastRevision", Map.of("policy", atLeast));
            }
            requests.add(request);
        }
        String path = "/v1/authorize:batch";
        byte[] body = JSON.writeValueAsBytes(Map.of("requests", requests));
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", path, body, null, null);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        for (int i = 0; i < ACTIONS.size(); i++) {
            String expected = model.allows(user, ACTIONS.get(i)) ? "Allow" : "ImplicitDeny";
            assertThat(results.path(i).path("decision").asText())
                    .as("%s: %s %s (attached %s, member %s, group attached %s, inline %s, v2 default %s)", when, principal.name(),
                            ACTIONS.get(i), model.attached[user], model.member[user], model.groupAttached, model.inline[user],
                            model.v2Default)
                    .isEqualTo(expected);
        }
    }
}
