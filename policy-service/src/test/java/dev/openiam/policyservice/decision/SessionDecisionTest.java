package dev.openiam.policyservice.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.SessionContext;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions for a caller signing with temporary credentials, as a front door asks them (a {@code decide} token and the
 * session its token carried): the role's policies narrowed by the session policies, session tags over the role's, the
 * token's issue time, and a session of another principal than the one asked about denied.
 */
@QuarkusTest
class SessionDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Iam root;
    Principal role;
    String sessionArn;
    final Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    @BeforeEach
    void account() {
        root = Iam.freshAccount();
        role = IdentityStandIn.role(root.accountId(), "app");
        IdentityStandIn.tag(role, "team", "red");
        sessionArn = "arn:aws:sts::" + root.accountId() + ":assumed-role/app/s1";
        root.written("PutRolePolicy", "RoleName", "app", "PolicyName", "p", "PolicyDocument", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\"},"
                + "{\"Sid\":\"Blue\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}},"
                + "{\"Sid\":\"Old\",\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\"}]}");
    }

    SessionContext session(String sourceArn, String policy, Map<String, String> tags) {
        return new SessionContext(sourceArn, "AssumedRole", issued, issued.plusSeconds(3600), policy, List.of(), tags, List.of(),
                null, null, false);
    }

    JsonNode decide(String action, SessionContext session) throws Exception {
        return decide(sessionArn, action, session);
    }

    JsonNode decide(String principal, String action, SessionContext session) throws Exception {
        Map<String, Object> question = new HashMap<>();
        question.put("principal", principal);
        question.put("action", action);
        question.put("resource", "arn:aws:s3:::bucket/key");
        question.put("atLeastRevision", Map.of("policy", root.revision()));
        if (session != null) {
            question.put("session", session.toMap());
        }
        byte[] body = Iam.json(question);
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", body, null, action);
        Response response = Iam.post("/v1/authorize", "Bearer " + token, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void aSessionPolicyNarrowsTheRole() throws Exception {
        String onlyGet = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        assertThat(decide("s3:PutObject", session(role.arn(), null, Map.of())).path("decision").asText()).isEqualTo("Allow");
        assertThat(decide("s3:GetObject", session(role.arn(), onlyGet, Map.of())).path("decision").asText()).isEqualTo("Allow");
        JsonNode put = decide("s3:PutObject", session(role.arn(), onlyGet, Map.of()));
        assertThat(put.path("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(put.path("message").asText()).contains(sessionArn).contains("session policy");
    }

    @Test
    void sessionTagsOverrideTheRolesTags() throws Exception {
        assertThat(decide("s3:ListBucket", session(role.arn(), null, Map.of())).path("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(decide("s3:ListBucket", session(role.arn(), null, Map.of("Team", "blue"))).path("decision").asText())
                .isEqualTo("Allow");
    }

    @Test
    void theTokenIssueTimeRevokesOlderSessions() throws Exception {
        assertThat(decide("s3:DeleteObject", session(role.arn(), null, Map.of())).path("decision").asText()).isEqualTo("ExplicitDeny");
        SessionContext fresh = new SessionContext(role.arn(), "AssumedRole", Instant.now().plusSeconds(5), Instant.now().plusSeconds(3600),
                null, List.of(), Map.of(), List.of(), null, null, false);
        assertThat(decide("s3:DeleteObject", fresh).path("decision").asText()).isEqualTo("Allow");
    }

    @Test
    void aSessionOfAnotherPrincipalIsNoSessionOfThisOne() throws Exception {
        Principal other = IdentityStandIn.role(root.accountId(), "other");
        JsonNode answer = decide("s3:GetObject", session(other.arn(), null, Map.of()));
        assertThat(answer.path("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(answer.path("message").asText()).contains("does not exist");
    }

    @Test
    void aFederatedUserHasItsUsersPermissionsNarrowedByItsPoliciesAndNothingWithout() throws Exception {
        Principal bob = IdentityStandIn.user(root.accountId(), "bob");
        root.written("PutUserPolicy", "UserName", "bob", "PolicyName", "p", "PolicyDocument", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\"}]}");
        String federated = "arn:aws:sts::" + root.accountId() + ":federated-user/partner";
        String onlyGet = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        SessionContext withPolicy = new SessionContext(bob.arn(), "FederatedUser", issued, issued.plusSeconds(3600), onlyGet, List.of(),
                Map.of(), List.of(), null, null, false);
        assertThat(decide(federated, "s3:GetObject", withPolicy).path("decision").asText()).isEqualTo("Allow");
        assertThat(decide(federated, "s3:DeleteObject", withPolicy).path("decision").asText()).as("not the user's").isEqualTo("ImplicitDeny");
        SessionContext without = new SessionContext(bob.arn(), "FederatedUser", issued, issued.plusSeconds(3600), null, List.of(),
                Map.of(), List.of(), null, null, false);
        assertThat(decide(federated, "s3:GetObject", without).path("decision").asText()).isEqualTo("ImplicitDeny");
        assertThat(decide(federated, "s3:GetObject", null).path("decision").asText()).as("no session: no such principal")
                .isEqualTo("ImplicitDeny");
    }
}
