package dev.openiam.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyEngineTest {

    static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    static Request get(String resource) {
        return Request.builder().principal(ALICE).action("s3:GetObject").resource(resource).build();
    }

    @Test
    void allowsWhatAnIdentityPolicyAllows() {
        CompiledPolicy p = PolicyEngine.compile("p1", """
                {"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":"s3:Get*",
                 "Resource":"arn:aws:s3:::bucket/*"}}""", PolicyType.IDENTITY);
        PolicySet set = PolicySet.builder().identityPolicy(p).build();

        Decision allowed = set.evaluate(get("arn:aws:s3:::bucket/key"));
        assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(allowed.statements()).containsExactly(new StatementRef("p1", PolicyType.IDENTITY, 0, "Read"));

        Decision denied = set.evaluate(get("arn:aws:s3:::other/key"));
        assertThat(denied.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(denied.missingAllow()).isEqualTo(MissingAllow.IDENTITY_POLICY);
        assertThat(denied.message(ALICE, "s3:GetObject", "arn:aws:s3:::other/key")).isEqualTo(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "
                        + "arn:aws:s3:::other/key because no identity-based policy allows the s3:GetObject action");
    }

    @Test
    void explicitDenyNamesTheStatementAndPolicyType() {
        CompiledPolicy p = PolicyEngine.compile("p1", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""", PolicyType.IDENTITY);
        Decision d = PolicySet.builder().identityPolicy(p).build().evaluate(get("arn:aws:s3:::b/k"));
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(d.statements()).extracting(StatementRef::toString).containsExactly("p1:Statement[1]");
        assertThat(d.message(ALICE, "s3:GetObject", "arn:aws:s3:::b/k"))
                .endsWith("with an explicit deny in an identity-based policy");
    }

    @Test
    void rejectsAMalformedDocumentWithCodeAndPosition() {
        assertThatThrownBy(() -> PolicyEngine.compile("p", """
                {"Version":"2012-10-17",
                 "Statement":{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}}""", PolicyType.IDENTITY))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.getMessage()).contains("`Alow`").contains("line 2, column 24");
                });
    }

    @Test
    void rejectsAnOversizedDocumentWithLimitExceeded() {
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + "a".repeat(2100) + "\"}}";
        assertThatThrownBy(() -> PolicyEngine.compile("p", big, PolicyType.SESSION))
                .isInstanceOfSatisfying(PolicyException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("LimitExceeded"));
        assertThat(PolicyEngine.compile("p", big, PolicyType.IDENTITY).statementCount()).isEqualTo(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "IDENTITY|with an explicit deny in an identity-based policy",
            "PERMISSION_BOUNDARY|with an explicit deny in a permissions boundary",
            "SESSION|with an explicit deny in a session policy",
            "RESOURCE|with an explicit deny in a resource-based policy",
            "TRUST|with an explicit deny in a resource-based policy"})
    void explicitDenyMessagesNameThePolicyType(PolicyType role, String ending) {
        Decision d = new Decision(Outcome.EXPLICIT_DENY, java.util.List.of(new StatementRef("p", role, 0, null)), null);
        assertThat(d.message(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")).isEqualTo("User: " + ALICE
                + " is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k " + ending);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(MissingAllow.class)
    void implicitDenyMessagesNameWhatDidNotAllow(MissingAllow missing) {
        Decision d = new Decision(Outcome.IMPLICIT_DENY, java.util.List.of(), missing);
        assertThat(d.message(ALICE, "iam:CreateUser", "arn:aws:iam::111122223333:user/x")).endsWith(
                "because no " + missing.phrase() + " allows the iam:CreateUser action");
    }

    @Test
    void derivedSetsShareTheirPrincipalsPolicies() {
        CompiledPolicy identity = PolicyEngine.compile("id", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""",
                PolicyType.IDENTITY);
        CompiledPolicy deny = PolicyEngine.compile("bucket", """
                {"Version":"2012-10-17","Statement":{"Sid":"No","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":"*"}}""", PolicyType.RESOURCE);
        CompiledPolicy onlyEc2 = PolicyEngine.compile("session", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}""",
                PolicyType.SESSION);
        PolicySet base = PolicySet.builder().identityPolicy(identity).build();
        Request r = get("arn:aws:s3:::b/k");
        assertThat(base.evaluate(r).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(base.withResourcePolicy(deny).evaluate(r).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(base.withSessionPolicies(java.util.List.of(onlyEc2)).evaluate(r).missingAllow())
                .isEqualTo(MissingAllow.SESSION_POLICY);
        assertThat(base.evaluate(r).outcome()).as("the original is unchanged").isEqualTo(Outcome.ALLOW);
        assertThatThrownBy(() -> PolicySet.builder().resourcePolicy(identity))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicySet.builder().identityPolicy(deny))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestContextKeysAreCaseInsensitiveAndTyped() {
        RequestContext ctx = RequestContext.builder().put("aws:SourceIp", "10.0.0.1")
                .put("aws:TagKeys", java.util.List.of("a", "b")).build();
        assertThat(ctx.value("AWS:SOURCEIP")).isEqualTo("10.0.0.1");
        assertThat(ctx.values("aws:tagkeys")).containsExactly("a", "b");
        assertThat(ctx.isMultiValued("aws:TagKeys")).isTrue();
        assertThat(ctx.value("aws:TagKeys")).as("a multivalued key has no single value").isNull();
        assertThat(ctx.values("aws:missing")).isEmpty();
        assertThat(ctx.asMap()).containsOnlyKeys("aws:SourceIp", "aws:TagKeys");
        assertThatThrownBy(() -> RequestContext.builder().put("k", (String) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestsKnowTheirPrincipal() {
        Request session = Request.builder().principal("arn:aws:sts::111122223333:assumed-role/app/s1")
                .action("S3:GetObject").resourceAccount("444455556666").build();
        assertThat(session.principalKind()).isEqualTo(PrincipalKind.AWS);
        assertThat(session.principalAccount()).isEqualTo("111122223333");
        assertThat(session.sessionRoleName()).isEqualTo("app");
        assertThat(session.isCrossAccount()).isTrue();
        assertThat(session.actionLower()).isEqualTo("s3:getobject");
        assertThat(session.resource()).isEqualTo("*");
        assertThat(PrincipalKind.infer("ec2.amazonaws.com")).isEqualTo(PrincipalKind.SERVICE);
        assertThat(PrincipalKind.infer("accounts.google.com")).isEqualTo(PrincipalKind.FEDERATED);
        assertThat(PrincipalKind.infer("arn:aws:iam::111122223333:saml-provider/idp")).isEqualTo(PrincipalKind.FEDERATED);
        assertThat(PrincipalKind.infer("")).isEqualTo(PrincipalKind.ANONYMOUS);
        assertThat(Request.builder().principal("arn:aws:iam::111122223333:root").action("s3:x").build()
                .isAccountRoot()).isTrue();
    }
}
