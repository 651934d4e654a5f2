package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class HealthTest {

    @Test
    void readyWithDatabaseAndServiceKeys() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("service-trust"));
    }

    @Test
    void servesItsOwnPublicKeyToAnyone() {
        given().get("/internal/v1/jwks").then().statusCode(200).contentType(containsString("application/jwk-set+json"))
                .body("keys[0].kid", org.hamcrest.Matchers.equalTo(Iam.POLICY.kid()))
                .body(org.hamcrest.Matchers.not(containsString("\"d\"")));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("IAM policy-service"));
    }
}
