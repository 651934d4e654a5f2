package dev.openiam.bench.workload;

import dev.openiam.bench.workload.ConditionSpec.Kind;
import dev.openiam.bench.workload.ReferenceEvaluator.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The yardstick itself, on hand-written cases whose answers AWS documents. */
class ReferenceEvaluatorTest {

    private static final Principal ALICE = new Principal("111122223333", "alice", "platform");
    private static final String OBJECT = "arn:aws:s3:::data/home/alice/f.txt";

    private static Outcome decide(RequestSpec request, StatementSpec... statements) {
        Workload workload = new Workload(ALICE, List.of(new PolicySpec("p", List.of(statements))), List.of(request));
        return new ReferenceEvaluator(workload).decide(request);
    }

    private static RequestSpec request(String action, String resource) {
        return new RequestSpec(action, resource, "10.1.2.3", true, null, null, "us-east-1");
    }

    private static StatementSpec allow(List<String> actions, List<String> resources, ConditionSpec... conditions) {
        return new StatementSpec("A", true, false, actions, resources, List.of(conditions));
    }

    @Test
    void matchesActionsCaseInsensitivelyAndResourcesWithVariables() {
        StatementSpec s = allow(List.of("s3:get*"), List.of("arn:aws:s3:::data/home/${aws:username}/*"));
        assertThat(decide(request("s3:GetObject", OBJECT), s)).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("s3:GetObject", "arn:aws:s3:::data/home/bob/f.txt"), s)).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(request("s3:PutObject", OBJECT), s)).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void anExplicitDenyWinsAndNotActionExcludesItsActions() {
        StatementSpec allowAll = allow(List.of("*"), List.of("*"));
        StatementSpec denyAllButS3 = new StatementSpec("D", false, true, List.of("s3:*"), List.of("*"), List.of());
        assertThat(decide(request("iam:GetUser", "*"), allowAll, denyAllButS3)).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decide(request("s3:GetObject", OBJECT), allowAll, denyAllButS3)).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void missingKeysFailNumericConditionsAndPassIfExists() {
        RequestSpec noMfaNoRegion = new RequestSpec("s3:GetObject", OBJECT, "10.1.2.3", true, null, null, null);
        assertThat(decide(noMfaNoRegion, allow(List.of("s3:*"), List.of("*"),
                new ConditionSpec(Kind.MFA_AGE_BELOW, List.of("3600"))))).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(noMfaNoRegion, allow(List.of("s3:*"), List.of("*"),
                new ConditionSpec(Kind.REGION_IF_EXISTS, List.of("eu-west-1"))))).isEqualTo(Outcome.ALLOW);
        assertThat(decide(request("s3:GetObject", OBJECT), allow(List.of("s3:*"), List.of("*"),
                new ConditionSpec(Kind.REGION_IF_EXISTS, List.of("eu-west-1"))))).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void anAddressIsNeverInARangeOfTheOtherFamily() {
        assertThat(ReferenceEvaluator.inCidr("10.1.2.3", "10.0.0.0/8")).isTrue();
        assertThat(ReferenceEvaluator.inCidr("11.1.2.3", "10.0.0.0/8")).isFalse();
        assertThat(ReferenceEvaluator.inCidr("2001:db8::42", "2001:db8::/32")).isTrue();
        assertThat(ReferenceEvaluator.inCidr("10.1.2.3", "2001:db8::/32")).isFalse();
        assertThat(ReferenceEvaluator.inCidr("2001:db8::42", "10.0.0.0/8")).isFalse();
    }
}
