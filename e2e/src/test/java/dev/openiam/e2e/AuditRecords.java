package dev.openiam.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** SDK calls by their request id, and the records audit-service stored for an account, by the request id they name. */
final class AuditRecords {

    static final String IAM = "iam.amazonaws.com";
    static final String STS = "sts.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRecords() {
    }

    /** One call made: its event source and name, who made it, and what the SDK read from the answer. */
    record Call(String source, String action, String caller, String requestId, String errorCode, int status) {
    }

    /** Makes {@code call} once; its answer or AWS error as the SDK read it. */
    static Call call(String source, String action, String caller, Supplier<? extends AwsResponse> call) {
        try {
            AwsResponse response = call.get();
            return new Call(source, action, caller, response.responseMetadata().requestId(), null,
                    response.sdkHttpResponse().statusCode());
        } catch (AwsServiceException e) {
            return new Call(source, action, caller, e.requestId(), e.awsErrorDetails().errorCode(), e.statusCode());
        }
    }

    /** Every record stored for {@code account} (read from audit.events), by request id. */
    static Map<String, List<JsonNode>> byRequestId(String account) throws SQLException {
        Map<String, List<JsonNode>> byRequest = new HashMap<>();
        try (Connection db = Database.open();
             PreparedStatement query = db.prepareStatement("select record from audit.events where account_id = ?")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode record = parse(rows.getString(1));
                    byRequest.computeIfAbsent(record.path("requestID").asText(), id -> new ArrayList<>()).add(record);
                }
            }
        }
        return byRequest;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored record is not JSON", e);
        }
    }
}
