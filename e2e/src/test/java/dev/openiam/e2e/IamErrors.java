package dev.openiam.e2e;

import software.amazon.awssdk.services.iam.model.IamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the AWS errors an SDK call reports. */
final class IamErrors {

    private IamErrors() {
    }

    /** {@code call} fails with the AWS error {@code code} and HTTP {@code status}. */
    static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}
