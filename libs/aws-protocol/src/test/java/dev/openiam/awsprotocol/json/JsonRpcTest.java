package dev.openiam.awsprotocol.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.JsonErrors;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRpcTest {

    static final String CLOUDTRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

    private static JsonRpc parse(String target, String contentType, String body) {
        return JsonRpc.parse(CLOUDTRAIL, target, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheOperationAndItsMembers() {
        JsonRpc rpc = parse(CLOUDTRAIL + ".LookupEvents", "application/x-amz-json-1.1",
                "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"CreateUser\"}],"
                        + "\"StartTime\":1733400000,\"EndTime\":1733400000.25,\"MaxResults\":5,\"NextToken\":null}");

        assertThat(rpc.operation()).isEqualTo("LookupEvents");
        List<JsonInput> attributes = rpc.input().structures("LookupAttributes");
        assertThat(attributes).hasSize(1);
        assertThat(attributes.get(0).string("AttributeKey")).isEqualTo("EventName");
        assertThat(rpc.input().timestamp("StartTime")).isEqualTo(Instant.ofEpochSecond(1733400000));
        assertThat(rpc.input().timestamp("EndTime")).isEqualTo(Instant.ofEpochSecond(1733400000, 250_000_000));
        assertThat(rpc.input().integer("MaxResults")).isEqualTo(5);
        assertThat(rpc.input().string("NextToken")).isNull();
        assertThat(rpc.input().has("NextToken")).isFalse();
        assertThat(rpc.input().string("EventCategory")).isNull();
    }

    @Test
    void anEmptyBodyIsAnEmptyInput() {
        assertThat(parse(CLOUDTRAIL + ".ListPublicKeys", null, "").input().has("StartTime")).isFalse();
        assertThat(parse(CLOUDTRAIL + ".ListPublicKeys", "application/x-amz-json-1.1; charset=utf-8", "{}").operation())
                .isEqualTo("ListPublicKeys");
    }

    @Test
    void anIsoTimestampIsReadToo() {
        assertThat(parse(CLOUDTRAIL + ".LookupEvents", null, "{\"StartTime\":\"2026-12-05T10:00:00Z\"}").input()
                .timestamp("StartTime")).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL",
            "''",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.Lookup/Events",
            "DynamoDB_20120810.ListTables",
            "LookupEvents"})
    void aTargetOfNoOperationHereIsUnknown(String target) {
        assertThatThrownBy(() -> parse(target, null, "{}"))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_OPERATION));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[]                                   | the request body must be a JSON object",
            "\"text\"                             | the request body must be a JSON object",
            "{\"MaxResults\":                     | the request body is not valid JSON",
            "{\"MaxResults\":\"5\"}               | `MaxResults` must be an integer",
            "{\"MaxResults\":5.5}                 | `MaxResults` must be an integer",
            "{\"MaxResults\":99999999999}         | `MaxResults` must be an integer",
            "{\"StartTime\":true}                 | `StartTime` must be a timestamp",
            "{\"StartTime\":\"yesterday\"}        | `StartTime` must be a timestamp",
            "{\"StartTime\":1e300}                | `StartTime` must be a timestamp",
            "{\"NextToken\":5}                    | `NextToken` must be a string",
            "{\"LookupAttributes\":{}}            | `LookupAttributes` must be a list",
            "{\"LookupAttributes\":[1]}           | `LookupAttributes[0]` must be a structure",
            "{\"LookupAttributes\":[{\"AttributeKey\":1}]} | `LookupAttributes[0].AttributeKey` must be a string"})
    void aMemberOfTheWrongTypeIsASerializationError(String body, String message) {
        assertThatThrownBy(() -> {
            JsonRpc rpc = parse(CLOUDTRAIL + ".LookupEvents", null, body);
            rpc.input().integer("MaxResults");
            rpc.input().timestamp("StartTime");
            rpc.input().string("NextToken");
            List<JsonInput> attributes = rpc.input().structures("LookupAttributes");
            if (attributes != null) {
                attributes.forEach(a -> a.string("AttributeKey"));
            }
        }).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void anotherContentTypeIsRefused() {
        assertThatThrownBy(() -> parse(CLOUDTRAIL + ".LookupEvents", "application/x-www-form-urlencoded", "{}"))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
    }

    @Test
    void errorsHaveTheJsonShapeAndSpelling() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ErrorAnswer own = JsonErrors.render(new ClientError(ErrorCode.INVALID_TIME_RANGE, "start \"after\" end"), "r1");
        ErrorAnswer shared = JsonErrors.render(new ClientError(ErrorCode.ACCESS_DENIED, "no"), "r2");
        ErrorAnswer ours = JsonErrors.render(new IllegalStateException("at dev.openiam.Secret"), "r3",
                dev.openiam.awsprotocol.error.FailureLog.of(m -> { }, (m, e) -> { }));

        assertThat(own.status()).isEqualTo(400);
        assertThat(own.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(json.readTree(own.body()).path("__type").asText()).isEqualTo("InvalidTimeRangeException");
        assertThat(json.readTree(own.body()).path("message").asText()).isEqualTo("start \"after\" end");
        assertThat(shared.status()).isEqualTo(403);
        assertThat(json.readTree(shared.body()).path("__type").asText()).isEqualTo("AccessDeniedException");
        assertThat(ours.status()).isEqualTo(500);
        assertThat(json.readTree(ours.body()).path("__type").asText()).isEqualTo("InternalFailure");
        assertThat(ours.body()).doesNotContain("dev.openiam").doesNotContain("IllegalState");
    }
}
