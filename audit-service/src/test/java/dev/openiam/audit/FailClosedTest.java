package dev.openiam.audit;

import dev.openiam.internalauth.CallerClaims;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as deployed, with its real callers (libs/service-glue) and no peer answering: a long-term key cannot be
 * checked, so the call is refused (fail closed); a session token that does not open, or a request signed for
 * another service, is the caller's error, told before any peer is asked.
 */
@QuarkusTest
@TestProfile(FailClosedTest.RealCallers.class)
class FailClosedTest {

    /** Without the test stand-in: the service's own beans answer. */
    public static class RealCallers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.arc.exclude-types", TestCallers.class.getName());
        }
    }

    static final String TARGET = CloudTrailCalls.PREFIX + "LookupEvents";
    static final CallerClaims NOBODY = new CallerClaims("arn:aws:iam::111122223333:user/alice", "111122223333", "AIDAALICE",
            "AKIAALICE", false);

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void aLongTermKeyNobodyCanCheckIsRefused() throws Exception {
        CloudTrailCalls cloudTrail = new CloudTrailCalls(endpoint);
        TestCallers.Key key = new TestCallers.Key("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", NOBODY);

        CloudTrailCalls.Answer answer = cloudTrail.call(key, "LookupEvents", "{}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.type()).isEqualTo("ServiceUnavailableException");
    }

    @Test
    void aSessionTokenThatDoesNotOpenIsTheCallersError() throws Exception {
        CloudTrailCalls cloudTrail = new CloudTrailCalls(endpoint);

        CloudTrailCalls.Answer answer = cloudTrail.send(TARGET, "{}",
                cloudTrail.sign("ASIAIOSFODNN7EXAMPLE", "secret", "not-a-session-token", TARGET, "{}"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.type()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void aRequestSignedForAnotherServiceIsRefusedBeforeAnyPeerIsAsked() throws Exception {
        CloudTrailCalls cloudTrail = new CloudTrailCalls(endpoint);
        TestCallers.Key key = new TestCallers.Key("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", NOBODY);

        CloudTrailCalls.Answer answer = cloudTrail.send(TARGET, "{}", cloudTrail.sign(key, TARGET, "{}", "iam"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.type()).isEqualTo("InvalidSignatureException");
        assertThat(answer.body().path("message").asText()).contains("cloudtrail");
    }

    @Test
    void readyWithItsServiceKeysAndItsJwksServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // the consumer's check is UP once it has polled the broker (its first poll waits for the group to form)
        HttpResponse<String> ready = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> http.send(HttpRequest.newBuilder(endpoint.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() == 200);
        HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(endpoint.resolve("/internal/v1/jwks")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"keys\"");
    }
}
