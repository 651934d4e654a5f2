package dev.openiam.policy.lint;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.openiam.policy.lint.LintTesting.findings;
import static dev.openiam.policy.lint.LintTesting.statement;
import static org.assertj.core.api.Assertions.assertThat;

class ResourceTypeCheckTest {

    @Test
    void reportsABucketArnForAnObjectAction() {
        assertThat(findings("UNSUPPORTED_RESOURCE", statement("""
                "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::data/*", "arn:aws:s3:::data"]""")))
                .containsExactly(new Finding(Finding.Severity.WARNING, "UNSUPPORTED_RESOURCE",
                        "no action of the statement applies to the resource `arn:aws:s3:::data`; `s3:GetObject` takes "
                                + "`arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}`, "
                                + "`arn:${Partition}:s3:::${BucketName}/${ObjectName}`",
                        "Statement[0].Resource[1]"));
    }

    @Test
    void reportsAResourceForAnActionWithoutResourceTypes() {
        assertThat(findings("UNSUPPORTED_RESOURCE", statement("""
                "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::data\"""")))
                .extracting(Finding::message)
                .containsExactly("no action of the statement applies to the resource `arn:aws:s3:::data`; "
                        + "`s3:ListAllMyBuckets` takes only `\"Resource\": \"*\"`");
    }

    @Test
    void reportsAnActionNoResourceFitsBesideOnesThatFit() {
        assertThat(findings("ACTION_MATCHES_NO_RESOURCE", statement("""
                "Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject", "s3:Put*"],
                "Resource": "arn:aws:s3:::data\"""")))
                .extracting(Finding::location)
                .containsExactly("Statement[0].Action[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"Action\": [\"s3:ListBucket\", \"s3:GetObject\"], \"Resource\": [\"arn:aws:s3:::data\", \"arn:aws:s3:::data/*\"]",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data/home/${aws:username}/*\"",
            "\"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::data\"",
            "\"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::111122223333:role/app-*\"",
            "\"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::*:role/*\"",
            "\"Action\": \"ec2:RunInstances\", \"Resource\": [\"arn:aws:ec2:*:*:instance/*\", \"arn:aws:ec2:*::image/ami-1\"]",
            "\"Action\": \"dynamodb:GetItem\", \"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/Orders\"",
            "\"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\"",
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data*\"",
            "\"NotAction\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::data\"",
            "\"Action\": \"s3:GetObject\", \"NotResource\": \"arn:aws:s3:::data\"",
            "\"Action\": \"nosuch:Thing\", \"Resource\": \"arn:aws:s3:::data\"",
    })
    void acceptsResourcesTheActionsTake(String members) {
        String document = statement("\"Effect\": \"Allow\", " + members);
        assertThat(findings("UNSUPPORTED_RESOURCE", document)).isEmpty();
        assertThat(findings("ACTION_MATCHES_NO_RESOURCE", document)).isEmpty();
    }

    @Test
    void leavesTrustPoliciesAlone() {
        assertThat(findings("UNSUPPORTED_RESOURCE", """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}}""", PolicyType.TRUST)).isEmpty();
    }
}
