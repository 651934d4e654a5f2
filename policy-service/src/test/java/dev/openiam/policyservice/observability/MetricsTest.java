package dev.openiam.policyservice.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The domain metrics on the management port's {@code /q/metrics}: decisions by outcome with their latency
 * histogram, the outbox's published events and backlog, and the projections' delay and lag move with real calls.
 */
@QuarkusTest
class MetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decisionsOutboxAndProjectionsChangeAfterCalls() throws Exception {
        Iam root = Iam.freshAccount();
        Principal bob = IdentityStandIn.user(root.accountId(), "bob");
        String allow = "iam_decisions_seconds_count{outcome=\"Allow\"}";
        String implicitDeny = "iam_decisions_seconds_count{outcome=\"ImplicitDeny\"}";
        String published = "iam_outbox_published_events_total";
        String applied = "iam_projection_delay_seconds_count{topic=\"iam.policy.v1\"}";
        String before = metrics();

        long revision = root.written("PutUserPolicy", "UserName", "bob", "PolicyName", "read", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
        assertThat(decide(bob.arn(), "s3:GetObject", revision)).isEqualTo("Allow");
        assertThat(decide(bob.arn(), "s3:PutObject", revision)).isEqualTo("ImplicitDeny");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = metrics();
            assertThat(value(after, allow)).isGreaterThanOrEqualTo(value(before, allow) + 1);
            assertThat(value(after, implicitDeny)).isGreaterThanOrEqualTo(value(before, implicitDeny) + 1);
            assertThat(value(after, published)).as("the PutUserPolicy event left through the outbox")
                    .isGreaterThan(value(before, published));
            assertThat(value(after, applied)).as("and came back to this replica's projection")
                    .isGreaterThan(value(before, applied));
        });
        String after = metrics();
        assertThat(after).contains("iam_decisions_seconds_bucket{outcome=\"Allow\",le=\"0.001\"}",
                "iam_outbox_backlog_events ", "iam_outbox_oldest_age_seconds ",
                "iam_projection_lag_events{topic=\"iam.identity.v1\"}", "http_server_requests_seconds_count");
    }

    @Test
    void metricsAreOnlyOnTheManagementPortAndHealthStaysOnTheHttpPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String decide(String principal, String action, long policyRevision) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("principal", principal, "action", action,
                "resource", "arn:aws:s3:::bucket/a", "atLeastRevision", Map.of("policy", policyRevision)));
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", body,
                null, null);
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).body(body)
                .post("/v1/authorize").then().statusCode(200).extract().path("decision");
    }

    private static String metrics() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series in Prometheus' text format; 0 when it is not there yet. */
    private static double value(String exposition, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
