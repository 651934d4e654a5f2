package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyVersionCheckTest {

    private static final String WITH_VARIABLES = """
            {%s"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::home/${aws:username}/*",
              "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["x", "${aws:PrincipalTag/dept}"]}}}}""";

    @Test
    void suggestsAVersionWhenThereIsNone() {
        assertThat(findings("MISSING_VERSION", WITH_VARIABLES.formatted("")))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.SUGGESTION);
                    assertThat(f.location()).isEqualTo("Version");
                });
    }

    @Test
    void reportsVariablesUnderTheOldVersion() {
        assertThat(findings("POLICY_VARIABLE_IN_OLD_VERSION", WITH_VARIABLES.formatted("\"Version\": \"2008-10-17\", ")))
                .extracting(Finding::location, Finding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Statement[0].Resource",
                                "`arn:aws:s3:::home/${aws:username}/*` is plain text under version `2008-10-17`, "
                                        + "not a policy variable; use version `2012-10-17`"),
                        org.assertj.core.groups.Tuple.tuple("Statement[0].Condition.StringEquals.aws:PrincipalTag/team",
                                "`${aws:PrincipalTag/dept}` is plain text under version `2008-10-17`, "
                                        + "not a policy variable; use version `2012-10-17`"));
        assertThat(findings("POLICY_VARIABLE_IN_OLD_VERSION", WITH_VARIABLES.formatted(""))).hasSize(2);
    }

    @Test
    void acceptsVariablesUnderTheCurrentVersion() {
        String current = WITH_VARIABLES.formatted("\"Version\": \"2012-10-17\", ");
        assertThat(findings("POLICY_VARIABLE_IN_OLD_VERSION", current)).isEmpty();
        assertThat(findings("MISSING_VERSION", current)).isEmpty();
    }
}
