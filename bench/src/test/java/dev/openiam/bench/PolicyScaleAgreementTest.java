package dev.openiam.bench;

import dev.openiam.bench.ours.OpenIamEngine;
import dev.openiam.bench.workload.ReferenceEvaluator;
import dev.openiam.bench.workload.StatementSpec;
import dev.openiam.bench.workload.Workload;
import dev.openiam.bench.workload.WorkloadGenerator;
import dev.openiam.policy.Decision;
import dev.openiam.policy.StatementRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scale benchmark's principal with 1,000 policies (10,000 statements): the engine's index leaves out all but
 * the statements that can apply, and every decision must still be AWS's, naming exactly the statements the reference
 * finds applicable (every deny of a denied request, every allow of an allowed one), in order.
 */
class PolicyScaleAgreementTest {

    @Test
    void everyDecisionAndItsStatementsMatchTheReferenceAtAThousandPolicies() {
        Workload workload = new WorkloadGenerator(20261124L).generate(1_000, 10, 1_000);
        OpenIamEngine engine = new OpenIamEngine(workload);
        ReferenceEvaluator reference = new ReferenceEvaluator(workload);
        int named = 0;
        for (int i = 0; i < workload.requests().size(); i++) {
            var request = workload.requests().get(i);
            List<StatementSpec> applicable = reference.explanation(request);
            String expectedOutcome = applicable.isEmpty() ? "IMPLICIT_DENY"
                    : applicable.get(0).allow() ? "ALLOW" : "EXPLICIT_DENY";
            List<String> expected = applicable.stream().map(StatementSpec::sid).toList();
            // twice: the first request of an action builds its index, later ones use it
            for (int pass = 0; pass < 2; pass++) {
                Decision decision = engine.policies().evaluate(engine.requests().get(i));
                String why = "request " + i + " " + request;
                assertThat(decision.outcome().name()).as(why).isEqualTo(expectedOutcome);
                assertThat(decision.statements().stream().map(StatementRef::sid).toList()).as(why).isEqualTo(expected);
            }
            named += expected.size();
        }
        assertThat(named).as("decisions name many statements at this scale").isGreaterThan(10_000);
    }
}
