package dev.openiam.bench;

import dev.openiam.bench.ours.OpenIamEngine;
import dev.openiam.bench.workload.Workload;
import dev.openiam.bench.workload.WorkloadGenerator;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decision latency as a principal's policies grow: 1, 10, 100 and 1,000 managed policies of 10 statements (10 to
 * 10,000 statements), generated like {@link DecisionBenchmark}'s workload, 1,000 distinct requests each. The engine
 * indexes statements by action and then by the literal prefix of their resources, so a request visits only the
 * statements whose action and resource can apply, and evaluates each distinct resource pattern and condition once;
 * the figure to hold is within 2× of the 10-policy one. Each size must decide every request as AWS's rules do
 * before it is measured.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PolicyScaleBenchmark {

    @Param({"1", "10", "100", "1000"})
    public int policies;

    private OpenIamEngine engine;
    private int size;
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        Workload workload = new WorkloadGenerator(20261124L).generate(policies, 10, 1000);
        engine = new OpenIamEngine(workload);
        List<String> disagreements = Engines.disagreements(engine, workload);
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException(policies + " policies: " + disagreements.size() + " requests decided otherwise than AWS's"
                    + " rules, e.g. " + disagreements.get(0));
        }
        size = workload.requests().size();
        System.out.println("workload: " + workload.policies().size() + " policies, " + workload.statementCount() + " statements, "
                + size + " requests");
    }

    /** The outcome only, as the front doors read it (decided with early exit; no statement named). */
    @Benchmark
    public boolean decide() {
        int i = next;
        next = i + 1 == size ? 0 : i + 1;
        return engine.isAllowed(i);
    }

    /** The outcome and every deciding statement, as the decision API answers by default ({@code PolicySet.explain}). */
    @Benchmark
    public int decideAndName() {
        int i = next;
        next = i + 1 == size ? 0 : i + 1;
        return engine.named(i);
    }
}
