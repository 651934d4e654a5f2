package dev.openiam.model;

import java.util.Objects;

/**
 * The one error type of the domain: an AWS error code and a message safe to show the caller.
 * Protocol adapters render it (Query XML, JSON 1.1, REST problem JSON); no stack trace ever leaves.
 */
public class IamException extends RuntimeException {

    private final ErrorCode code;

    public IamException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public static IamException validation(String message) {
        return new IamException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static IamException noSuchEntity(String message) {
        return new IamException(ErrorCode.NO_SUCH_ENTITY, message);
    }

    public static IamException alreadyExists(String message) {
        return new IamException(ErrorCode.ENTITY_ALREADY_EXISTS, message);
    }

    public static IamException limitExceeded(String message) {
        return new IamException(ErrorCode.LIMIT_EXCEEDED, message);
    }

    public static IamException deleteConflict(String message) {
        return new IamException(ErrorCode.DELETE_CONFLICT, message);
    }
}
