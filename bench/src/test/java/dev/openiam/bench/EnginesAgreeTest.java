package dev.openiam.bench;

import dev.openiam.bench.casbin.CasbinEngine;
import dev.openiam.bench.cedar.CedarEngine;
import dev.openiam.bench.ours.OpenIamEngine;
import dev.openiam.bench.workload.ReferenceEvaluator;
import dev.openiam.bench.workload.ReferenceEvaluator.Outcome;
import dev.openiam.bench.workload.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like only if every engine decides every request of the workload the same. */
class EnginesAgreeTest {

    private static Workload workload;
    private static List<Outcome> expected;

    @BeforeAll
    static void decideByTheRules() {
        workload = Workload.standard();
        ReferenceEvaluator reference = new ReferenceEvaluator(workload);
        expected = workload.requests().stream().map(reference::decide).toList();
    }

    @Test
    void theWorkloadIsTheOneOfTheIssue() {
        assertThat(workload.policies()).hasSize(10);
        assertThat(workload.statementCount()).isEqualTo(150);
        assertThat(workload.requests()).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(workload.policies().stream().flatMap(p -> p.statements().stream()))
                .anyMatch(s -> s.notAction())
                .anyMatch(s -> s.actions().stream().anyMatch(a -> a.contains("*")))
                .anyMatch(s -> s.actions().stream().anyMatch(a -> a.contains("?")))
                .anyMatch(s -> s.resources().stream().anyMatch(r -> r.contains("${")))
                .anyMatch(s -> !s.conditions().isEmpty());
        assertThat(Workload.standard()).isEqualTo(workload);
    }

    @Test
    void decisionsAreMixed() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        expected.forEach(o -> counts.merge(o, 1, Integer::sum));
        assertThat(counts).allSatisfy((outcome, n) -> assertThat(n).as(outcome.name()).isGreaterThan(100));
        assertThat(counts).hasSize(3);
    }

    @Test
    void ourEngineAgreesOnEveryOutcome() {
        OpenIamEngine engine = new OpenIamEngine(workload);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String outcome = engine.outcome(i).name();
            if (!outcome.equals(expected.get(i).name())) {
                disagreements.add(i + ": " + workload.requests().get(i) + " expected " + expected.get(i) + ", got " + outcome);
            }
        }
        assertThat(disagreements).as("openiam disagrees").isEmpty();
        assertAgrees(engine);
    }

    @Test
    void ourLinterFindsNoErrorInTheWorkload() {
        for (String document : OpenIamEngine.documents(workload)) {
            assertThat(dev.openiam.policy.PolicyEngine.validate(document, dev.openiam.policy.PolicyType.IDENTITY))
                    .noneMatch(dev.openiam.policy.Finding::isError);
        }
    }

    @Test
    void cedarAgrees() {
        assertAgrees(new CedarEngine(workload));
    }

    @Test
    void jcasbinAgrees() {
        assertAgrees(new CasbinEngine(workload));
    }

    @Test
    void theBenchmarkBuildsEachEngineByName() {
        assertThat(Engines.NAMES).allSatisfy(name -> assertThat(Engines.create(name, workload).name()).isEqualTo(name));
    }

    static void assertAgrees(Engine engine) {
        assertThat(Engines.disagreements(engine, workload)).as(engine.name() + " disagrees").isEmpty();
    }
}
