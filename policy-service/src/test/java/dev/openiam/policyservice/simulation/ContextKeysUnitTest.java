package dev.openiam.policyservice.simulation;

import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.model.PolicyDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's condition-key index and statement positions, without Quarkus. */
class ContextKeysUnitTest {

    @Test
    void theStatementsCoveringAnActionNameTheKeysTheRequestLacks() {
        PolicyDocument document = PolicyEngine.compile("p", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "a"}}},
                  {"Effect": "Deny", "NotAction": "s3:?etObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
                  {"Effect": "Allow", "Action": "S3:*Acl", "Resource": "arn:aws:s3:::${aws:username}/*",
                   "Condition": {"StringEquals": {"AWS:SOURCEIP": "x"}}}]}""", PolicyType.IDENTITY, PolicyKind.AWS_MANAGED).document();
        ContextKeys keys = ContextKeys.of(List.of(document));
        assertThat(keys.missingFor("s3:GetObject", RequestContext.empty())).containsExactly("s3:prefix");
        assertThat(keys.missingFor("s3:getobjectacl", RequestContext.empty()))
                .containsExactly("s3:prefix", "aws:SourceIp", "aws:username");
        assertThat(keys.missingFor("s3:GetObjectAcl", RequestContext.builder().put("aws:sourceip", "10.1.1.1").build()))
                .containsExactly("s3:prefix", "aws:username");
        assertThat(keys.missingFor("iam:CreateUser", RequestContext.empty())).containsExactly("aws:SourceIp");
        assertThat(keys.names()).containsExactly("s3:prefix", "aws:SourceIp", "aws:username");
    }

    @Test
    void positionsFollowTheText() {
        var spans = StatementPositions.of("{\"Statement\":[{\"Effect\":\"Allow\"},\n {\"Effect\":\"Deny\"}]}");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).start()).isEqualTo(new EvaluationResult.Position(1, 16));
        assertThat(spans.get(0).end()).isEqualTo(new EvaluationResult.Position(1, 33));
        assertThat(spans.get(1).start()).isEqualTo(new EvaluationResult.Position(2, 3));
        assertThat(StatementPositions.of("not json")).isEmpty();
    }
}
