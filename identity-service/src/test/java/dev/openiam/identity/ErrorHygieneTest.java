package dev.openiam.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every public REST endpoint of identity-service (the internal ones: {@code InternalEndpointErrorsTest}),
 * each answered with a problem document whose code is AWS's and whose message is plain: never a Java type, a
 * package, an exception name or an address. {@code KEY} in a path stands for the test account's root access key.
 */
@QuarkusTest
public class ErrorHygieneTest {

    public static final List<String> LEAKS = List.of("$", "java.", "dev.openiam", "Exception", "127.0.0.1", "localhost");

    static Api api;

    @BeforeEach
    void account() {
        if (api != null) {
            return;
        }
        api = Api.fresh();
        api.post("users", "{\"userName\":\"alice\"}").statusCode(201);
        api.post("groups", "{\"groupName\":\"devs\"}").statusCode(201);
        api.post("roles", Api.role("app", Api.TRUST, "")).statusCode(201);
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4} {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            POST   | users                               | application/json | [1]                                 | 400 | ValidationError
            POST   | users                               | application/json | '"alice"'                           | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":'                      | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":["bob"]}'              | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":"bob","tags":"x"}'     | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":"bob","tags":[1]}'     | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":"bob","tags":[{"key":"k","value":{}}]}' | 400 | ValidationError
            POST   | users                               | application/json | '{"userName":"bad name"}'           | 400 | ValidationError
            POST   | users                               | text/plain       | userName=bob                        | 415 | ValidationError
            GET    | users?maxItems=0                    | -                | -                                   | 400 | ValidationError
            GET    | users?maxItems=abc                  | -                | -                                   | 400 | ValidationError
            GET    | users?marker=%25%25                 | -                | -                                   | 400 | ValidationError
            PATCH  | users/alice                         | application/json | [1]                                 | 400 | ValidationError
            PATCH  | users/alice                         | application/json | '{"newPath":["/a/"]}'               | 400 | ValidationError
            POST   | users/alice/tags                    | application/json | '{"tags":{"key":"k"}}'              | 400 | ValidationError
            GET    | users/ghost                         | -                | -                                   | 404 | NoSuchEntity
            POST   | groups                              | application/json | [1]                                 | 400 | ValidationError
            PATCH  | groups/devs                         | application/json | '{"newGroupName":{}}'               | 400 | ValidationError
            POST   | roles                               | application/json | '{"roleName":"r2","maxSessionDuration":"abc"}' | 400 | ValidationError
            PATCH  | roles/app                           | application/json | '{"maxSessionDuration":"long"}'     | 400 | ValidationError
            PATCH  | roles/app                           | application/json | '{"maxSessionDuration":1.5e400}'    | 400 | ValidationError
            PUT    | roles/app/trust-policy              | application/json | [1]                                 | 400 | ValidationError
            PUT    | roles/app/trust-policy              | application/json | '{"policyDocument":"[1]"}'          | 400 | MalformedPolicyDocument
            POST   | roles/app/tags                      | application/json | '{"tags":[["k","v"]]}'              | 400 | ValidationError
            POST   | instance-profiles                   | application/json | [1]                                 | 400 | ValidationError
            PATCH  | root/access-keys/KEY                | application/json | [1]                                 | 400 | ValidationError
            PATCH  | root/access-keys/KEY                | application/json | '{"status":"Bogus"}'                | 400 | ValidationError
            PATCH  | users/alice/access-keys/AKIAZZZZZZZZZZZZZZZZ | application/json | '{"status":true}'          | 400 | ValidationError
            GET    | nothing/here                        | -                | -                                   | 404 | NoSuchEntity
            """)
    void theRestApiAnswersProblemDocuments(String method, String path, String contentType, String body, int status, String code) {
        RequestSpecification request = api.given();
        assertProblem(send(request, method, api.at(path.replace("KEY", api.accessKeyId())), contentType, body), status, code);
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4} {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "-", textBlock = """
            POST | /v1/accounts | application/json | [1]                 | 400 | ValidationError
            POST | /v1/accounts | application/json | '{"accountId":[1]}' | 400 | ValidationError
            PUT  | /v1/accounts | application/json | {}                  | 405 | ValidationError
            """)
    void theAccountsEndpointAnswersProblemDocuments(String method, String path, String contentType, String body, int status,
                                                    String code) {
        assertProblem(send(Api.BOOTSTRAP.given(), method, path, contentType, body), status, code);
    }

    /** Nested past Jackson's depth limit (1,000): refused like any other bad JSON, not by closing the connection. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POST  | groups
            POST  | users
            PATCH | users/alice
            PUT   | roles/app/trust-policy
            """)
    void jsonNestedPastTheDepthLimitIsAValidationError(String method, String path) {
        String body = "{\"context\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"groupName\":\"deep\"}";
        assertProblem(send(api.given(), method, api.at(path), "application/json", body), 400, "ValidationError");
    }

    public static Response send(RequestSpecification request, String method, String path, String contentType, String body) {
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        if (body != null) {
            request = request.body(body);
        }
        return request.urlEncodingEnabled(false).request(method, path);
    }

    public static void assertProblem(Response response, int status, String code) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("title")).isEqualTo(code);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("requestId")).isNotBlank();
        assertThat(response.jsonPath().getString("detail")).isNotBlank().doesNotContain(LEAKS);
        assertThat(response.asString()).doesNotContain(LEAKS);
    }
}
