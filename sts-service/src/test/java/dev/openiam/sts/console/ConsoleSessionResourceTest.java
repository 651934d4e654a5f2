package dev.openiam.sts.console;

import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.hamcrest.Matchers.equalTo;

/**
 * The console's sign-in endpoint as far as this module can take it (identity-service is unreachable here: the full
 * sign-in, with and without MFA, is in e2e): only the console may call, with a token bound to the body; a bad body is
 * a ValidationError; no answer from identity-service fails closed.
 */
@QuarkusTest
class ConsoleSessionResourceTest {

    private static final String PATH = ConsoleSessionResource.PATH;
    private static final ServiceKey CONSOLE = key("console");
    private static final ServiceKey POLICY = ServiceKey.generate("policy-service");

    private static ServiceKey key(String service) {
        return ServiceKey.read(service, Path.of("src/test/resources/trust", service + ".pem"));
    }

    private static ValidatableResponse post(ServiceKey key, Purpose purpose, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = RestAssured.given().contentType(ContentType.JSON).body(bytes);
        if (key != null) {
            request.header("Authorization", "Bearer " + new TokenIssuer(key, TrustedKeys.fromDirectory(java.nio.file.Path.of("src/test/resources/trust/trusted"))).issue("sts-service", purpose, "POST", PATH, bytes, null, null));
        }
        return request.post(PATH).then();
    }

    private static final String GOOD = "{\"account\":\"111122223333\",\"userName\":\"alice\",\"password\":\"Alice-pass-1\"}";

    @Test
    void onlyTheConsoleMayAskWithATokenForThisPurpose() {
        post(null, null, GOOD).statusCode(403).body("code", equalTo("AccessDenied"));
        post(CONSOLE, Purpose.SIGN_IN, GOOD).statusCode(403).body("code", equalTo("AccessDenied"));
        post(POLICY, Purpose.CONSOLE_SESSION, GOOD).statusCode(403).body("code", equalTo("AccessDenied"));
    }

    @Test
    void aBadBodyIsAValidationError() {
        post(CONSOLE, Purpose.CONSOLE_SESSION, "not json").statusCode(400).body("code", equalTo("ValidationError"));
        post(CONSOLE, Purpose.CONSOLE_SESSION, "{\"account\":\"111122223333\"}").statusCode(400).body("code", equalTo("ValidationError"));
        post(CONSOLE, Purpose.CONSOLE_SESSION, "{\"account\":\"111122223333\",\"password\":\"x\",\"mfaCode\":\"12a456\"}")
                .statusCode(400).body("code", equalTo("ValidationError"));
    }

    @Test
    void withoutIdentityServiceNobodySignsIn() {
        post(CONSOLE, Purpose.CONSOLE_SESSION, GOOD).statusCode(503).body("code", equalTo("ServiceUnavailable"));
    }
}
