package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionTypeCheckTest {

    private static String condition(String operator, String key, String value) {
        return statement("\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", "
                + "\"Condition\": {\"" + operator + "\": {\"" + key + "\": \"" + value + "\"}}");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "StringEquals, aws:SourceIp, 10.0.0.1, IPAddress, IpAddress",
            "NumericLessThan, aws:CurrentTime, 1700000000, Date, Date",
            "DateGreaterThan, aws:MultiFactorAuthAge, 3600, Numeric, Numeric",
            "StringEqualsIfExists, aws:SecureTransport, true, Bool, Bool",
            "IpAddress, aws:username, 10.0.0.0/8, String, String",
            "ArnLike, aws:MultiFactorAuthPresent, arn:aws:iam::*:root, Bool, Bool",
            "BoolIfExists, aws:PrincipalArn, true, ARN, Arn",
    })
    void reportsAnOperatorOfAnotherType(String operator, String key, String value, String type, String suggested) {
        assertThat(findings("MISMATCHED_CONDITION_TYPE", condition(operator, key, value)))
                .containsExactly(new Finding(Finding.Severity.WARNING, "MISMATCHED_CONDITION_TYPE",
                        "the operator `" + operator + "` does not fit the key `" + key + "`, whose values are of type `"
                                + type + "`; use one of the `" + suggested + "…` operators",
                        "Statement[0].Condition." + operator + "." + key));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "StringEquals, aws:username, alice",
            "StringLike, aws:PrincipalArn, arn:aws:iam::*:role/admin",
            "ArnLike, aws:PrincipalArn, arn:aws:iam::*:role/admin",
            "ArnEquals, aws:SourceVpcArn, arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1",
            "NotIpAddress, aws:SourceIp, 10.0.0.0/8",
            "DateLessThan, aws:CurrentTime, 2030-01-01T00:00:00Z",
            "NumericLessThan, aws:EpochTime, 1900000000",
            "NumericLessThanIfExists, aws:MultiFactorAuthAge, 3600",
            "Bool, aws:SecureTransport, true",
            "Null, aws:SourceIp, true",
            "StringEquals, s3:nosuchkey, x",
            "ForAnyValue:StringEquals, aws:TagKeys, team",
    })
    void acceptsFittingOperators(String operator, String key, String value) {
        assertThat(findings("MISMATCHED_CONDITION_TYPE", condition(operator, key, value))).isEmpty();
    }
}
