package dev.openiam.console.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.console.config.ConsoleConfig;
import dev.openiam.console.session.ConsoleSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.function.Function;

/**
 * The public APIs as the signed-in person calls them: the AWS SDK for Java v2 with the session's temporary
 * credentials (IAM at identity-service, CloudTrail at audit-service), so every page is authenticated (SigV4), authorized and audited exactly like the CLI. One client per
 * session, made on its first call and kept while the session is used (an SDK client is costly to build; an ended
 * session's client is dropped 30 minutes after its last use); all share one HTTP client.
 */
@ApplicationScoped
public class AwsApi {

    private final ConsoleConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
    private final Cache<String, IamClient> clients = perSession();
    private final Cache<String, CloudTrailClient> trails = perSession();

    public AwsApi(ConsoleConfig config) {
        this.config = config;
    }

    /** Calls IAM as {@code session}; AWS's errors (AccessDenied, NoSuchEntity, …) come out as the SDK throws them. */
    public <T> T iam(ConsoleSession session, Function<IamClient, T> call) {
        return call.apply(clients.get(session.id(), id -> IamClient.builder()
                .endpointOverride(config.iamEndpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(session.credentials()))
                .httpClient(http)
                .build()));
    }

    /** Calls CloudTrail (audit-service) as {@code session}. */
    public <T> T cloudTrail(ConsoleSession session, Function<CloudTrailClient, T> call) {
        return call.apply(trails.get(session.id(), id -> CloudTrailClient.builder()
                .endpointOverride(config.cloudtrailEndpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(session.credentials()))
                .httpClient(http)
                .build()));
    }

    private static <C extends AutoCloseable> Cache<String, C> perSession() {
        return Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterAccess(Duration.ofMinutes(30))
                .<String, C>removalListener((id, client, cause) -> {
                    if (client != null) {
                        try {
                            client.close();
                        } catch (Exception e) {
                            // an SDK client's close releases nothing but the shared HTTP client's reference
                        }
                    }
                })
                .build();
    }

    @PreDestroy
    void close() {
        clients.invalidateAll();
        trails.invalidateAll();
        http.close();
    }
}
