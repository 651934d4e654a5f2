package dev.openiam.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls the CloudTrail endpoint as the SDKs do: JSON 1.1, {@code X-Amz-Target}, signed by the AWS SDK's own SigV4
 * signer for signing name {@code cloudtrail}.
 */
public final class CloudTrailCalls {

    public static final String PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK's client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The status, the {@code __type} of an error (or {@code null}), and the body. */
    public record Answer(int status, JsonNode body) {
        public String type() {
            return body.path("__type").isMissingNode() ? null : body.path("__type").asText();
        }
    }

    private final URI endpoint;

    public CloudTrailCalls(URI endpoint) {
        this.endpoint = endpoint;
    }

    public Answer call(TestCallers.Key key, String operation, String json) throws Exception {
        return send(PREFIX + operation, json, sign(key, PREFIX + operation, json, "cloudtrail"));
    }

    public Map<String, List<String>> sign(TestCallers.Key key, String target, String json, String service) {
        return sign(AwsCredentialsIdentity.create(key.accessKeyId(), key.secret()), target, json, service);
    }

    /** Signed with temporary credentials: the session token travels as {@code X-Amz-Security-Token}. */
    public Map<String, List<String>> sign(String accessKeyId, String secret, String sessionToken, String target, String json) {
        return sign(AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken), target, json, "cloudtrail");
    }

    private Map<String, List<String>> sign(AwsCredentialsIdentity identity, String target, String json, String service) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(json))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
    }

    public Answer send(String target, String json, Map<String, List<String>> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("X-Amz-Target")) && target != null) {
            request.header("X-Amz-Target", target);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }
}
