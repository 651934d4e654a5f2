package dev.openiam.bench.sessions;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import dev.openiam.sessiontoken.SessionWrapKey;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cost of minting one session token, as sts-service does for every AssumeRole: {@code keyWrap} is
 * {@link SessionTokenIssuer} (ES256 with Bouncy Castle's provider inside a JWE whose content key is wrapped with A256KW
 * under the key derived from the session-encryption key, built with jose4j), {@code builderJdk} the same token as the
 * previous version built it (SmallRye JWT's builder, the JDK's SunEC signing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SessionTokenMintBenchmark {

    private final ServiceKey signing = ServiceKey.generate("sts-service");
    private final ServiceKey encryption = ServiceKey.generate("sts-session");
    private final SessionTokenIssuer issuer = new SessionTokenIssuer(signing, encryption);
    private final SecretKey wrapKey = SessionWrapKey.of(encryption);
    private final SessionClaims session;

    public SessionTokenMintBenchmark() {
        Instant now = Instant.now();
        session = new SessionClaims("ASIAAAAAAAAAAAAAAAAA", "s3cr3t/of/forty/characters/xxxxxxxxxxxx", "123456789012",
                "arn:aws:sts::123456789012:assumed-role/app/alice", "AROAAAAAAAAAAAAAAAAA:alice",
                "arn:aws:iam::123456789012:role/app", "AssumedRole", now, now.plusSeconds(3600), null, null, List.of(), Map.of(),
                List.of(), null, null, false, false);
    }

    @Benchmark
    public String keyWrap() {
        return issuer.issue(session);
    }

    @Benchmark
    public String builderJdk() {
        return Jwt.claims().issuer(SessionTokenIssuer.ISSUER).subject(session.arn())
                .issuedAt(session.issuedAt().getEpochSecond()).expiresAt(session.expiresAt().getEpochSecond())
                .claim("akid", session.accessKeyId()).claim("sak", session.secretAccessKey()).claim("acct", session.accountId())
                .claim("pid", session.principalId()).claim("src", session.sourceArn()).claim("ptyp", session.type())
                .claim("chn", false)
                .jws().keyId(signing.kid()).algorithm(SignatureAlgorithm.ES256).innerSign(signing.privateKey())
                .keyId(encryption.kid()).keyAlgorithm(KeyEncryptionAlgorithm.A256KW)
                .contentAlgorithm(ContentEncryptionAlgorithm.A256GCM).encrypt(wrapKey);
    }
}
