package dev.openiam.awsprotocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.util.Locale;
import java.util.Objects;

/**
 * A request of the AWS JSON 1.1 protocol (CloudTrail, and every other {@code "protocol": "json"} service):
 * {@code POST /}, the operation named by {@code X-Amz-Target: <targetPrefix>.<Operation>}, the input as one JSON
 * object. A target of another service or none is {@code UnknownOperationException}; a body that is not a JSON
 * object is {@code SerializationException}. An empty body is an empty input, as the SDKs send none for an
 * operation without members.
 *
 * @param operation the operation's name, e.g. {@code LookupEvents}
 * @param input     the body, read as members by {@link JsonInput}
 */
public record JsonRpc(String operation, JsonInput input) {

    /** The header naming the operation. */
    public static final String TARGET_HEADER = "X-Amz-Target";
    /** What the SDKs send and what the answers are. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public JsonRpc {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(input, "input");
    }

    /**
     * Reads a request to the service whose model's {@code targetPrefix} is {@code targetPrefix}, e.g.
     * {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101}.
     */
    public static JsonRpc parse(String targetPrefix, String target, String contentType, byte[] body) {
        String operation = operation(targetPrefix, target);
        if (contentType != null && !acceptable(contentType)) {
            throw new IamException(ErrorCode.SERIALIZATION, "the request body must be " + CONTENT_TYPE + ", not `" + contentType + "`");
        }
        return new JsonRpc(operation, JsonInput.of(object(body)));
    }

    /** The operation {@code target} names, if it names one of the service with {@code targetPrefix}. */
    public static String operation(String targetPrefix, String target) {
        if (target == null || target.isBlank()) {
            throw new IamException(ErrorCode.UNKNOWN_OPERATION, "the request names no operation (" + TARGET_HEADER + ")");
        }
        String prefix = targetPrefix + ".";
        String operation = target.startsWith(prefix) ? target.substring(prefix.length()) : "";
        if (operation.isEmpty() || !operation.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IamException(ErrorCode.UNKNOWN_OPERATION, "no operation `" + shown(target) + "` in this service");
        }
        return operation;
    }

    /** {@code UnknownOperationException} for an operation the service does not have. */
    public IamException unknownOperation() {
        return new IamException(ErrorCode.UNKNOWN_OPERATION, "no operation `" + operation + "` in this service");
    }

    private static boolean acceptable(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return type.equals(CONTENT_TYPE) || type.equals("application/x-amz-json-1.0") || type.equals("application/json");
    }

    private static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IamException(ErrorCode.SERIALIZATION, "the request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw new IamException(ErrorCode.SERIALIZATION, "the request body cannot be read");
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IamException(ErrorCode.SERIALIZATION, "the request body must be a JSON object");
        }
        return object;
    }

    static String shown(String text) {
        return text.length() > 128 ? text.substring(0, 128) + "…" : text;
    }
}
