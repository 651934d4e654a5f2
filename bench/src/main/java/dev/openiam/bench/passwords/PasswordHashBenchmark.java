package dev.openiam.bench.passwords;

import dev.openiam.identity.crypto.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cost of a console password with identity-service's own {@link PasswordHasher} at its default parameters
 * (OWASP's Argon2id: 19 MiB, 2 iterations, 1 lane): one verification (what a sign-in costs) on one thread and on
 * two threads at once (both cores of the benchmark machine, so the memory traffic of two hashes competes), and one
 * new hash (CreateLoginProfile, ChangePassword). The time per operation is per thread: sign-ins per second are
 * threads / time.
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
    public boolean verify() {
        return hasher.verify(PASSWORD, encoded);
    }

    /** Two verifications at once, one per core: sign-ins per second of the machine = 2 / this time. */
    @Benchmark
    @Threads(2)
    public boolean verifyOnTwoThreads() {
        return hasher.verify(PASSWORD, encoded);
    }

    /** A new hash with a fresh salt. */
    @Benchmark
    public String hash() {
        return hasher.hash(PASSWORD);
    }
}
