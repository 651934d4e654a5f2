package dev.openiam.identity.passwordpolicy;

import dev.openiam.identity.passwordpolicy.domain.PasswordPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private static final PasswordPolicy STRICT = new PasswordPolicy(10, true, true, true, true, true, 90, 3, false);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "Abcdefgh1!  | ",
            "Abcdef1!    | Password should have a minimum length of 10",
            "abcdefgh1!  | Password should have at least one uppercase letter",
            "ABCDEFGH1!  | Password should have at least one lowercase letter",
            "Abcdefghi!  | Password should have at least one number",
            "Abcdefghi1  | Password should have at least one symbol",
            "abc         | Password should have a minimum length of 10; Password should have at least one uppercase letter; "
                    + "Password should have at least one number; Password should have at least one symbol",
    })
    void aPolicyNamesEveryRuleAPasswordBreaks(String password, String expected) {
        assertThat(String.join("; ", STRICT.violations(password))).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Abcdefg1    | true",
            "abcdefg1!   | true",
            "abcdefgh1   | false",
            "Abc1!       | false",
            "ABCDEFGHIJ  | false",
    })
    void withoutAPolicyAwssDefaultApplies(String password, boolean accepted) {
        assertThat(PasswordPolicy.AWS_DEFAULT.violations(password).isEmpty()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "@", "#", "$", "%", "^", "&", "*", "(", ")", "_", "+", "-", "=", "[", "]", "{", "}", "|", "'"})
    void awssSymbolsCount(String symbol) {
        assertThat(new PasswordPolicy(6, true, false, false, false, false, null, null, null).violations("abcdef" + symbol)).isEmpty();
    }
}
