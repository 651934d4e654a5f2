package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionKeyCheckTest {

    @Test
    void reportsAKeyNoServiceDefines() {
        assertThat(findings("UNKNOWN_CONDITION_KEY", statement("""
                "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                "Condition": {"StringEquals": {"s3:prefixx": "home/", "aws:SourceIpAddress": "x"}}""")))
                .extracting(Finding::location)
                .containsExactly("Statement[0].Condition.StringEquals.s3:prefixx",
                        "Statement[0].Condition.StringEquals.aws:SourceIpAddress");
    }

    @Test
    void reportsAKeyNoneOfTheActionsSupports() {
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", statement("""
                "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*",
                "Condition": {"StringLike": {"s3:prefix": "home/*"}}""")))
                .containsExactly(new Finding(Finding.Severity.WARNING, "CONDITION_KEY_NOT_SUPPORTED",
                        "the condition key `s3:prefix` is not supported by any of the actions `s3:GetObject`, `s3:PutObject`",
                        "Statement[0].Condition.StringLike.s3:prefix"));
    }

    @Test
    void reportsAKeyOfAnotherServiceThroughAWildcard() {
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", statement("""
                "Effect": "Allow", "Action": "iam:Get*", "Resource": "*",
                "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}""")))
                .extracting(Finding::message)
                .containsExactly("the condition key `ec2:InstanceType` is not supported by the action `iam:Get*`");
    }

    @Test
    void acceptsGlobalKeysKeysOfSomeActionAndResourceTypeKeys() {
        String document = statement("""
                "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "ec2:RunInstances", "iam:PassRole"],
                "Resource": "*",
                "Condition": {
                  "StringLike": {"s3:prefix": "home/*", "aws:PrincipalTag/team": "core", "AWS:RequestTag/Env": "dev"},
                  "StringEquals": {"ec2:InstanceType": "t3.micro", "iam:PassedToService": "ec2.amazonaws.com",
                                   "s3:ExistingObjectTag/classification": "public", "ec2:ResourceTag/owner": "me"},
                  "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}""");
        assertThat(findings("UNKNOWN_CONDITION_KEY", document)).isEmpty();
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", document)).isEmpty();
    }

    @Test
    void acceptsIdentityProviderKeysInTrustPolicies() {
        String trust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
                  "Action": ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"],
                  "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                                 "accounts.google.com:aud": "x", "saml:aud": "https://signin.aws.amazon.com/saml"},
                                "StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/*"}}}]}""";
        assertThat(findings("UNKNOWN_CONDITION_KEY", trust, PolicyType.TRUST)).isEmpty();
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", trust, PolicyType.TRUST)).isEmpty();
    }

    @Test
    void checksOnlyKeyExistenceWhenTheActionsCannotBeTold() {
        String document = statement("""
                "Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
                "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}""");
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", document)).isEmpty();
        assertThat(findings("CONDITION_KEY_NOT_SUPPORTED", statement("""
                "Effect": "Allow", "Action": "*", "Resource": "*",
                "Condition": {"StringEquals": {"ec2:InstanceType": "t3.micro"}}"""))).isEmpty();
    }
}
