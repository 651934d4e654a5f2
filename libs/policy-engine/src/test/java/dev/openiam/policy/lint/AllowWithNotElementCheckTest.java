package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class AllowWithNotElementCheckTest {

    @Test
    void reportsAllowWithNotAction() {
        assertThat(findings("ALLOW_WITH_NOT_ACTION", statement("""
                "Effect": "Allow", "NotAction": "iam:*", "Resource": "*\"""")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(f.location()).isEqualTo("Statement[0].NotAction");
                    assertThat(f.message()).startsWith("`Allow` with `NotAction` grants every action not listed");
                });
    }

    @Test
    void reportsAllowWithNotResource() {
        assertThat(findings("ALLOW_WITH_NOT_RESOURCE", statement("""
                "Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*\"""")))
                .extracting(Finding::location).containsExactly("Statement[0].NotResource");
    }

    @Test
    void reportsAllowWithNotPrincipal() {
        assertThat(findings("ALLOW_WITH_NOT_PRINCIPAL", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
                 "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}""", PolicyType.RESOURCE))
                .extracting(Finding::location).containsExactly("Statement[0].NotPrincipal");
    }

    @Test
    void acceptsDenyWithNotElements() {
        String document = """
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny",
                 "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
                 "NotAction": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}}""";
        assertThat(findings("ALLOW_WITH_NOT_ACTION", document, PolicyType.RESOURCE)).isEmpty();
        assertThat(findings("ALLOW_WITH_NOT_RESOURCE", document, PolicyType.RESOURCE)).isEmpty();
        assertThat(findings("ALLOW_WITH_NOT_PRINCIPAL", document, PolicyType.RESOURCE)).isEmpty();
    }
}
