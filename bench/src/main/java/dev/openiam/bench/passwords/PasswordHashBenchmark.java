package dev.openiam.bench.passwords;

import dev.openiam.identity.crypto.PasswordHasher;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cost of a console password with identity-service's own {@link PasswordHasher} at its default parameters
 * (OWASP's Argon2id: 19 MiB, 2 iterations, 1 lane): one verification (what a sign-in costs) on one thread and on
 * two threads at once (both cores of the benchmark machine, so the memory traffic of two hashes competes), and one
 * new hash (CreateLoginProfile, ChangePassword). The time per operation is per thread: sign-ins per second are
 * threads / time.
 *
 * <p>On a shared machine that time includes waiting for a core; each benchmark therefore also counts the CPU time
 * its threads spent ({@link Cpu}: {@code cpuNanos} and {@code calls} per iteration, summed over the threads), and
 * {@code cpuNanos / calls} is the CPU cost of one operation whatever the load — sign-ins per second per core =
 * 1 / that. It excludes the JVM's own threads (GC, JIT).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordHashBenchmark {

    private static final String PASSWORD = "correct-Horse-battery-staple-42";

    private final PasswordHasher hasher = new PasswordHasher();
    private String encoded;

    @Setup
    public void setUp() {
        if (!hasher.params().equals(PasswordHasher.Params.OWASP)) {
            throw new IllegalStateException("the hasher's default parameters are not OWASP's: " + hasher.params());
        }
        encoded = hasher.hash(PASSWORD);
        if (!hasher.verify(PASSWORD, encoded) || hasher.verify(PASSWORD + "x", encoded)) {
            throw new IllegalStateException("the hasher does not verify its own hash");
        }
    }

    /** One sign-in's verification, one thread: sign-ins per second per core = 1 / this time. */
    @Benchmark
    public boolean verify(Cpu cpu) {
        return cpu.time(() -> hasher.verify(PASSWORD, encoded));
    }

    /** Two verifications at once, one per core: sign-ins per second of the machine = 2 / this time. */
    @Benchmark
    @Threads(2)
    public boolean verifyOnTwoThreads(Cpu cpu) {
        return cpu.time(() -> hasher.verify(PASSWORD, encoded));
    }

    /** A new hash with a fresh salt. */
    @Benchmark
    public String hash(Cpu cpu) {
        return cpu.time(() -> hasher.hash(PASSWORD));
    }

    /** The CPU time of one benchmark thread in an iteration, and its calls (JMH reports their sums). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }

        <T> T time(Supplier<T> operation) {
            long start = THREADS.getCurrentThreadCpuTime();
            T result = operation.get();
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            calls++;
            return result;
        }
    }
}
