package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class PassRoleCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "\"Action\": \"iam:PassRole\"",
            "\"Action\": [\"s3:GetObject\", \"IAM:passrole\"]",
            "\"Action\": \"iam:*\"",
            "\"Action\": \"iam:Pass*\"",
            "\"Action\": \"*\"",
            "\"NotAction\": \"s3:*\"",
    })
    void reportsPassRoleOnEveryResource(String actions) {
        assertThat(findings("PASS_ROLE_WITH_STAR_RESOURCE", statement(
                "\"Effect\": \"Allow\", " + actions + ", \"Resource\": [\"arn:aws:s3:::b\", \"*\"]")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(f.location()).isEqualTo("Statement[0].Resource[1]");
                    assertThat(f.message()).contains("`iam:PassRole`", "`iam:PassedToService`");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::111122223333:role/app-*\"",
            "\"Effect\": \"Deny\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"",
            "\"Effect\": \"Allow\", \"Action\": \"iam:GetRole\", \"Resource\": \"*\"",
            "\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"",
    })
    void acceptsNamedRolesDeniesAndOtherActions(String members) {
        assertThat(findings("PASS_ROLE_WITH_STAR_RESOURCE", statement(members))).isEmpty();
    }
}
