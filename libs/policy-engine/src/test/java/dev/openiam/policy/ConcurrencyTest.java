package dev.openiam.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiled policies, policy sets and request contexts are shared between threads; decisions must not differ. */
class ConcurrencyTest {

    @Test
    void concurrentEvaluationsAgreeWithSequentialOnes() throws Exception {
        PolicyGen gen = new PolicyGen(4242L);
        List<PolicySet> sets = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sets.add(ScenarioCorpusTest.policies(gen.policies()));
            requests.add(gen.request());
        }
        // fresh copies for the concurrent run, so lazily built caches are raced for, not pre-filled
        PolicyGen again = new PolicyGen(4242L);
        List<PolicySet> shared = new ArrayList<>();
        List<Request> sharedRequests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            shared.add(ScenarioCorpusTest.policies(again.policies()));
            sharedRequests.add(again.request());
        }
        List<Decision> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 200; j += 7) {
                expected.add(sets.get(i).evaluate(requests.get(j)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Decision>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Decision> out = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        for (int j = 0; j < 200; j += 7) {
                            out.add(shared.get(i).evaluate(sharedRequests.get(j)));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Decision>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
