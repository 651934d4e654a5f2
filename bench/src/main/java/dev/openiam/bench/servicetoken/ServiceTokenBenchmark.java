package dev.openiam.bench.servicetoken;

import dev.openiam.bench.passwords.PasswordHashBenchmark.Cpu;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.PeerKeys;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceCall;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.internalauth.TokenVerifier;
import dev.openiam.internalauth.TrustedKeys;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwt.consumer.JwtContext;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One service-to-service token made and checked, as every internal hop does it (a decide token of identity-service
 * for policy-service, with an end caller and a ~200-byte body), in the same run two ways:
 * <ul>
 *   <li>{@code hs256Issue} / {@code hs256RoundTrip}: today's {@code libs/internal-auth} — {@link TokenIssuer} MACs the
 *   token with the pairwise key (HS256), {@link TokenVerifier} checks it, its claims and its jti;</li>
 *   <li>{@code es256Issue} / {@code es256RoundTrip}: what the library did before (tree {@code 830d8ac}): the same
 *   claims signed ES256 with the sender's key by SmallRye JWT's builder, verified by SmallRye's parser with the
 *   sender's public JWK (signature, {@code alg}, audience, lifetime, required claims) — the claim checks after it
 *   (purpose, endpoint, digest, jti) are left out, so this baseline is, if anything, a little cheap.</li>
 * </ul>
 * The pairwise key is derived once (its first use, in warm-up), as a running service does. Besides the wall-clock time
 * per operation, each benchmark counts its thread's CPU time ({@link Cpu}: {@code cpuNanos / calls}), the figure that
 * holds on a loaded machine (two {@code getCurrentThreadCpuTime} calls, about a µs, are inside it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServiceTokenBenchmark {

    static final String PATH = "/v1/authorize";
    static final CallerClaims CALLER = new CallerClaims("arn:aws:iam::111122223333:user/alice", "111122223333",
            "AIDAAAAAAAAAAAAAAAAA", "AKIAAAAAAAAAAAAAAAAA", false);
    static final byte[] BODY = ("{\"principal\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"iam:GetUser\","
            + "\"resource\":\"arn:aws:iam::111122223333:user/alice\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\"},"
            + "\"revisions\":{\"111122223333\":42}}").getBytes(StandardCharsets.UTF_8);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ServiceKey identity = ServiceKey.generate("identity-service");
    private final ServiceKey policy = ServiceKey.generate("policy-service");
    private TokenIssuer issuer;
    private PeerKeys receiving;
    private TokenVerifier verifier;
    private final DefaultJWTTokenParser es256Parser = new DefaultJWTTokenParser();
    private JWTAuthContextInfo es256Context;

    @Setup
    public void setUp() {
        issuer = new TokenIssuer(identity, TrustedKeys.of(policy));
        receiving = new PeerKeys(policy, TrustedKeys.of(identity));
        es256Context = new JWTAuthContextInfo();
        es256Context.setPublicKeyContent(identity.publicJwks());
        es256Context.setKeyFormat(KeyFormat.JWK);
        es256Context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        es256Context.setExpectedAudience(Set.of("policy-service"));
        es256Context.setMaxTimeToLiveSecs(30L);
        es256Context.setClockSkew(5);
        es256Context.setRequiredClaims(Set.of("iss", "aud", "iat", "exp", "jti", "pur", "ept", "dig"));
        es256Context.setRequireNamedPrincipal(false);
    }

    /** A verifier with an empty replay guard each iteration (every token's jti is remembered 25 s). */
    @Setup(Level.Iteration)
    public void newReplayGuard() {
        verifier = new TokenVerifier(receiving, Map.of(Purpose.DECIDE, Set.of("identity-service")), Clock.systemUTC(), 5_000_000);
    }

    @Benchmark
    public String hs256Issue(Cpu cpu) {
        return time(cpu, () -> issuer.issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, CALLER, null));
    }

    @Benchmark
    public ServiceCall hs256RoundTrip(Cpu cpu) {
        return time(cpu, () -> {
            String token = issuer.issue("policy-service", Purpose.DECIDE, "POST", PATH, BODY, CALLER, null);
            return verifier.verify("Bearer " + token, Purpose.DECIDE, "POST", PATH, BODY);
        });
    }

    @Benchmark
    public String es256Issue(Cpu cpu) {
        return time(cpu, this::es256Token);
    }

    @Benchmark
    public JwtContext es256RoundTrip(Cpu cpu) {
        return time(cpu, () -> {
            try {
                return es256Parser.parse(es256Token(), es256Context);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs {@code operation}, adding its CPU time and one call to {@code cpu}'s counters. */
    private static <T> T time(Cpu cpu, Supplier<T> operation) {
        long start = THREADS.getCurrentThreadCpuTime();
        T result = operation.get();
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        cpu.calls++;
        return result;
    }

    /** The token the library made before: the same claims, ES256 with the sender's own key. */
    private String es256Token() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.claims().issuer("identity-service").audience("policy-service").claim("pur", "decide")
                .claim("ept", "POST " + PATH).claim("dig", digest(BODY)).claim("jti", UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(now + 20).subject(CALLER.arn()).claim("acct", CALLER.accountId())
                .claim("root", false).claim("pid", CALLER.principalId()).claim("akid", CALLER.accessKeyId())
                .jws().keyId(identity.kid()).algorithm(SignatureAlgorithm.ES256).sign(identity.privateKey());
    }

    private static String digest(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
