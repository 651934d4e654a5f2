package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class UnknownActionCheckTest {

    @Test
    void reportsAnUnknownService() {
        assertThat(findings("UNKNOWN_SERVICE", statement("""
                "Effect": "Allow", "Action": ["s3:GetObject", "s4:GetObject"], "Resource": "*\"""")))
                .containsExactly(new Finding(Finding.Severity.WARNING, "UNKNOWN_SERVICE",
                        "the service prefix `s4` in `s4:GetObject` is not a known service", "Statement[0].Action[1]"));
    }

    @Test
    void reportsAnUnknownActionOfAKnownService() {
        assertThat(findings("UNKNOWN_ACTION", statement("""
                "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*\"""")))
                .containsExactly(new Finding(Finding.Severity.WARNING, "UNKNOWN_ACTION",
                        "the action `s3:GetObjekt` is not an action of service `s3`", "Statement[0].Action"));
    }

    @Test
    void reportsAWildcardMatchingNothing() {
        assertThat(findings("UNMATCHED_ACTION_PATTERN", statement("""
                "Effect": "Deny", "NotAction": ["s3:Fetch*", "*:Fetchzz*"], "Resource": "*\"""")))
                .extracting(Finding::location, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Statement[0].NotAction[0]",
                                "the action pattern `s3:Fetch*` matches no action of service `s3`"),
                        org.assertj.core.groups.Tuple.tuple("Statement[0].NotAction[1]",
                                "the action pattern `*:Fetchzz*` matches no known action"));
    }

    @Test
    void acceptsKnownActionsInAnyCaseAndMatchingWildcards() {
        String document = statement("""
                "Effect": "Allow", "Action": ["*", "S3:getobject", "iam:Pass*", "ec2:Describe?pcs", "*:GetCallerIdentity"],
                "Resource": "*\"""");
        assertThat(findings("UNKNOWN_SERVICE", document)).isEmpty();
        assertThat(findings("UNKNOWN_ACTION", document)).isEmpty();
        assertThat(findings("UNMATCHED_ACTION_PATTERN", document)).isEmpty();
    }
}
