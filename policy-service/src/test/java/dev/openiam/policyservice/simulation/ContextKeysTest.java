package dev.openiam.policyservice.simulation;

import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy. */
@QuarkusTest
class ContextKeysTest {

    private static final String CONDITIONS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},"
            + "\"StringEquals\":{\"s3:prefix\":\"${aws:PrincipalTag/team, 'none'}\"}}},{\"Effect\":\"Deny\",\"Action\":\"*\","
            + "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"AWS:SourceIP\":\"false\",\"aws:MultiFactorAuthPresent\":\"false\"}}}]}";

    @Test
    void customPolicyKeysComeFromConditionsAndVariables() {
        Iam iam = Iam.freshAccount();
        assertThat(iam.ok("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", CONDITIONS)
                .getList("ContextKeyNames.member")).containsExactly("aws:SourceIp", "s3:prefix", "aws:PrincipalTag/team",
                "aws:username", "aws:MultiFactorAuthPresent");
        assertThat(iam.ok("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", Iam.doc("s3:*"))
                .getList("ContextKeyNames.member")).isEmpty();
    }

    @Test
    void principalPolicyKeysIncludeStoredAndGivenDocuments() {
        Iam iam = Iam.freshAccount();
        IdentityStandIn.role(iam.accountId(), "app");
        iam.ok("PutRolePolicy", "RoleName", "app", "PolicyName", "conditions", "PolicyDocument", CONDITIONS);
        assertThat(iam.ok("GetContextKeysForPrincipalPolicy", "PolicySourceArn", iam.arn("role/app"),
                "PolicyInputList.member.1", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}}")
                .getList("ContextKeyNames.member")).containsExactly("aws:SourceIp", "s3:prefix", "aws:PrincipalTag/team",
                "aws:username", "aws:MultiFactorAuthPresent", "aws:RequestedRegion");
    }
}
