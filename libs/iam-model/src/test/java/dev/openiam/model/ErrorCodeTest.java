package dev.openiam.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    @ParameterizedTest
    @CsvSource({
            "NoSuchEntity,404,Sender", "EntityAlreadyExists,409,Sender", "LimitExceeded,409,Sender",
            "DeleteConflict,409,Sender", "ValidationError,400,Sender", "MalformedPolicyDocument,400,Sender",
            "AccessDenied,403,Sender", "InvalidAuthenticationCode,403,Sender", "ServiceFailure,500,Receiver", "ServiceUnavailable,503,Receiver"})
    void carriesAwsCodeStatusAndFault(String awsCode, int status, String fault) {
        ErrorCode code = ErrorCode.fromAwsCode(awsCode);
        assertThat(code).isNotNull();
        assertThat(code.httpStatus()).isEqualTo(status);
        assertThat(code.faultType()).isEqualTo(fault);
    }

    @Test
    void unknownCodeIsNull() {
        assertThat(ErrorCode.fromAwsCode("NoSuchThing")).isNull();
    }
}
