package dev.openiam.bench;

import dev.openiam.bench.workload.ReferenceEvaluator;
import dev.openiam.bench.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One authorization decision per operation, cycling through the workload's 1,000 requests, for each engine
 * ({@code -p engine=openiam,cedar,jcasbin}). Before an engine is measured it must decide every request as
 * AWS's rules do, or the trial fails.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {

    @Param({"openiam", "cedar", "jcasbin"})
    public String engine;

    private Engine subject;
    private int size;
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        Workload workload = Workload.standard();
        subject = Engines.create(engine, workload);
        List<String> disagreements = Engines.disagreements(subject, workload);
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException(engine + " disagrees with AWS's rules on " + disagreements.size()
                    + " requests, e.g. " + disagreements.get(0));
        }
        size = workload.requests().size();
        Map<ReferenceEvaluator.Outcome, Integer> mix = new EnumMap<>(ReferenceEvaluator.Outcome.class);
        ReferenceEvaluator reference = new ReferenceEvaluator(workload);
        workload.requests().forEach(r -> mix.merge(reference.decide(r), 1, Integer::sum));
        System.out.println("workload: " + workload.policies().size() + " policies, " + workload.statementCount()
                + " statements, " + size + " requests " + mix + "; " + engine + " agrees on all of them");
    }

    @Benchmark
    public boolean decide() {
        int i = next;
        next = i + 1 == size ? 0 : i + 1;
        return subject.isAllowed(i);
    }
}
