package dev.openiam.identity.auth;

import dev.openiam.identity.Api;
import dev.openiam.internalauth.Purpose;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static dev.openiam.identity.ErrorHygieneTest.assertProblem;
import static dev.openiam.identity.ErrorHygieneTest.send;

/**
 * Bad input on identity-service's internal endpoints, answered as the public ones are: a problem document with
 * AWS's code and a plain message. A {@code token} of {@code yes} is policy-service's valid token for exactly that
 * call and body, so the body itself is what is judged.
 */
@QuarkusTest
class InternalEndpointErrorsTest {

    @ParameterizedTest(name = "{0} {1} {3} -> {5} {6}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            POST | /internal/v1/authenticate | application/json | [1]                                     | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | application/json | ''                                      | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | application/json | '{"service":"sts","headers":"x"}'       | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | application/json | '{"service":"sts","headers":{"a":"b"}}' | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | application/json | '{"service":'                           | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | application/json | '{"service":"sts","method":"POST","rawPath":"/","body":"%%"}' | yes | 400 | ValidationError
            POST | /internal/v1/authenticate | text/plain       | x                                       | yes | 415 | ValidationError
            POST | /internal/v1/authenticate | application/json | '{"service":"sts"}'                     | no  | 403 | AccessDenied
            GET  | /internal/v1/accounts/ACCOUNT/principals | - | -                                       | no  | 403 | AccessDenied
            """)
    void internalEndpointsAnswerProblemDocuments(String method, String path, String contentType, String body, String token,
                                                 int status, String code) {
        String target = path.replace("ACCOUNT", Api.BOOTSTRAP.accountId());
        RequestSpecification request = RestAssured.given();
        if ("yes".equals(token)) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            request = request.header("Authorization", "Bearer "
                    + PeerServices.token(PeerServices.POLICY, Purpose.AUTHENTICATE, method, target, bytes));
        }
        assertProblem(send(request, method, target, contentType, body), status, code);
    }
}
