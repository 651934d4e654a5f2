package dev.openiam.e2e;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Run in a child JVM by WorkloadCredentialsE2ETest with nothing but a workload's environment (the export lines of
 * {@code iam-local workload add}): the SDK's unchanged default credential chain finds the credentials, and
 * GetCallerIdentity (at {@code AWS_ENDPOINT_URL_STS}, in {@code AWS_REGION}) names the session. Prints
 * {@code key=<AccessKeyId>} and {@code arn=<ARN>}; fails (non-zero exit) when no credentials are found.
 */
public final class WorkloadSdkMain {

    private WorkloadSdkMain() {
    }

    public static void main(String[] args) {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
             StsClient sts = StsClient.builder().credentialsProvider(chain).httpClient(UrlConnectionHttpClient.create()).build()) {
            AwsCredentials credentials = chain.resolveCredentials();
            System.out.println("key=" + credentials.accessKeyId());
            System.out.println("arn=" + sts.getCallerIdentity().arn());
        }
    }
}
