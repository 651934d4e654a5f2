package dev.openiam.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SDK clients for STS and for IAM with temporary credentials, pointed at the local system as a user would. */
final class Sts {

    private Sts() {
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(LocalSystem.get().stsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static StsClient sts(String accessKeyId, String secretAccessKey) {
        return sts(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    static AwsSessionCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    /** An IAM client signing with temporary credentials. */
    static IamClient iam(Credentials credentials) {
        return IamClient.builder().endpointOverride(LocalSystem.get().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(session(credentials)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** {@code call} fails with the AWS error {@code code} and HTTP {@code status} (of any service); its message. */
    static String assertAwsError(Runnable call, int status, String code) {
        String[] message = new String[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            message[0] = e.awsErrorDetails().errorMessage();
        });
        return message[0];
    }
}
