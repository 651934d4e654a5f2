package dev.openiam.policy.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionCatalogTest {

    private final ActionCatalog catalog = ActionCatalog.bundled();

    @Test
    void recordsTheSourceVersion() {
        assertThat(catalog.sourceVersion()).isEqualTo("0.21.202609261");
        assertThat(catalog.services()).hasSizeGreaterThan(400);
    }

    @Test
    void knowsServicesCaseInsensitively() {
        assertThat(catalog.isKnownService("s3")).isTrue();
        assertThat(catalog.isKnownService("IAM")).isTrue();
        assertThat(catalog.isKnownService("s4")).isFalse();
        assertThat(catalog.isKnownService(null)).isFalse();
    }

    @Test
    void knowsActionsCaseInsensitively() {
        assertThat(catalog.isKnownAction("s3:GetObject")).isTrue();
        assertThat(catalog.isKnownAction("S3:getobject")).isTrue();
        assertThat(catalog.isKnownAction("s3:GetObjekt")).isFalse();
        assertThat(catalog.isKnownAction("s3")).isFalse();
        assertThat(catalog.isKnownAction("nosuch:GetObject")).isFalse();
        assertThat(catalog.action("iam:passrole")).get()
                .satisfies(a -> {
                    assertThat(a.qualifiedName()).isEqualTo("iam:PassRole");
                    assertThat(a.accessLevel()).isEqualTo("Write");
                    assertThat(a.resourceTypes()).extracting(ActionInfo.ResourceTypeRef::name).containsExactly("role");
                    assertThat(a.resourceTypes().get(0).required()).isTrue();
                });
    }

    @Test
    void expandsWildcards() {
        assertThat(catalog.matching("s3:GetObject")).extracting(ActionInfo::qualifiedName).containsExactly("s3:GetObject");
        assertThat(catalog.matching("iam:PassRol?")).extracting(ActionInfo::qualifiedName).containsExactly("iam:PassRole");
        assertThat(catalog.matching("s3:get*")).extracting(ActionInfo::name)
                .contains("GetObject", "GetBucketPolicy").allMatch(n -> n.startsWith("Get"));
        assertThat(catalog.matching("sts:*")).extracting(ActionInfo::name).contains("AssumeRole", "GetCallerIdentity");
        assertThat(catalog.matching("*:GetCallerIdentity")).extracting(ActionInfo::qualifiedName)
                .containsExactly("sts:GetCallerIdentity");
        assertThat(catalog.matching("*")).hasSizeGreaterThan(20_000);
        assertThat(catalog.matching("s3:Nothing*")).isEmpty();
        assertThat(catalog.matching("nosuch:*")).isEmpty();
        assertThat(catalog.matching("GetObject")).isEmpty();
    }

    @Test
    void acceptsConditionKeysOfTheActionItsResourceTypesAndGlobalOnes() {
        assertThat(catalog.isValidConditionKey("s3:GetObject", "s3:ExistingObjectTag/team")).isTrue();
        assertThat(catalog.isValidConditionKey("s3:ListBucket", "s3:prefix")).isTrue();
        assertThat(catalog.isValidConditionKey("s3:listbucket", "S3:Prefix")).isTrue();
        assertThat(catalog.isValidConditionKey("iam:PassRole", "iam:PassedToService")).isTrue();
        assertThat(catalog.isValidConditionKey("ec2:RunInstances", "ec2:InstanceType")).isTrue();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "aws:SourceIp")).isTrue();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "aws:PrincipalTag/team")).isTrue();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "AWS:principaltag/Team")).isTrue();
        assertThat(catalog.isValidConditionKey("iam:CreateUser", "aws:RequestTag/${TagKey}")).isTrue();
        assertThat(catalog.isValidConditionKey("kms:Decrypt", "kms:EncryptionContext:purpose")).isTrue();
    }

    @Test
    void rejectsConditionKeysOfOtherActionsAndBareVariablePrefixes() {
        assertThat(catalog.isValidConditionKey("s3:GetObject", "s3:prefix")).isFalse();
        assertThat(catalog.isValidConditionKey("iam:CreateUser", "iam:PassedToService")).isFalse();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "aws:PrincipalTag/")).isFalse();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "aws:PrincipalTag")).isFalse();
        assertThat(catalog.isValidConditionKey("s3:GetObject", "aws:NoSuchKey")).isFalse();
        assertThat(catalog.isValidConditionKey("s3:NoSuchAction", "aws:SourceIp")).isFalse();
    }

    @Test
    void knowsConditionKeysAndTheirTypes() {
        assertThat(catalog.conditionKey("aws:SourceIp")).get().extracting(ConditionKeyPattern::type).isEqualTo("IPAddress");
        assertThat(catalog.conditionKey("aws:TagKeys")).get().matches(ConditionKeyPattern::isMultiValued);
        assertThat(catalog.conditionKey("aws:PrincipalTag/team")).get()
                .extracting(ConditionKeyPattern::template).isEqualTo("aws:PrincipalTag/${TagKey}");
        assertThat(catalog.conditionKey("s3:prefix")).get().extracting(ConditionKeyPattern::type).isEqualTo("String");
        assertThat(catalog.conditionKey("iam:PassedToService")).isPresent();
        assertThat(catalog.conditionKey("accounts.google.com:aud")).isPresent();
        assertThat(catalog.conditionKey("s3:nosuchkey")).isEmpty();
        assertThat(catalog.conditionKey("nosuch:key")).isEmpty();
        assertThat(catalog.conditionKey(null)).isEmpty();
        assertThat(catalog.isGlobalConditionKey("aws:CurrentTime")).isTrue();
        assertThat(catalog.isGlobalConditionKey("s3:prefix")).isFalse();
    }

    @Test
    void listsTheKeysValidForAnAction() {
        ActionInfo passRole = catalog.action("iam:PassRole").orElseThrow();
        assertThat(catalog.conditionKeysFor(passRole)).extracting(ConditionKeyPattern::template)
                .contains("iam:PassedToService", "iam:AssociatedResourceArn", "aws:SourceIp", "aws:PrincipalTag/${TagKey}")
                .doesNotContain("s3:prefix");
    }
}
