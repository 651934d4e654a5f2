package dev.openiam.bench.sessions;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.glue.session.SessionConfig;
import dev.openiam.glue.session.SessionSigningKeys;
import dev.openiam.glue.session.SessionTokens;
import dev.openiam.glue.session.TemporaryCredentials;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.sessiontoken.SessionClaims;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import dev.openiam.sessiontoken.SessionTokenVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of authenticating a request signed with temporary credentials, as every front door does it
 * ({@link TemporaryCredentials}: open the session token, recompute the SigV4 signature with the secret it carries),
 * beside the same signature check with a long-term secret already in hand (the baseline, measured in the same run):
 * <ul>
 *   <li>{@code sessionKept}: the token was opened before (the usual case: a session signs many requests), so only
 *   the lookup by its text and the signature remain;</li>
 *   <li>{@code sessionFirstUse}: every request brings a token not seen before (its JWE decrypted, its JWS checked);</li>
 *   <li>{@code longTermBaseline}: the signature alone.</li>
 * </ul>
 * The requests are 256 distinct signed {@code GetCallerIdentity} calls (distinct bodies, dates and sessions), cycled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionSigV4Benchmark {

    static final int REQUESTS = 256;

    record Signed(HttpRequestData request, SigV4Credential credential, String secret) {
    }

    private final List<Signed> sessions = new ArrayList<>();
    private final List<Signed> longTerm = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final SigV4Verifier verifier = new SigV4Verifier();
    private TemporaryCredentials temporary;
    private SessionTokenVerifier coldVerifier;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("session-bench");
        ServiceKey signing = ServiceKey.generate("sts-service");
        ServiceKey encryption = ServiceKey.generate("session");
        Files.writeString(dir.resolve("session.pem"), encryption.privateKeyPem());
        SessionTokens opened = new SessionTokens(sessionConfig(dir.resolve("session.pem")),
                SessionSigningKeys.fixed(signing.publicJwks()));
        temporary = new TemporaryCredentials(opened);
        coldVerifier = new SessionTokenVerifier(signing.publicJwks(), encryption);
        SessionTokenIssuer issuer = new SessionTokenIssuer(signing, encryption);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < REQUESTS; i++) {
            String keyId = String.format("ASIA%016d", i).replace('0', 'A');
            String secret = "secret/" + i + "/abcdefghijklmnopqrstuvwxyzABCDEFGH".substring(0, 30);
            String token = issuer.issue(new SessionClaims(keyId, secret, "111122223333",
                    "arn:aws:sts::111122223333:assumed-role/app/s" + i, "AROAAAAAAAAAAAAAAAAA:s" + i,
                    "arn:aws:iam::111122223333:role/app", "AssumedRole", now, now.plus(Duration.ofHours(1)), null, null,
                    List.of(), Map.of("team", "t" + (i % 7)), List.of(), null, null, false));
            tokens.add(token);
            sessions.add(sign(keyId, secret, token, i));
            longTerm.add(sign(String.format("AKIA%016d", i).replace('0', 'B'), secret, null, i));
        }
        for (Signed signed : sessions) {
            temporary.authenticateWithKnownKeys(signed.request(), signed.credential(), "sts"); // each token opened once: what sessionKept measures
        }
    }

    private static SessionConfig sessionConfig(Path encryptionKey) {
        return new SessionConfig() {
            @Override
            public Optional<Path> encryptionKeyFile() {
                return Optional.of(encryptionKey);
            }

            @Override
            public Optional<URI> stsServiceUrl() {
                return Optional.empty();
            }

            @Override
            public Duration keysRefreshInterval() {
                return Duration.ofSeconds(5);
            }
        };
    }

    private static Signed sign(String keyId, String secret, String token, int i) {
        String body = "Action=GetCallerIdentity&Version=2011-06-15&n=" + i;
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://localhost:8083/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequestData data = new HttpRequestData("POST", "/", null, signed.headers(), body.getBytes(StandardCharsets.UTF_8));
        return new Signed(data, SigV4Verifier.parse(data), secret);
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) % REQUESTS;
        return i;
    }

    @Benchmark
    public Object sessionKept() {
        Signed signed = sessions.get(nextIndex());
        return temporary.authenticateWithKnownKeys(signed.request(), signed.credential(), "sts");
    }

    @Benchmark
    public Object sessionFirstUse() {
        int i = nextIndex();
        Signed signed = sessions.get(i);
        SessionClaims claims = coldVerifier.verify(tokens.get(i), signed.credential().accessKeyId());
        verifier.verify(signed.request(), signed.credential(), claims.secretAccessKey(), "sts", Instant.now());
        return claims;
    }

    @Benchmark
    public Object longTermBaseline() {
        Signed signed = longTerm.get(nextIndex());
        verifier.verify(signed.request(), signed.credential(), signed.secret(), "sts", Instant.now());
        return signed;
    }

    static {
        // fail at class load, not mid-run, if the SDK's signer is missing from the benchmark jar
        try {
            Class.forName("software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner");
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException("the AWS SDK's SigV4 signer is not on the class path", e));
        }
    }
}
