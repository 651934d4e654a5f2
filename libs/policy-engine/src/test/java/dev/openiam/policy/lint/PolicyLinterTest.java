package dev.openiam.policy.lint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.openiam.policy.lint.LintTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyLinterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            "\"text\"",
            "{\"Statement\": 3}",
            "{\"Statement\": [3, null, []]}",
            "{\"Version\": 7, \"Statement\": {\"Effect\": [], \"Action\": {}, \"Resource\": 5, \"Condition\": []}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [1, null, \"s3:\"], \"Condition\": {\"StringEquals\": 3}}}",
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \":\", \"Resource\": [\"\", \"${\"],"
                    + " \"Condition\": {\"\": {\"\": null}, \"ForAllValues:\": {\":\": [null]}}}}",
            "{\"Statement\": [{\"Effect\": \"Deny\", \"NotAction\": [], \"NotResource\": []},"
                    + " {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": [], \"Principal\": 4}]}",
    })
    void neverThrowsOnOddDocuments(String document) {
        for (PolicyType type : PolicyType.values()) {
            assertThat(PolicyLinter.lint(json(document), type)).allMatch(f -> !f.isError());
        }
        assertThat(PolicyLinter.lint(null, PolicyType.IDENTITY)).isEmpty();
        assertThat(PolicyLinter.lint(JsonNodeFactory.instance.nullNode(), PolicyType.IDENTITY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(PolicyType.class)
    void findsNothingInACarefulPolicy(PolicyType type) {
        String principal = type == PolicyType.RESOURCE || type == PolicyType.TRUST
                ? "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/app\"}," : "";
        List<Finding> findings = PolicyLinter.lint(json("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadOwnPrefix", "Effect": "Allow", %1$s "Action": "s3:ListBucket",
                   "Resource": "arn:aws:s3:::data", "Condition": {"StringLike": {"s3:prefix": "home/${aws:username}/*"}}},
                  {"Sid": "ReadWriteOwn", "Effect": "Allow", %1$s "Action": ["s3:GetObject", "s3:PutObject"],
                   "Resource": "arn:aws:s3:::data/home/${aws:username}/*"},
                  {"Sid": "PassAppRole", "Effect": "Allow", %1$s "Action": "iam:PassRole",
                   "Resource": "arn:aws:iam::111122223333:role/app-*",
                   "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
                  {"Sid": "TlsOnly", "Effect": "Deny", %1$s "Action": "s3:*", "Resource": "*",
                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""".formatted(principal)), type);
        assertThat(findings).isEmpty();
    }

    @Test
    void reportsFindingsInDocumentOrderWithLowercaseMessagesWithoutFinalPeriod() {
        List<Finding> findings = PolicyLinter.lint(json("""
                {"Statement": [{"Effect": "Allow", "NotAction": ["s3:Nope", "s4:X", "s3:Get*", "s3:GetObject"],
                  "NotResource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "1.2.3.4", "s3:nokey": "x"}}},
                 {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
                 {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}"""), PolicyType.IDENTITY);
        assertThat(findings).extracting(Finding::code).contains("MISSING_VERSION", "UNKNOWN_ACTION", "UNKNOWN_SERVICE",
                "REDUNDANT_ACTION", "ALLOW_WITH_NOT_ACTION", "ALLOW_WITH_NOT_RESOURCE", "MISMATCHED_CONDITION_TYPE",
                "UNKNOWN_CONDITION_KEY", "PASS_ROLE_WITH_STAR_RESOURCE", "STATEMENT_SHADOWED_BY_DENY");
        assertThat(findings).extracting(Finding::location).first().isEqualTo("Version");
        assertThat(findings).extracting(f -> f.location().replaceAll("^Statement\\[(\\d+)].*", "$1"))
                .filteredOn(s -> !s.equals("Version")).isSorted();
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.severity()).isIn(Finding.Severity.WARNING, Finding.Severity.SUGGESTION);
            assertThat(f.message()).doesNotEndWith(".");
            assertThat(Character.isUpperCase(f.message().charAt(0))).isFalse();
            assertThat(f.location()).matches("Version|Statement\\[\\d+](\\..+)?");
        });
    }
}
