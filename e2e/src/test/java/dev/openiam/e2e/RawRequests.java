package dev.openiam.e2e;

import org.w3c.dom.Document;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-made Query requests signed with the AWS SDK's own SigV4 signer, for what an SDK client will not send. */
final class RawRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** An answer; {@code revision} is its {@code X-Iam-Revision} (the revision a write committed at), or {@code null}. */
    record Answer(int status, String body, Long revision) {
        /** The {@code <Code>} of an error document, or {@code null}. */
        String code() {
            return element("Code");
        }

        String element(String name) {
            try {
                Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                var nodes = document.getElementsByTagName(name);
                return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
            } catch (Exception e) {
                throw new IllegalStateException("not XML: " + body, e);
            }
        }
    }

    private RawRequests() {
    }

    /** Signed as the bootstrap root, now. */
    static Answer post(LocalSystem system, String body) {
        SdkHttpRequest signed = sign(system, system.accessKeyId(), system.secretAccessKey(), body, Clock.systemUTC());
        return send(signed, body);
    }

    static SdkHttpRequest sign(LocalSystem system, String accessKeyId, String secret, String body, Clock clock) {
        return sign(system, accessKeyId, secret, body.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** Signs exactly {@code body}'s bytes, which need not be UTF-8. */
    static SdkHttpRequest sign(LocalSystem system, String accessKeyId, String secret, byte[] body, Clock clock) {
        return sign(system.endpoint(), accessKeyId, secret, body, clock);
    }

    /** Signs exactly {@code body}'s bytes for the front door at {@code endpoint} (a replica of identity-service). */
    static SdkHttpRequest sign(java.net.URI endpoint, String accessKeyId, String secret, byte[] body, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        return signed.request();
    }

    /** Sends a signed request with {@code body}, which may differ from what was signed. */
    static Answer send(SdkHttpRequest signed, String body) {
        return send(signed, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
    }

    /** Sends exactly {@code body}'s bytes; an answer slower than {@code timeout} fails. */
    static Answer send(SdkHttpRequest signed, byte[] body, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host") && !header.getKey().equalsIgnoreCase("content-length")) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("X-Iam-Revision").map(Long::valueOf).orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException("request to " + signed.getUri() + " failed", e);
        }
    }
}
