package dev.openiam.policyservice;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What a service token proves, at both endpoints that take one: {@code /internal/v1/iam} (forward, identity-service
 * only) and {@code /v1/authorize} (decide, identity-, sts- and audit-service). Each is refused forged (signed with a
 * key that is not the issuer's), replayed, with altered parameters, expired, minted for the other purpose, or from a
 * service that may not call it; and a good one is accepted.
 */
@QuarkusTest
class ServiceTokenTest {

    /** One endpoint: its purpose, another purpose, a service not allowed, a body for an account, what a refusal looks like. */
    record Endpoint(String path, Purpose purpose, Purpose otherPurpose, ServiceKey notAllowed, String action, int refused) {

        /** A fresh request body for a fresh account (its root calls, about its user alice). */
        byte[] body(Iam account) {
            if (purpose == Purpose.FORWARD) {
                return Iam.body("GetPolicy", Map.of("PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
            }
            IdentityStandIn.user(account.accountId(), "alice");
            return Iam.json(Map.of("principal", account.arn("user/alice"), "action", "s3:GetObject", "resource", "*"));
        }

        String token(ServiceKey key, Purpose as, Clock clock, Iam account, byte[] body) {
            CallerClaims caller = purpose == Purpose.FORWARD ? account.claims() : null;
            return new TokenIssuer(key, Iam.TRUSTED, clock).issue("policy-service", as, "POST", path, body, caller, action);
        }

        String good(Iam account, byte[] body) {
            return token(Iam.IDENTITY, purpose, Clock.systemUTC(), account, body);
        }

        Response send(String token, byte[] body) {
            return Iam.post(path, "Bearer " + token, body);
        }

        void accepted(Response response) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        }

        void refused(Response response) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(refused);
            assertThat(response.asString()).contains("AccessDenied").contains("The service call could not be authenticated.");
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(Iam.PATH, Purpose.FORWARD, Purpose.DECIDE, Iam.STS, "iam:GetPolicy", 401),
            new Endpoint("/v1/authorize", Purpose.DECIDE, Purpose.FORWARD, Iam.POLICY, null, 403));

    @TestFactory
    Stream<DynamicTest> eachEndpointAcceptsOnlyAGoodTokenOnce() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of(
                scenario(endpoint, "accepts a good token", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    endpoint.accepted(endpoint.send(endpoint.good(account, body), body));
                }),
                scenario(endpoint, "refuses a token forged with a key that is not identity-service's", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    ServiceKey impostor = ServiceKey.generate("identity-service");
                    endpoint.refused(endpoint.send(endpoint.token(impostor, endpoint.purpose(), Clock.systemUTC(), account, body), body));
                }),
                scenario(endpoint, "refuses a token replayed", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    String token = endpoint.good(account, body);
                    endpoint.accepted(endpoint.send(token, body));
                    endpoint.refused(endpoint.send(token, body));
                }),
                scenario(endpoint, "refuses parameters altered after signing", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    byte[] altered = new String(body, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("AdministratorAccess", "IAMFullAccess").replace("s3:GetObject", "s3:PutObject")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(altered).isNotEqualTo(body);
                    endpoint.refused(endpoint.send(endpoint.good(account, body), altered));
                }),
                scenario(endpoint, "refuses an expired token", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    Clock aMinuteAgo = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60));
                    endpoint.refused(endpoint.send(endpoint.token(Iam.IDENTITY, endpoint.purpose(), aMinuteAgo, account, body), body));
                }),
                scenario(endpoint, "refuses a token minted for " + endpoint.otherPurpose().claim(), () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    endpoint.refused(endpoint.send(endpoint.token(Iam.IDENTITY, endpoint.otherPurpose(), Clock.systemUTC(), account, body),
                            body));
                }),
                scenario(endpoint, "refuses " + endpoint.notAllowed().service() + ", trusted but not allowed to call it", () -> {
                    Iam account = Iam.freshAccount();
                    byte[] body = endpoint.body(account);
                    endpoint.refused(endpoint.send(endpoint.token(endpoint.notAllowed(), endpoint.purpose(), Clock.systemUTC(), account,
                            body), body));
                })));
    }

    private static DynamicTest scenario(Endpoint endpoint, String name, Runnable test) {
        return dynamicTest(endpoint.path() + " " + name, test::run);
    }

    /** sts-service, not allowed to forward, may ask for decisions. */
    @org.junit.jupiter.api.Test
    void stsServiceMayAskForDecisions() {
        Endpoint decide = ENDPOINTS.get(1);
        Iam account = Iam.freshAccount();
        byte[] body = decide.body(account);
        decide.accepted(decide.send(decide.token(Iam.STS, Purpose.DECIDE, Clock.systemUTC(), account, body), body));
    }
}
