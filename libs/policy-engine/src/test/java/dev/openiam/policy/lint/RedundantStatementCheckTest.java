package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;

class RedundantStatementCheckTest {

    private static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(",", statements) + "]}";
    }

    @Test
    void reportsAnAllowShadowedByAnUnconditionalDeny() {
        String document = policy("""
                {"Sid": "ReadHome", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                 "Resource": "arn:aws:s3:::data/home/${aws:username}/*",
                 "Condition": {"Bool": {"aws:SecureTransport": "true"}}}""", """
                {"Sid": "NoData", "Effect": "Deny", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data/*"}""");
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", document))
                .containsExactly(new Finding(Finding.Severity.WARNING, "STATEMENT_SHADOWED_BY_DENY",
                        "statement `ReadHome` never allows anything: statement `NoData` denies all of it without condition",
                        "Statement[0]"));
    }

    @Test
    void reportsAnAllowShadowedByADenyWithNotAction() {
        String document = policy("""
                {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}""", """
                {"Effect": "Deny", "NotAction": ["s3:*", "iam:*"], "Resource": "*"}""");
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", document)).extracting(Finding::location, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Statement[0]",
                        "statement 0 never allows anything: statement 1 denies all of it without condition"));
    }

    @Test
    void acceptsAnAllowADenyOnlyPartlyCoversOrDeniesUnderACondition() {
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy("""
                {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data/*"}""", """
                {"Effect": "Deny", "Action": "s3:Get*", "Resource": "arn:aws:s3:::data/*"}"""))).isEmpty();
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}""", """
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/secret/*"}"""))).isEmpty();
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}""", """
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}"""))).isEmpty();
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/${aws:username}"}""", """
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/alice"}"""))).isEmpty();
    }

    @Test
    void comparesPrincipalsOfResourcePolicies() {
        String allow = """
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}""";
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy(allow, """
                {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}"""),
                PolicyType.RESOURCE)).hasSize(1);
        assertThat(findings("STATEMENT_SHADOWED_BY_DENY", policy(allow, """
                {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:*",
                 "Resource": "arn:aws:s3:::b/*"}"""), PolicyType.RESOURCE)).isEmpty();
    }

    @Test
    void reportsAStatementAnotherOfTheSameEffectIncludes() {
        String document = policy("""
                {"Sid": "Wide", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}""", """
                {"Sid": "Narrow", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
                 "Condition": {"Bool": {"aws:SecureTransport": "true"}}}""");
        assertThat(findings("REDUNDANT_STATEMENT", document))
                .containsExactly(new Finding(Finding.Severity.SUGGESTION, "REDUNDANT_STATEMENT",
                        "statement `Narrow` is redundant: statement `Wide` allows all of it without condition",
                        "Statement[1]"));
    }

    @Test
    void reportsTheLaterOfTwoEqualStatements() {
        String same = """
                {"Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*"}""";
        assertThat(findings("REDUNDANT_STATEMENT", policy(same, same))).extracting(Finding::location)
                .containsExactly("Statement[1]");
    }

    @Test
    void acceptsStatementsThatEachAddSomething() {
        assertThat(findings("REDUNDANT_STATEMENT", policy("""
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}""", """
                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}""", """
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                 "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}"""))).isEmpty();
    }
}
