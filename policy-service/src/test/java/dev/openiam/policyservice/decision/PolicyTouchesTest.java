package dev.openiam.policyservice.decision;

import dev.openiam.model.event.PolicyEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact invalidation: only what an event touches goes stale, and only for sets built before it. */
class PolicyTouchesTest {

    final PolicyTouches touches = new PolicyTouches();

    @Test
    void aDetachMakesOnlyThatPrincipalsSetsStale() {
        touches.touch("111122223333", 12, new PolicyEvent.UserPolicyDetached("alice", "AIDA1", "arn:aws:iam::111122223333:policy/p"));
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1")), 11)).isFalse();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1")), 12)).isTrue();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA2")), 11)).isTrue();
        assertThat(touches.unchangedSince("444455556666", List.of(PolicyTouches.principal("AIDA1")), 1)).isTrue();
    }

    @Test
    void aNewDefaultVersionMakesEverySetUsingThePolicyStale() {
        String arn = "arn:aws:iam::111122223333:policy/p";
        touches.touch("111122223333", 7, new PolicyEvent.PolicyVersionCreated(arn, "v2", "{}", false));
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.policy(arn)), 5)).as("not the default").isTrue();
        touches.touch("111122223333", 8, new PolicyEvent.DefaultPolicyVersionSet(arn, "v2", "{}"));
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1"), PolicyTouches.policy(arn)), 7))
                .isFalse();
        touches.clear();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.policy(arn)), 7)).isTrue();
    }
}
