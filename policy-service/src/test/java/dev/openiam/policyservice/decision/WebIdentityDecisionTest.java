package dev.openiam.policyservice.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRoleWithWebIdentity as sts-service asks it: the OIDC provider as principal, the role's trust policy, the
 * token's claims as {@code <provider>:sub}/{@code :aud} keys. Only the trust policy can allow; the provider key is
 * this service's to set.
 */
@QuarkusTest
class WebIdentityDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    Iam root;
    String provider;
    String role;

    @BeforeEach
    void account() {
        root = Iam.freshAccount();
        provider = "arn:aws:iam::" + root.accountId() + ":oidc-provider/issuer.example.com/c1";
        // the account exists once identity-service has told of it (here: its role)
        role = IdentityStandIn.role(root.accountId(), "app").arn();
    }

    String trust(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + provider
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":" + condition + "}]}";
    }

    JsonNode decide(String principal, String trustPolicy, boolean isTrust, Map<String, Object> context) throws Exception {
        Map<String, Object> question = new HashMap<>();
        question.put("principal", principal);
        question.put("action", "sts:AssumeRoleWithWebIdentity");
        question.put("resource", role);
        question.put("context", context);
        question.put("resourcePolicy", trustPolicy);
        question.put("trustPolicy", isTrust);
        byte[] body = Iam.json(question);
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", body, null,
                "sts:AssumeRoleWithWebIdentity");
        Response response = Iam.post("/v1/authorize", "Bearer " + token, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void theTrustPolicyDecidesOnTheTokensClaims() throws Exception {
        String trust = trust("{\"StringEquals\":{\"issuer.example.com/c1:aud\":\"sts.amazonaws.com\"},"
                + "\"StringLike\":{\"issuer.example.com/c1:sub\":\"system:serviceaccount:team-a:*\"}}");
        Map<String, Object> ok = Map.of("issuer.example.com/c1:sub", "system:serviceaccount:team-a:app",
                "issuer.example.com/c1:aud", "sts.amazonaws.com");
        assertThat(decide(provider, trust, true, ok).path("decision").asText()).isEqualTo("Allow");
        Map<String, Object> otherNamespace = Map.of("issuer.example.com/c1:sub", "system:serviceaccount:team-b:app",
                "issuer.example.com/c1:aud", "sts.amazonaws.com");
        assertThat(decide(provider, trust, true, otherNamespace).path("decision").asText()).isEqualTo("ImplicitDeny");
        // another provider of the same account is not named by the trust policy
        String other = "arn:aws:iam::" + root.accountId() + ":oidc-provider/other.example.com";
        assertThat(decide(other, trust, true, ok).path("decision").asText()).isEqualTo("ImplicitDeny");
    }

    @Test
    void theProviderKeyIsSetHereAndOnlyATrustPolicyCanAllow() throws Exception {
        String trust = trust("{\"StringEquals\":{\"aws:FederatedProvider\":\"" + provider + "\"}}");
        assertThat(decide(provider, trust, true, Map.of()).path("decision").asText()).isEqualTo("Allow");
        // the caller cannot name another provider for the key
        String forOther = trust("{\"StringEquals\":{\"aws:FederatedProvider\":\"arn:aws:iam::" + root.accountId()
                + ":oidc-provider/other.example.com\"}}");
        assertThat(decide(provider, forOther, true, Map.of("aws:FederatedProvider", "arn:aws:iam::" + root.accountId()
                + ":oidc-provider/other.example.com")).path("decision").asText()).isEqualTo("ImplicitDeny");
        // as a plain resource policy, or in an account that does not exist, the provider is no principal
        assertThat(decide(provider, trust, false, Map.of()).path("decision").asText()).isEqualTo("ImplicitDeny");
        String nowhere = "arn:aws:iam::000000000001:oidc-provider/issuer.example.com/c1";
        assertThat(decide(nowhere, trust.replace(provider, nowhere), true, Map.of()).path("decision").asText()).isEqualTo("ImplicitDeny");
    }
}
