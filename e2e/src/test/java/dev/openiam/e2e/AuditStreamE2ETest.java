package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live audit records of the running system: IAM calls made with the AWS SDK reach a subscriber of
 * {@code GET /v1/events/stream} (signed by the SDK's own SigV4 signer for {@code cloudtrail}) that asked for them —
 * only those, only of its account — and a subscriber that comes back with {@code Last-Event-ID} gets the calls made
 * while it was away, then the later ones, without a gap or a repeat. A user without {@code cloudtrail:LookupEvents}
 * is refused before any stream opens.
 */
@ExtendWith(LocalSystem.class)
class AuditStreamE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void sdkCallsArriveLiveFilteredAndAResumedStreamMissesNone() throws Exception {
        FreshAccount account = FreshAccount.create();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AwsCredentialsIdentity root = AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey());
        String filter = "eventName=CreateUser&readOnly=false";
        try (IamClient iam = account.root(); IamClient elsewhere = FreshAccount.create().root()) {
            Stream first = open(root, filter, null);
            assertThat(first.status).isEqualTo(200);
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String name = "live-" + run + "-" + i;
                iam.createUser(b -> b.userName(name));
                created.add(name);
                iam.getUser(b -> b.userName(name)); // not asked for
            }
            elsewhere.createUser(b -> b.userName("other-" + run)); // another account's
            await().atMost(WAIT).until(() -> first.users().size() >= 2);
            assertThat(first.users()).containsExactlyElementsOf(created);
            String lastSeen = first.ids.get(first.ids.size() - 1);
            first.close();

            List<String> later = new ArrayList<>();
            for (int i = 2; i < 4; i++) {
                String name = "live-" + run + "-" + i;
                iam.createUser(b -> b.userName(name));
                later.add(name);
            }
            Stream resumed = open(root, filter, lastSeen);
            String last = "live-" + run + "-4";
            iam.createUser(b -> b.userName(last));
            later.add(last);
            await().atMost(WAIT).until(() -> resumed.users().size() >= later.size());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> resumed.users().size() == later.size());
            assertThat(resumed.users()).containsExactlyElementsOf(later);
            resumed.close();

            AccessKey key = iam.createAccessKey(b -> b.userName(created.get(0))).accessKey();
            // a new key may take a moment to be known everywhere: until it is, the refusal is InvalidClientTokenId
            Stream refused = await().atMost(WAIT).until(
                    () -> open(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()), filter, null),
                    s -> s.refusal == null || !s.refusal.contains("InvalidClientTokenId"));
            assertThat(refused.status).isEqualTo(403);
            assertThat(refused.refusal).contains("\"code\":\"AccessDenied\"").contains("cloudtrail:LookupEvents");
        }
    }

    /** An open stream, read on its own thread. */
    private static final class Stream {
        final int status;
        final String refusal;
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<JsonNode> records = new CopyOnWriteArrayList<>();
        private final HttpResponse<InputStream> response;

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.status = response.statusCode();
            this.refusal = status == 200 ? null : readAll(response);
            if (status == 200) {
                Thread reader = new Thread(this::read, "e2e-stream");
                reader.setDaemon(true);
                reader.start();
            }
        }

        List<String> users() {
            return records.stream().map(r -> r.at("/requestParameters/userName").asText()).toList();
        }

        private static String readAll(HttpResponse<InputStream> response) {
            try (InputStream body = response.body()) {
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        records.add(JSON.readTree(line.substring(5)));
                        ids.add(id);
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }

        void close() throws Exception {
            response.body().close();
        }
    }

    private static Stream open(AwsCredentialsIdentity identity, String query, String lastEventId) throws Exception {
        URI uri = LocalSystem.get().cloudTrailEndpoint().resolve("/v1/events/stream?" + query);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).putHeader("Accept", "text/event-stream");
        if (lastEventId != null) {
            unsigned.putHeader("Last-Event-ID", lastEventId);
        }
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return new Stream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }
}
