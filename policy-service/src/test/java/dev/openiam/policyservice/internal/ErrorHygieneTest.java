package dev.openiam.policyservice.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TokenIssuer;
import dev.openiam.model.ErrorCode;
import dev.openiam.policyservice.Iam;
import dev.openiam.policyservice.decision.AuthorizeRequest;
import dev.openiam.policyservice.decision.DecisionResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every endpoint of policy-service, answered in the endpoint's own protocol with an AWS code and
 * a plain message: AWS Query XML on the forwarded IAM actions (the front door relays it to AWS clients), a
 * problem document on the decision API; never a Java type, a package, an exception name or an address. A
 * {@code token} of {@code yes} is a valid token of identity-service for exactly that call and body.
 */
@QuarkusTest
class ErrorHygieneTest {

    static final List<String> LEAKS = List.of("$", "java.", "dev.openiam", "Exception", "127.0.0.1", "localhost");

    @Inject
    ObjectMapper json;

    @ParameterizedTest(name = "{0} {1} {3} -> {5} {6}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            POST | /internal/v1/iam | application/json | [1]                                          | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | ''                                           | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":'                                 | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":"ListPolicies","params":"x"}'     | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":"ListPolicies","params":{"a":[1]}}' | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":"ListPolicies","atLeastIdentityRevision":"x"}' | yes | 400 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":["ListPolicies"]}'               | yes | 400 | ValidationError
            POST | /internal/v1/iam | text/plain       | Action=ListPolicies                          | yes | 415 | ValidationError
            GET  | /internal/v1/iam | -                | -                                            | yes | 405 | ValidationError
            POST | /internal/v1/iam | application/json | '{"action":"NoSuchAction","params":{}}'      | yes | 400 | InvalidAction
            POST | /internal/v1/iam | application/json | '{"action":"ListPolicies","params":{}}'      | no  | 401 | AccessDenied
            POST | /internal/v1/iam | application/json | '{"action":"SimulateCustomPolicy","params":{"ActionNames.member.1":"s3:GetObject","PolicyInputList.member.1":"[1]"}}' | yes | 400 | InvalidInput
            """)
    void forwardedActionsAnswerQueryErrors(String method, String path, String contentType, String body, String token,
                                           int status, String code) {
        Response response = send(method, path, contentType, body, "yes".equals(token) ? forwardToken(path, body) : null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/xml");
        XmlPath xml = new XmlPath(response.asString());
        assertThat(xml.getString("ErrorResponse.Error.Code")).isEqualTo(code);
        assertThat(xml.getString("ErrorResponse.RequestId")).isNotBlank();
        assertThat(xml.getString("ErrorResponse.Error.Message")).isNotBlank().doesNotContain(LEAKS);
        assertThat(response.asString()).doesNotContain(LEAKS);
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {5} {6}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            POST | /v1/authorize       | text/plain       | principal                            | yes | 415 | ValidationError
            GET  | /v1/authorize       | -                | -                                    | yes | 405 | ValidationError
            POST | /v1/authorize       | application/json | '{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject"}' | no | 403 | MissingAuthenticationToken
            POST | /v1/authorize:batch | application/json | '{"requests":[]}'                    | yes | 400 | ValidationError
            POST | /v1/nothing         | application/json | {}                                   | yes | 404 | NoSuchEntity
            """)
    void theDecisionApiAnswersProblemDocuments(String method, String path, String contentType, String body, String token,
                                               int status, String code) {
        Response response = send(method, path, contentType, body, "yes".equals(token) ? decideToken(path, body) : null);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("detail")).isNotBlank().doesNotContain(LEAKS);
        assertThat(response.asString()).doesNotContain(LEAKS);
    }

    /** The decision API's bodies that cannot be read, as {@link InternalErrors#problem(Throwable)} renders Jackson's failure. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            authorize | [1]
            authorize | '{"principal":'
            authorize | '{"principal":["a"]}'
            authorize | '{"context":"x"}'
            authorize | '{"atLeastRevision":{"identity":"x"}}'
            authorize | ''
            batch     | '{"requests":"x"}'
            batch     | '{"requests":[1]}'
            """)
    void unreadableDecisionBodiesAreValidationErrorsInTheCallersTerms(String endpoint, String body) {
        Class<?> type = endpoint.equals("batch") ? DecisionResource.BatchRequest.class : AuthorizeRequest.class;
        Exception failure = null;
        try {
            json.readValue(body.getBytes(StandardCharsets.UTF_8), type);
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).as(body + " was read").isNotNull();
        jakarta.ws.rs.core.Response problem = InternalErrors.problem(failure);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat((String) problem.getEntity()).contains("\"code\":\"ValidationError\"").doesNotContain(LEAKS);
    }

    @Test
    void theRenderersOfTheForwardedAndDecisionEndpointsAreTheShared() {
        jakarta.ws.rs.core.Response refused = InternalErrors.query(
                new ClientError(ErrorCode.ACCESS_DENIED, "The internal caller could not be authenticated.", 401), "req-1");
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getHeaderString("x-amzn-RequestId")).isEqualTo("req-1");
        assertThat(refused.getEntity()).isEqualTo(QueryXml.error(ErrorCode.ACCESS_DENIED,
                "The internal caller could not be authenticated.", "req-1"));

        jakarta.ws.rs.core.Response failed = InternalErrors.query(new IllegalStateException("pool at 127.0.0.1:5432 closed"), "req-2");
        assertThat(failed.getStatus()).isEqualTo(500);
        assertThat((String) failed.getEntity()).contains("<Code>ServiceFailure</Code>").doesNotContain(LEAKS);

        jakarta.ws.rs.core.Response batch = InternalErrors.problem(ErrorCode.VALIDATION_ERROR, "requests must hold 1 to 100 requests");
        assertThat(batch.getStatus()).isEqualTo(400);
        assertThat((String) batch.getEntity()).contains("\"detail\":\"requests must hold 1 to 100 requests\"");
    }

    /** identity-service's forward token for this body, naming the action the body names (if it can be read). */
    private String forwardToken(String path, String body) {
        String action = "ListPolicies";
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node != null && node.path("action").isTextual()) {
                action = node.path("action").asText();
            }
        } catch (Exception unreadable) {
            // the body is the point of the row; any action will do
        }
        return new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.FORWARD, "POST", path, bytes(body),
                Iam.freshAccount().claims(), "iam:" + action);
    }

    private static String decideToken(String path, String body) {
        return new TokenIssuer(Iam.IDENTITY, Iam.TRUSTED).issue("policy-service", Purpose.DECIDE, "POST", path, bytes(body), null, null);
    }

    private static byte[] bytes(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }

    private static Response send(String method, String path, String contentType, String body, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        if (body != null) {
            request = request.body(bytes(body));
        }
        return request.urlEncodingEnabled(false).request(method, path);
    }
}
