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
}
