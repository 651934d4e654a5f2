package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class RedundantEntryCheckTest {

    @Test
    void reportsAnActionAnotherEntryMatches() {
        assertThat(findings("REDUNDANT_ACTION", statement("""
                "Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*", "S3:GETOBJECT"], "Resource": "*\"""")))
                .containsExactly(
                        new Finding(Finding.Severity.SUGGESTION, "REDUNDANT_ACTION",
                                "`s3:GetObject` is already matched by `s3:Get*`", "Statement[0].Action[0]"),
                        new Finding(Finding.Severity.SUGGESTION, "REDUNDANT_ACTION",
                                "`S3:GETOBJECT` is already matched by `s3:GetObject`", "Statement[0].Action[2]"));
    }

    @Test
    void reportsTheLaterOfTwoEqualResources() {
        assertThat(findings("REDUNDANT_RESOURCE", statement("""
                "Effect": "Allow", "Action": "s3:GetObject",
                "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/home/*"]""")))
                .extracting(Finding::location)
                .containsExactly("Statement[0].Resource[1]", "Statement[0].Resource[2]");
    }

    @Test
    void acceptsDistinctEntriesAndCaseInResources() {
        String document = statement("""
                "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:List*"],
                "Resource": ["arn:aws:s3:::b/Home/*", "arn:aws:s3:::b/home/*", "arn:aws:s3:::b/${aws:username}"]""");
        assertThat(findings("REDUNDANT_ACTION", document)).isEmpty();
        assertThat(findings("REDUNDANT_RESOURCE", document)).isEmpty();
    }
}
