package dev.openiam.identity.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** identity-service publishes its public key, and is ready only with usable keys. */
@QuarkusTest
class ServiceTrustEndpointsTest {

    @Test
    void servesItsOwnPublicKeyToAnyone() {
        RestAssured.given().get("/internal/v1/jwks").then().statusCode(200)
                .contentType(containsString("application/jwk-set+json"))
                .body("keys[0].kid", equalTo(PeerServices.IDENTITY.kid()))
                .body("keys[0].alg", equalTo("ES256"))
                .body(org.hamcrest.Matchers.not(containsString("\"d\"")));
    }

    @Test
    void isReadyWithItsKeys() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200).body(containsString("service-trust"));
    }
}
