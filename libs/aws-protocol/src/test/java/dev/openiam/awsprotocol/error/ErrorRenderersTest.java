package dev.openiam.awsprotocol.error;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure a service may meet, rendered for the client: the AWS code and status, a message in the
 * caller's terms, and nothing of ours (no Java type, package or exception name) in it.
 */
class ErrorRenderersTest {

    /** What a leak looks like: a nested type, a package, an exception class, a local address. */
    static final List<String> LEAKS = List.of("$", "java.", "dev.openiam", "Exception", "127.0.0.1", "localhost");

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    enum Status { Active, Inactive }

    record Tag(String key, String value) {
    }

    record CreateUserRequest(String userName, Integer maxSessionDuration, Boolean enabled, List<Tag> tags, Status status) {
    }

    record Checked(String name) {
        Checked {
            if (name == null) {
                throw IamException.validation("name is required");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            [1]                                    | request body must be an object
            "text"                                 | request body must be an object
            {"userName":["a"]}                     | `userName` must be a string
            {"maxSessionDuration":"abc"}           | `maxSessionDuration` must be a number, not `abc`
            {"maxSessionDuration":{}}              | `maxSessionDuration` must be a number
            {"enabled":"maybe"}                    | `enabled` must be true or false, not `maybe`
            {"tags":"x"}                           | `tags` must be a list
            {"tags":[[1]]}                         | `tags[0]` must be an object
            {"status":"Bogus"}                     | `status` must be one of Active, Inactive, not `Bogus`
            {"unknown":1}                          | request body has an unknown field `unknown`
            {"userName":                           | request body is not valid JSON (line 1, column 13)
            '{"userName": "a" "b"}'                | request body is not valid JSON (line 1, column 18)
            """)
    void aBodyThatCannotBeReadIsAValidationErrorInTheCallersTerms(String body, String message) {
        ClientError error = ClientError.of(failureOf(body, CreateUserRequest.class));
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(error.message()).isEqualTo(message);
        assertNoLeak(error.message());
    }

    @Test
    void aBodyReadByHandBecomesTheSameValidationError() {
        IamException thrown = ClientError.of(failureOf("[1]", CreateUserRequest.class)).toException();
        assertThat(thrown.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(thrown.getMessage()).isEqualTo("request body must be an object");
        assertThat(ClientError.of(thrown)).isEqualTo(new ClientError(ErrorCode.VALIDATION_ERROR, "request body must be an object"));
    }

    @Test
    void aRecordsOwnCheckSpeaksForItselfThroughJackson() {
        ClientError error = ClientError.of(failureOf("{}", Checked.class));
        assertThat(error).isEqualTo(new ClientError(ErrorCode.VALIDATION_ERROR, "name is required"));
    }

    @Test
    void anIamExceptionIsRenderedAsItIs() {
        ClientError error = ClientError.of(IamException.noSuchEntity("The user with name bob cannot be found."));
        assertThat(error).isEqualTo(new ClientError(ErrorCode.NO_SUCH_ENTITY, "The user with name bob cannot be found."));
        assertThat(error.serverFault()).isFalse();
    }

    @Test
    void anythingElseIsOurFaultAndTellsNothing() {
        RuntimeException failure = new IllegalStateException("connection to 127.0.0.1:5432 refused in dev.openiam.Foo$Bar");
        ClientError error = ClientError.of(failure);
        assertThat(error).isEqualTo(new ClientError(ErrorCode.SERVICE_FAILURE, ClientError.INTERNAL_MESSAGE));
        assertThat(error.serverFault()).isTrue();
    }

    @Test
    void aDatabaseOrPeerThatCannotBeReachedIsServiceUnavailable() {
        ClientError refused = ClientError.of(new java.util.concurrent.CompletionException(
                new java.net.ConnectException("Connection refused: /127.0.0.1:5432")));
        assertThat(refused).isEqualTo(new ClientError(ErrorCode.SERVICE_UNAVAILABLE, ClientError.UNAVAILABLE_MESSAGE));
        assertThat(refused.status()).isEqualTo(503);
        assertNoLeak(refused.message());
        assertThat(ClientError.of(new IllegalStateException("query failed", new java.nio.channels.ClosedChannelException())).code())
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        // a domain answer still speaks for itself, even around a connection failure
        assertThat(ClientError.of(new IllegalStateException(new IamException(ErrorCode.NO_SUCH_ENTITY, "no user"))).code())
                .isEqualTo(ErrorCode.NO_SUCH_ENTITY);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"404, NoSuchEntity, 404", "405, ValidationError, 405", "406, ValidationError, 406",
            "413, ValidationError, 413", "415, ValidationError, 415", "400, ValidationError, 400",
            "401, MissingAuthenticationToken, 401", "403, AccessDenied, 403", "500, ServiceFailure, 500",
            "503, ServiceFailure, 500"})
    void aRefusalOfTheHttpLayerKeepsItsStatus(int status, String code, int answered) {
        ClientError error = ClientError.ofStatus(status);
        assertThat(error.code().awsCode()).isEqualTo(code);
        assertThat(ProblemErrors.render(error, "r").status()).isEqualTo(answered);
        assertThat(QueryErrors.render(QueryXml.IAM_NAMESPACE, error, "r").status()).isEqualTo(answered);
        assertNoLeak(error.message());
    }

    @Test
    void queryErrorsAreAwsErrorDocumentsWithTheCodesStatus() {
        Recorded log = new Recorded();
        ErrorAnswer answer = QueryErrors.render(failureOf("[1]", CreateUserRequest.class), "req-1", log);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(QueryXml.CONTENT_TYPE);
        assertThat(answer.requestId()).isEqualTo("req-1");
        assertThat(answer.body()).isEqualTo(QueryXml.error(ErrorCode.VALIDATION_ERROR, "request body must be an object", "req-1"));
        assertThat(log.entries).containsExactly("debug ValidationError: request body must be an object");
    }

    @Test
    void problemDocumentsCarryTheAwsCodeAndTheRequestId() throws Exception {
        Recorded log = new Recorded();
        ErrorAnswer answer = ProblemErrors.render(IamException.validation("name `a\"b\\c\n` is not valid"), "req-2", log);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemErrors.TYPE);
        assertThat(problem.path("title").asText()).isEqualTo("ValidationError");
        assertThat(problem.path("code").asText()).isEqualTo("ValidationError");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).isEqualTo("name `a\"b\\c\n` is not valid");
        assertThat(problem.path("requestId").asText()).isEqualTo("req-2");
        assertThat(log.entries).hasSize(1).allMatch(entry -> entry.startsWith("debug "));
    }

    @Test
    void ourFaultsAreLoggedAtErrorWithTheirCauseAndNeverShown() throws Exception {
        Recorded log = new Recorded();
        RuntimeException failure = new NullPointerException("dev.openiam.X.y() is null");
        ErrorAnswer problem = ProblemErrors.render(failure, "req-3", log);
        ErrorAnswer query = QueryErrors.render(failure, "req-3", log);
        assertThat(problem.status()).isEqualTo(500);
        assertThat(query.status()).isEqualTo(500);
        assertThat(new ObjectMapper().readTree(problem.body()).path("detail").asText()).isEqualTo(ClientError.INTERNAL_MESSAGE);
        assertThat(query.body()).contains("<Type>Receiver</Type>").contains("<Code>ServiceFailure</Code>");
        assertNoLeak(problem.body());
        assertNoLeak(query.body());
        assertThat(log.entries).containsExactly("error ServiceFailure: " + ClientError.INTERNAL_MESSAGE + " <- " + failure,
                "error ServiceFailure: " + ClientError.INTERNAL_MESSAGE + " <- " + failure);
    }

    static Exception failureOf(String body, Class<?> type) {
        try {
            JSON.readValue(body, type);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError(body + " was read");
    }

    static void assertNoLeak(String message) {
        assertThat(message).as("what the client sees").doesNotContain(LEAKS);
    }

    static final class Recorded implements FailureLog {
        final List<String> entries = new ArrayList<>();

        @Override
        public void clientFault(ClientError error) {
            entries.add("debug " + error);
        }

        @Override
        public void serverFault(ClientError error, Throwable cause) {
            entries.add("error " + error + " <- " + cause);
        }
    }
}
