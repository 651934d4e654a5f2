package dev.openiam.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountIdTest {

    @Test
    void acceptsTwelveDigits() {
        assertThat(AccountId.of("000000000001").value()).isEqualTo("000000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678901", "1234567890123", "12345678901a", " 23456789012"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> AccountId.of(value)).isInstanceOf(IamException.class)
                .hasMessageContaining("12 digits");
        assertThat(AccountId.isValid(value)).isFalse();
    }

    @Test
    void randomIdsAreValid() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            assertThat(AccountId.isValid(AccountId.random(random).value())).isTrue();
        }
    }
}
