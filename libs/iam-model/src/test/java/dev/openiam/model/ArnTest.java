package dev.openiam.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArnTest {

    @Test
    void parsesAndFormatsTheSixParts() {
        Arn arn = Arn.parse("arn:aws:s3:us-east-1:123456789012:bucket/key:with:colons");
        assertThat(arn.partition()).isEqualTo("aws");
        assertThat(arn.service()).isEqualTo("s3");
        assertThat(arn.region()).isEqualTo("us-east-1");
        assertThat(arn.account()).isEqualTo("123456789012");
        assertThat(arn.resource()).isEqualTo("bucket/key:with:colons");
        assertThat(arn).hasToString("arn:aws:s3:us-east-1:123456789012:bucket/key:with:colons");
    }

    @Test
    void buildsIamEntityArnsWithPaths() {
        AccountId account = AccountId.of("123456789012");
        assertThat(Arn.iamEntity(account, "user", "/division/", "alice"))
                .hasToString("arn:aws:iam::123456789012:user/division/alice");
        assertThat(Arn.root(account)).hasToString("arn:aws:iam::123456789012:root");
    }

    @Test
    void acceptsAwsManagedPolicyAndOtherPartitions() {
        assertThat(Arn.parse("arn:aws:iam::aws:policy/AdministratorAccess").account()).isEqualTo("aws");
        assertThat(Arn.parse("arn:aws-cn:iam::123456789012:root").partition()).isEqualTo("aws-cn");
        assertThat(Arn.parse("arn:aws-us-gov:s3:::bucket").resource()).isEqualTo("bucket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "arn", "arn:aws:iam::123456789012", "urn:aws:iam::123456789012:root",
            "arn:AWS:iam::123456789012:root", "arn:aws:IAM::123456789012:root", "arn:aws:iam:nowhere:123456789012:root",
            "arn:aws:iam::12345:root", "arn:aws:iam::123456789012:"})
    void rejectsMalformedArnsWithValidationError(String text) {
        assertThatThrownBy(() -> Arn.parse(text))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThat(Arn.isValid(text)).isFalse();
    }
}
