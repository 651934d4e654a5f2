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
 * A workload's role assumed by an AWS service principal, as sts-service's metadata endpoints ask it
 * ({@code ec2.amazonaws.com} for an instance profile, {@code ecs-tasks.amazonaws.com} for a task role): only the
 * role's trust policy, naming the service as {@code Service} principal, can allow; {@code aws:PrincipalServiceName}
 * is this service's to set.
 */
@QuarkusTest
class ServicePrincipalDecisionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    String role;
    String account;

    @BeforeEach
    void account() {
        Iam root = Iam.freshAccount();
        account = root.accountId();
        role = IdentityStandIn.role(account, "web").arn();
    }

    static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    JsonNode decide(String principal, String trustPolicy, boolean isTrust, Map<String, Object> context) throws Exception {
        Map<String, Object> question = new HashMap<>();
        question.put("principal", principal);
        question.put("action", "sts:AssumeRole");
        question.put("resource", role);
        question.put("resourceAccount", account);
        question.put("context", context);
        question.put("resourcePolicy", trustPolicy);
        question.put("trustPolicy", isTrust);
        byte[] body = Iam.json(question);
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", body, null,
                "sts:AssumeRole");
        Response response = Iam.post("/v1/authorize", "Bearer " + token, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void onlyATrustPolicyNamingTheServiceAllowsIt() throws Exception {
        String ec2 = trust("{\"Service\":\"ec2.amazonaws.com\"}", null);
        assertThat(decide("ec2.amazonaws.com", ec2, true, Map.of()).path("decision").asText()).isEqualTo("Allow");
        assertThat(decide("ecs-tasks.amazonaws.com", ec2, true, Map.of()).path("decision").asText()).isEqualTo("ImplicitDeny");
        // the account or everyone of it named as AWS principal is not a service
        assertThat(decide("ec2.amazonaws.com", trust("{\"AWS\":\"" + account + "\"}", null), true, Map.of()).path("decision").asText())
                .isEqualTo("ImplicitDeny");
        // not as a plain resource policy: a service assumes roles only
        assertThat(decide("ec2.amazonaws.com", ec2, false, Map.of()).path("decision").asText()).isEqualTo("ImplicitDeny");
        String denyEc2 = "{\"Version\":\"2012-10-17\",\"Statement\":[" + ec2.substring(ec2.indexOf('[') + 1, ec2.lastIndexOf(']'))
                + ",{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        assertThat(decide("ec2.amazonaws.com", denyEc2, true, Map.of()).path("decision").asText()).isEqualTo("ExplicitDeny");
    }

    @Test
    void theServiceNameKeyIsSetHere() throws Exception {
        String onlyEcs = trust("\"*\"", "{\"StringEquals\":{\"aws:PrincipalServiceName\":\"ecs-tasks.amazonaws.com\"}}");
        assertThat(decide("ecs-tasks.amazonaws.com", onlyEcs, true, Map.of()).path("decision").asText()).isEqualTo("Allow");
        // a caller cannot claim another service's name for the key
        assertThat(decide("ec2.amazonaws.com", onlyEcs, true, Map.of("aws:PrincipalServiceName", "ecs-tasks.amazonaws.com"))
                .path("decision").asText()).isEqualTo("ImplicitDeny");
    }
}
