package dev.openiam.testsupport;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AWS Query request as the AWS CLI sends it: a form body ({@code Action}, {@code Version}, parameters) signed with
 * SigV4 by the AWS SDK's own signer, so tests check the services against the real signer, not against themselves.
 */
public final class SignedQuery {

    private SignedQuery() {
    }

    /** {@code Action=action&Version=version} and {@code params} (name, value pairs), form-encoded. */
    public static String form(String action, String version, String... params) {
        List<String> form = new ArrayList<>(List.of("Action=" + action, "Version=" + version));
        for (int i = 0; i < params.length; i += 2) {
            form.add(params[i] + "=" + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", form);
    }

    /**
     * The headers of {@code POST uri} with {@code body} signed for {@code service} in us-east-1 by an access key, and
     * with a session token for temporary credentials ({@code null} for a long-term key); {@code Host} left out, for the
     * HTTP client to set.
     */
    public static Map<String, List<String>> headers(URI uri, String body, String service, String accessKeyId, String secret,
                                                    String sessionToken) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                .request(request).payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("host"));
        return headers;
    }
}
