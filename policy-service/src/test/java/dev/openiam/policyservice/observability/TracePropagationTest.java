package dev.openiam.policyservice.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.IdentityStandIn;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's trace continues across the hop to identity-service: the snapshot policy-service reads to decide
 * about a principal of a new account carries the caller's trace id (W3C {@code traceparent}), with a span of its
 * own. Nothing is sampled here (flags 00), so nothing is exported.
 */
@QuarkusTest
class TracePropagationTest {

    @Test
    void theSnapshotCallCarriesTheCallersTrace() throws Exception {
        Iam account = Iam.freshAccount();
        Principal bob = IdentityStandIn.user(account.accountId(), "bob");
        String traceId = hex(16);
        String parentSpan = hex(8);
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("principal", bob.arn(), "action", "s3:GetObject",
                "resource", "arn:aws:s3:::bucket/a"));
        String token = new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", "/v1/authorize", body,
                null, null);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-00").body(body)
                .post("/v1/authorize").then().statusCode(200);

        String received = IdentityStandIn.traceContext(account.accountId());
        assertThat(received).as("the snapshot request's traceparent").isNotNull().startsWith("00-" + traceId + "-");
        assertThat(received.split("-")[2]).as("a span of policy-service's own").isNotEqualTo(parentSpan);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (invalid)
        return HexFormat.of().formatHex(random);
    }
}
