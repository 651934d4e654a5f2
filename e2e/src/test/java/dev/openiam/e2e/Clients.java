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

    /** A client signing as the bootstrap account's root. */
    public static IamClient root() {
        LocalSystem system = LocalSystem.get();
        return iam(system.accessKeyId(), system.secretAccessKey());
    }
}
