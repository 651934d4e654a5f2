package dev.openiam.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** AWS SDK for Java v2 clients pointed at the local system, exactly as a user configures them. */
public final class Clients {

    private Clients() {
    }

    public static IamClient iam(String accessKeyId, String secretAccessKey) {
        return IamClient.builder()
                .endpointOverride(LocalSystem.get().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * A client of the front door at {@code endpoint} (one replica of identity-service) that never retries: each call is
     * answered or refused once, as sent.
     */
    public static IamClient once(java.net.URI endpoint, String accessKeyId, String secretAccessKey) {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A client signing as the bootstrap account's root. */
    public static IamClient root() {
        LocalSystem system = LocalSystem.get();
        return iam(system.accessKeyId(), system.secretAccessKey());
    }
}
