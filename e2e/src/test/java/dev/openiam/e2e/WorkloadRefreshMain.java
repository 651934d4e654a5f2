package dev.openiam.e2e;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run in a child JVM by WorkloadCredentialsRefreshE2ETest with nothing but a workload's environment: one long-lived
 * StsClient on the SDK's unchanged default credential chain, as a service keeps one. For each line on standard input it
 * calls GetCallerIdentity and prints one line: {@code at=<when the call began> signed=<the access key id the request
 * was signed with, from its Authorization header> before=<the chain's key and its Expiration, KEY@TIME, just before the
 * call> after=<the same just after> arn=<the answer>}, or {@code failed=<the error>}.
 */
public final class WorkloadRefreshMain {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([A-Z0-9]+)/");

    private WorkloadRefreshMain() {
    }

    private static String described(AwsCredentials credentials) {
        return credentials.accessKeyId() + "@" + credentials.expirationTime().map(Instant::toString).orElse("none");
    }

    public static void main(String[] args) throws Exception {
        AtomicReference<String> signedWith = new AtomicReference<>();
        ExecutionInterceptor signature = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                Matcher key = CREDENTIAL.matcher(context.httpRequest().firstMatchingHeader("Authorization").orElse(""));
                signedWith.set(key.find() ? key.group(1) : "none");
            }
        };
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
             StsClient sts = StsClient.builder().credentialsProvider(chain).httpClient(UrlConnectionHttpClient.create())
                     .overrideConfiguration(c -> c.addExecutionInterceptor(signature)).build()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Instant at = Instant.now();
                try {
                    String before = described(chain.resolveCredentials());
                    String arn = sts.getCallerIdentity().arn();
                    String after = described(chain.resolveCredentials());
                    System.out.println("at=" + at + " signed=" + signedWith.get() + " before=" + before + " after=" + after + " arn=" + arn);
                } catch (RuntimeException e) {
                    System.out.println("failed=" + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                System.out.flush();
            }
        }
    }
}
