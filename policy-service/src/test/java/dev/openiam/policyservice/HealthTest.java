package dev.openiam.policyservice;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class HealthTest {

    @Test
    void readyWithDatabaseAndSecret() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("internal-jwt-secret"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("IAM policy-service"));
    }
}
