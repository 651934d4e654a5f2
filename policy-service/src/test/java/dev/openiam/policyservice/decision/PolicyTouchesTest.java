package dev.openiam.policyservice.decision;

import dev.openiam.model.event.PolicyEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact invalidation: only what an event touches goes stale, only for sets loaded before it, and nothing forgotten lets one through. */
class PolicyTouchesTest {

    final PolicyTouches touches = new PolicyTouches(1_000);

    @Test
    void aDetachMakesOnlyThatPrincipalsSetsStale() {
        long before = touches.now();
        touches.touch("111122223333", new PolicyEvent.UserPolicyDetached("alice", "AIDA1", "arn:aws:iam::111122223333:policy/p"));
        long after = touches.now();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1")), before)).isFalse();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1")), after)).isTrue();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA2")), before)).isTrue();
        assertThat(touches.unchangedSince("444455556666", List.of(PolicyTouches.principal("AIDA1")), before)).isTrue();
    }

    @Test
    void aNewDefaultVersionMakesEverySetUsingThePolicyStale() {
        String arn = "arn:aws:iam::111122223333:policy/p";
        long before = touches.now();
        touches.touch("111122223333", new PolicyEvent.PolicyVersionCreated(arn, "v2", "{}", false));
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.policy(arn)), before)).as("not the default").isTrue();
        touches.touch("111122223333", new PolicyEvent.DefaultPolicyVersionSet(arn, "v2", "{}"));
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA1"), PolicyTouches.policy(arn)), before))
                .isFalse();
    }

    @Test
    void forgettingEveryChangeMakesEverythingLoadedBeforeStale() {
        long before = touches.now();
        touches.clear();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA9")), before)).isFalse();
        assertThat(touches.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA9")), touches.now())).isTrue();
    }

    @Test
    void pastTheBoundAForgottenChangeStillMakesTheSetsLoadedBeforeItStale() {
        PolicyTouches small = new PolicyTouches(10);
        long first = small.now();
        small.touch("111122223333", new PolicyEvent.UserPolicyDetached("u0", "AIDA0", "arn:aws:iam::111122223333:policy/p"));
        long[] loadedAt = new long[200];
        for (int i = 1; i < 200; i++) {
            loadedAt[i] = small.now();
            small.touch("111122223333", new PolicyEvent.UserPolicyDetached("u" + i, "AIDA" + i, "arn:aws:iam::111122223333:policy/p"));
        }
        assertThat(small.size()).as("changes remembered").isLessThanOrEqualTo(10);
        // whatever was forgotten: a set loaded before the change of its own principal is never taken as unchanged
        assertThat(small.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA0")), first)).isFalse();
        for (int i = 1; i < 200; i++) {
            assertThat(small.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA" + i)), loadedAt[i]))
                    .as("principal %d", i).isFalse();
        }
        // and a set loaded after every change is still good
        assertThat(small.unchangedSince("111122223333", List.of(PolicyTouches.principal("AIDA5")), small.now())).isTrue();
    }
}
