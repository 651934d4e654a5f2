package dev.openiam.console.aws;

import dev.openiam.console.config.ConsoleConfig;
import dev.openiam.console.session.ConsoleSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.function.Function;

/**
 * The public APIs as the signed-in person calls them: the AWS SDK for Java v2 with the session's temporary
 * credentials, so every page is authenticated (SigV4), authorized and audited exactly like the CLI.
 */
@ApplicationScoped
public class AwsApi {

    private final ConsoleConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();

    public AwsApi(ConsoleConfig config) {
        this.config = config;
    }

    /** Calls IAM as {@code session}; AWS's errors (AccessDenied, NoSuchEntity, …) come out as the SDK throws them. */
    public <T> T iam(ConsoleSession session, Function<IamClient, T> call) {
        try (IamClient iam = IamClient.builder()
                .endpointOverride(config.iamEndpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(session.credentials()))
                .httpClient(http)
                .build()) {
            return call.apply(iam);
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
