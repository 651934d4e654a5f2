package dev.openiam.policy.condition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

    @ParameterizedTest(name = "{0} in {1} = {2}")
    @CsvSource({
            "203.0.113.7, 203.0.113.0/24, true",
            "203.0.114.7, 203.0.113.0/24, false",
            "10.255.255.255, 10.0.0.0/8, true",
            "11.0.0.0, 10.0.0.0/8, false",
            "1.2.3.4, 0.0.0.0/0, true",
            "203.0.113.5, 203.0.113.5, true",
            "203.0.113.6, 203.0.113.5, false",
            "203.0.113.6, 203.0.113.5/31, false",
            "203.0.113.4, 203.0.113.5/31, true",
            "2001:db8::1, 2001:db8::/32, true",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8::/32, true",
            "2001:db9::1, 2001:db8::/32, false",
            "::1, ::1/128, true",
            "::, ::/0, true",
            "::ffff:1.2.3.4, ::ffff:0:0/96, true",
            "1.2.3.4, ::/0, false",
            "2001:db8::1, 0.0.0.0/0, false",
            "fe80::1:2, fe80::/10, true",
            "febf::1, fe80::/10, true",
            "fec0::1, fe80::/10, false",
    })
    void ipRanges(String address, String range, boolean expected) {
        assertThat(IpRange.parse(range).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x",
            ":::", "1:2:3:4:5:6:7:8:9", "2001:db8::1::1", "2001:db8::/129", "gggg::", "localhost", "1.2.3.-4",
            ":1::", "1::2:"})
    void rejectsWhatIsNotAnAddressOrRange(String text) {
        assertThat(IpRange.parse(text)).isNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "2020-01-01T00:00:00Z, 1577836800000",
            "2020-01-01T00:00Z, 1577836800000",
            "2020-01-01T00:00:00.500Z, 1577836800500",
            "2020-01-01T01:00:00+01:00, 1577836800000",
            "2020-01-01T00:00:00, 1577836800000",
            "2020-01-01, 1577836800000",
            "1577836800, 1577836800000",
            "0, 0",
    })
    void dates(String text, long millis) {
        assertThat(Values.parseDate(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tomorrow", "2020-13-01", "2020-02-30", "2020-01-01T25:00:00Z", "1e9", "2020/01/01",
            "99999999999999999999"})
    void rejectsWhatIsNotADate(String text) {
        assertThat(Values.parseDate(text)).isEqualTo(Values.NOT_A_DATE);
    }

    @Test
    void numbersBooleansAndBinary() {
        assertThat(Values.parseNumber("10.0").compareTo(Values.parseNumber("10"))).isZero();
        assertThat(Values.parseNumber("-2.5e1").intValue()).isEqualTo(-25);
        assertThat(Values.parseNumber("ten")).isNull();
        assertThat(Values.parseNumber("1e999999")).isNull();
        assertThat(Values.parseBool("TRUE")).isTrue();
        assertThat(Values.parseBool("False")).isFalse();
        assertThat(Values.parseBool("yes")).isNull();
        assertThat(Values.parseBase64("QmluYXJ5VmFsdWU=")).asString().isEqualTo("BinaryValue");
        assertThat(Values.parseBase64("***")).isNull();
    }

    @Test
    void operatorNames() {
        assertThat(OperatorName.parse("ForAnyValue:StringLikeIfExists"))
                .isEqualTo(new OperatorName(OperatorName.Qualifier.FOR_ANY_VALUE, BaseOperator.STRING_LIKE, true));
        assertThat(OperatorName.parse("Null")).isEqualTo(new OperatorName(OperatorName.Qualifier.NONE,
                BaseOperator.NULL, false));
        assertThat(OperatorName.parse("NullIfExists")).isNull();
        assertThat(OperatorName.parse("stringequals")).isNull();
        assertThat(OperatorName.parse("ForSomeValues:StringEquals")).isNull();
        assertThat(BaseOperator.values()).hasSize(27);
        assertThat(java.util.Arrays.stream(BaseOperator.values()).filter(BaseOperator::negated))
                .extracting(BaseOperator::text).containsExactlyInAnyOrder("StringNotEquals",
                        "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals", "DateNotEquals",
                        "NotIpAddress", "ArnNotEquals", "ArnNotLike");
    }
}
