package dev.openiam.policy.eval;

import dev.openiam.policy.Decision;
import dev.openiam.policy.Outcome;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicySet;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.Request;
import dev.openiam.policy.RequestContext;
import dev.openiam.policy.StatementRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request evaluates each distinct resource pattern and condition of the principal's policies once and shares the
 * result between the statements that repeat it; patterns and conditions that only look alike must not share.
 */
class SharedEvaluationTest {

    private static final String STATEMENTS = """
            [{"Sid": "%1$sResource", "Effect": "Allow", "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::${aws:username}/*"},
             {"Sid": "%1$sCondition", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",
              "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}},
             {"Sid": "%1$sSameCondition", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*",
              "Condition": {"StringEquals": {"aws:PrincipalTag/Team": "${aws:username}"}}}]""";

    private static PolicySet policies() {
        // the same text under both versions: ${aws:username} is a variable only under 2012-10-17
        return PolicySet.builder()
                .identityPolicy(PolicyEngine.compile("old", "{\"Version\": \"2008-10-17\", \"Statement\": "
                        + STATEMENTS.formatted("Old") + "}", PolicyType.IDENTITY))
                .identityPolicy(PolicyEngine.compile("new", "{\"Version\": \"2012-10-17\", \"Statement\": "
                        + STATEMENTS.formatted("New") + "}", PolicyType.IDENTITY))
                .build();
    }

    private static Decision decide(String resource, String team) {
        return decide(policies(), resource, team);
    }

    private static Decision decide(PolicySet policies, String resource, String team) {
        return policies.evaluate(Request.builder().principal("arn:aws:iam::1:user/alice").action("s3:GetObject")
                .resource(resource).context(RequestContext.builder().put("aws:username", "alice")
                        .put("aws:PrincipalTag/team", team).build()).build());
    }

    @Test
    void aPatternOrConditionWithVariablesIsNotTheSameTextWithout() {
        Decision d = decide("arn:aws:s3:::alice/f", "platform");
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("NewResource");
        d = decide("arn:aws:s3:::${aws:username}/f", "platform");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("OldResource");
    }

    @Test
    void equalConditionsInSeveralStatementsDecideAlike() {
        // the key's case differs between the two statements of a policy: one condition, evaluated once
        Decision d = decide("arn:aws:s3:::data/f", "alice");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("NewCondition", "NewSameCondition");
        d = decide("arn:aws:s3:::data/f", "${aws:username}");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("OldCondition", "OldSameCondition");
        assertThat(decide("arn:aws:s3:::data/f", "bob").outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    /** The policies above and enough statements that never apply to give every request many candidates. */
    private static PolicySet padded() {
        StringBuilder never = new StringBuilder();
        for (int i = 0; i < MergedIndex.SMALL + 8; i++) {
            never.append(i == 0 ? "" : ",").append("""
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::*",
                     "Condition": {"StringEquals": {"aws:PrincipalTag/team": "nobody%d"}}}""".formatted(i));
        }
        PolicySet few = policies();
        return PolicySet.builder().identityPolicies(few.identityPolicies())
                .identityPolicy(PolicyEngine.compile("never", "{\"Version\": \"2012-10-17\", \"Statement\": ["
                        + never + "]}", PolicyType.IDENTITY))
                .build();
    }

    private static Decision decidePadded(String resource, String team) {
        return decide(padded(), resource, team);
    }

    @Test
    void withManyCandidatesEachIsStillDecidedByItsOwnPatternAndConditions() {
        // above MergedIndex.SMALL candidates the evaluator shares results in its memo: the same answers as without
        Decision d = decidePadded("arn:aws:s3:::alice/f", "platform");
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("NewResource");
        d = decidePadded("arn:aws:s3:::${aws:username}/f", "platform");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("OldResource");
        d = decidePadded("arn:aws:s3:::data/f", "alice");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("NewCondition", "NewSameCondition");
        d = decidePadded("arn:aws:s3:::data/f", "${aws:username}");
        assertThat(d.statements()).extracting(StatementRef::sid).containsExactly("OldCondition", "OldSameCondition");
        assertThat(decidePadded("arn:aws:s3:::data/f", "bob").outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decidePadded("arn:aws:s3:::data/f", "nobody3").outcome()).isEqualTo(Outcome.ALLOW);
    }
}
