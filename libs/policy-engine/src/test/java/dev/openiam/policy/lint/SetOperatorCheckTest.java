package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.api.Test;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class SetOperatorCheckTest {

    @Test
    void reportsAMultiValuedKeyWithoutSetOperator() {
        assertThat(findings("MISSING_SET_OPERATOR", statement("""
                "Effect": "Deny", "Action": "iam:TagUser", "Resource": "*",
                "Condition": {"StringEquals": {"aws:TagKeys": ["team"]}}""")))
                .containsExactly(new Finding(Finding.Severity.WARNING, "MISSING_SET_OPERATOR",
                        "the key `aws:TagKeys` can have several values; use `ForAnyValue:StringEquals` or "
                                + "`ForAllValues:StringEquals`",
                        "Statement[0].Condition.StringEquals.aws:TagKeys"));
    }

    @Test
    void reportsASetOperatorOnASingleValuedKey() {
        assertThat(findings("SET_OPERATOR_ON_SINGLE_VALUED_KEY", statement("""
                "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                "Condition": {"ForAllValues:StringEqualsIfExists": {"aws:PrincipalTag/team": ["a", "b"]}}""")))
                .extracting(Finding::message)
                .containsExactly("the key `aws:PrincipalTag/team` has a single value; use `StringEqualsIfExists` "
                        + "without `ForAllValues:`");
    }

    @Test
    void reportsForAllValuesInAnAllowWithoutNullTest() {
        assertThat(findings("FOR_ALL_VALUES_WITH_ALLOW", statement("""
                "Effect": "Allow", "Action": "iam:TagUser", "Resource": "*",
                "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}""")))
                .extracting(Finding::location)
                .containsExactly("Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys");
    }

    @Test
    void acceptsSetOperatorsUsedAsMeant() {
        String document = statement("""
                "Effect": "Allow", "Action": "iam:TagUser", "Resource": "*",
                "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]},
                              "Null": {"aws:TagKeys": "false"},
                              "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/r-1/*"},
                              "StringEquals": {"aws:PrincipalTag/team": "core"}}""");
        assertThat(findings("MISSING_SET_OPERATOR", document)).isEmpty();
        assertThat(findings("SET_OPERATOR_ON_SINGLE_VALUED_KEY", document)).isEmpty();
        assertThat(findings("FOR_ALL_VALUES_WITH_ALLOW", document)).isEmpty();
        assertThat(findings("FOR_ALL_VALUES_WITH_ALLOW", statement("""
                "Effect": "Deny", "Action": "iam:TagUser", "Resource": "*",
                "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}"""))).isEmpty();
    }
}
