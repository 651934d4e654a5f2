package dev.openiam.policy.parse;

import dev.openiam.policy.Finding;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policy.model.PolicyDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {

    static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";

    static String doc(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    /** document, type, expected finding code, fragment of the message, fragment of the location. */
    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("", PolicyType.IDENTITY, "JSON_SYNTAX", "empty", "line 1"),
                Arguments.of("{\"Statement\":[", PolicyType.IDENTITY, "JSON_SYNTAX", "invalid JSON", "line 1"),
                Arguments.of("[]", PolicyType.IDENTITY, "NOT_AN_OBJECT", "must be a JSON object", ""),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[" + OK_STATEMENT + "]}",
                        PolicyType.IDENTITY, "JSON_SYNTAX", "duplicate key `Version`", "line 1"),
                Arguments.of("{\"Version\":\"2012-10-17\"}", PolicyType.IDENTITY, "MISSING_STATEMENT", "no `Statement`", ""),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[]}", PolicyType.IDENTITY, "MISSING_STATEMENT",
                        "at least one statement", "Statement"),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}", PolicyType.IDENTITY, "INVALID_STATEMENT",
                        "object or an array", "Statement"),
                Arguments.of("{\"Version\":\"2020-01-01\",\"Statement\":[" + OK_STATEMENT + "]}", PolicyType.IDENTITY,
                        "INVALID_VERSION", "`2020-01-01`", "Version (line 1, column 12)"),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Foo\":1,\"Statement\":[" + OK_STATEMENT + "]}",
                        PolicyType.IDENTITY, "UNKNOWN_FIELD", "`Foo`", "Foo"),
                Arguments.of(doc("{\"Effect\":\"Alow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "INVALID_EFFECT", "`Alow`", "Statement[0].Effect"),
                Arguments.of(doc("{\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), PolicyType.IDENTITY,
                        "MISSING_EFFECT", "no `Effect`", "Statement[0]"),
                Arguments.of(doc(OK_STATEMENT + ",{\"Sid\":\"Two\",\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "MISSING_ACTION", "statement `Two` has no `Action`", "Statement[1]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotAction\":\"s3:Put*\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "ACTION_AND_NOT_ACTION", "both", "Statement[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "INVALID_ACTION", "`GetObject`", "Statement[0].Action[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3\"],\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "INVALID_ACTION", "`s3`", "Statement[0].Action[1]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "INVALID_VALUE", "non-empty array", "Statement[0].Action"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}"),
                        PolicyType.IDENTITY, "MISSING_RESOURCE", "no `Resource`", "Statement[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"bucket/*\"}"),
                        PolicyType.IDENTITY, "INVALID_RESOURCE", "`bucket/*` in statement 0 must be in ARN format",
                        "Statement[0].Resource[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"NotResource\":\"*\"}"),
                        PolicyType.IDENTITY, "RESOURCE_AND_NOT_RESOURCE", "both", "Statement[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "PROHIBITED_PRINCIPAL", "identity policy must not have",
                        "Statement[0].Principal"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
                        PolicyType.SESSION, "PROHIBITED_PRINCIPAL", "session policy", "Statement[0].Principal"),
                Arguments.of(doc(OK_STATEMENT), PolicyType.RESOURCE, "MISSING_PRINCIPAL", "must name one", "Statement[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/*\"},"
                                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), PolicyType.RESOURCE,
                        "INVALID_PRINCIPAL", "wildcards cannot match part", "Statement[0].Principal.AWS"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"*\"},\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}"), PolicyType.RESOURCE, "INVALID_PRINCIPAL", "`Aws`", "Principal.Aws"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}"), PolicyType.RESOURCE, "INVALID_PRINCIPAL", "account id", "Principal.AWS"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":\"alice\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"*\"}"), PolicyType.RESOURCE, "INVALID_PRINCIPAL", "`alice`", "Principal"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"NotPrincipal\":{\"AWS\":\"*\"},"
                                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"), PolicyType.RESOURCE,
                        "PRINCIPAL_AND_NOT_PRINCIPAL", "both", "Statement[0]"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
                                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"), PolicyType.TRUST,
                        "PROHIBITED_RESOURCE", "trust policy must not have", "Statement[0].Resource"),
                Arguments.of(doc("{\"Sid\":\"has space\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"),
                        PolicyType.IDENTITY, "INVALID_SID", "letters and digits", "Statement[0].Sid"),
                Arguments.of(doc("{\"Sid\":\"A\"," + OK_STATEMENT.substring(1) + ",{\"Sid\":\"A\"," + OK_STATEMENT.substring(1)),
                        PolicyType.IDENTITY, "DUPLICATE_SID", "`A`", "Statement[1].Sid"),
                Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Foo\":1}"),
                        PolicyType.IDENTITY, "UNKNOWN_FIELD", "`Foo`", "Statement[0].Foo"),
                Arguments.of(cond("{\"StringEqualz\":{\"aws:username\":\"a\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_OPERATOR", "`StringEqualz`", "Condition.StringEqualz"),
                Arguments.of(cond("{\"NullIfExists\":{\"aws:username\":\"true\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_OPERATOR", "`NullIfExists`", "Condition"),
                Arguments.of(cond("{\"StringEquals\":{\"username\":\"a\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_KEY", "`username`", "Condition.StringEquals.username"),
                Arguments.of(cond("{\"StringEquals\":{\"aws:username\":{\"a\":1}}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "strings, numbers or booleans", "Condition.StringEquals"),
                Arguments.of(cond("{\"StringEquals\":{\"aws:username\":[null]}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "strings, numbers or booleans", "aws:username[0]"),
                Arguments.of(cond("{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "`ten`", "Condition.NumericLessThan.s3:max-keys"),
                Arguments.of(cond("{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "not an ISO 8601 date", "DateLessThan"),
                Arguments.of(cond("{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "`true` or `false`", "Bool"),
                Arguments.of(cond("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "CIDR", "IpAddress"),
                Arguments.of(cond("{\"BinaryEquals\":{\"aws:x\":\"***\"}}"), PolicyType.IDENTITY,
                        "INVALID_CONDITION_VALUE", "base64", "BinaryEquals"),
                Arguments.of(cond("\"x\""), PolicyType.IDENTITY, "INVALID_CONDITION", "must be an object", "Condition"),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                                + "\"Resource\":\"arn:aws:s3:::b/\u4e00\"}]}", PolicyType.IDENTITY,
                        "INVALID_CHARACTER", "`U+4E00`", "line 1, column 107"));
    }

    static String cond(String condition) {
        return doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" + condition + "}");
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectsWithWhatAndWhere(String json, PolicyType type, String code, String message, String location) {
        List<Finding> findings = PolicyEngine.validate(json, type);
        assertThat(findings).filteredOn(Finding::isError).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.message()).contains(message).doesNotEndWith(".");
            assertThat(f.location()).contains(location);
        });
        assertThatThrownBy(() -> PolicyEngine.compile("p", json, type))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PolicyException.MALFORMED_POLICY_DOCUMENT);
                    assertThat(e.findings()).extracting(Finding::code).contains(code);
                });
    }

    @Test
    void reportsEveryErrorNotJustTheFirst() {
        String json = doc("{\"Effect\":\"Alow\",\"Action\":\"GetObject\",\"Resource\":\"bucket\"}");
        assertThat(PolicyEngine.validate(json, PolicyType.IDENTITY)).extracting(Finding::code)
                .contains("INVALID_EFFECT", "INVALID_ACTION", "INVALID_RESOURCE");
    }

    @Test
    void acceptsEveryGrammaticalForm() {
        String json = """
                {"Version":"2012-10-17","Id":"k",
                 "Statement":[
                  {"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                  {"Sid":"B","Effect":"Deny","NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:root"]},
                   "NotAction":["s3:Get*"],"NotResource":"arn:aws:s3:::b/*"},
                  {"Sid":"C","Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"],"Federated":"accounts.google.com",
                   "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
                   "AWS":"arn:aws:sts::111122223333:assumed-role/app/s"},
                   "Action":"*","Resource":"*",
                   "Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["a*",1,true]},
                                "NumericLessThan":{"s3:max-keys":10.5},"Null":{"aws:x":false}}}]}""";
        PolicyParser.Result r = PolicyParser.parse(json, PolicyType.RESOURCE, PolicyKind.RESOURCE);
        assertThat(r.errors()).isEmpty();
        PolicyDocument d = r.document();
        assertThat(d.id()).isEqualTo("k");
        assertThat(d.statements()).hasSize(3);
        assertThat(d.statements().get(1).notPrincipal()).isTrue();
        assertThat(d.statements().get(2).conditions()).hasSize(3);
        assertThat(d.statements().get(2).conditions().get(0).values()).containsExactly("a*", "1", "true");
    }

    @Test
    void sizeIsCountedWithoutWhiteSpace() {
        String padded = doc(OK_STATEMENT).replace(",", ",          \n\t\r ");
        int compact = doc(OK_STATEMENT).length();
        assertThat(padded.length()).isGreaterThan(compact + 20);
        // a limit between the compact and padded lengths would reject it if white space counted
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String big = head + "a".repeat(2_048 - head.length() - 4) + "\"}]}";
        assertThat(big.length()).isEqualTo(2_048);
        assertThat(PolicyEngine.validate(big, PolicyType.IDENTITY, PolicyKind.INLINE_USER)).noneMatch(Finding::isError);
        String spaced = big.replace(",", ",                    ");
        assertThat(PolicyEngine.validate(spaced, PolicyType.IDENTITY, PolicyKind.INLINE_USER)).noneMatch(Finding::isError);
        String over = big.replace("aaaa", "aaaaa");
        assertThatThrownBy(() -> PolicyEngine.compile("p", over, PolicyType.IDENTITY, PolicyKind.INLINE_USER))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PolicyException.LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).contains("2048 allowed for an inline user policy");
                });
    }

    @Test
    void theLimitsAreAwsLimits() {
        assertThat(PolicyKind.MANAGED.maxCharacters()).isEqualTo(6_144);
        assertThat(PolicyKind.INLINE_USER.maxCharacters()).isEqualTo(2_048);
        assertThat(PolicyKind.INLINE_GROUP.maxCharacters()).isEqualTo(5_120);
        assertThat(PolicyKind.INLINE_ROLE.maxCharacters()).isEqualTo(10_240);
        assertThat(PolicyKind.TRUST.maxCharacters()).isEqualTo(2_048);
        assertThat(PolicyKind.SESSION.maxCharacters()).isEqualTo(2_048);
        assertThat(PolicyKind.defaultFor(PolicyType.TRUST)).isEqualTo(PolicyKind.TRUST);
        assertThat(PolicyKind.defaultFor(PolicyType.PERMISSION_BOUNDARY)).isEqualTo(PolicyKind.MANAGED);
        String huge = doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::"
                + "b".repeat(30_000) + "\"}");
        assertThat(PolicyEngine.validate(huge, PolicyType.IDENTITY, PolicyKind.AWS_MANAGED)).noneMatch(Finding::isError);
        assertThat(PolicyEngine.validate(huge, PolicyType.IDENTITY, PolicyKind.MANAGED)).anyMatch(Finding::isError);
    }

    @Test
    void allowsTheLatin1RangeAndControlWhiteSpace() {
        String json = doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/\u00e9\u00ff\"}")
                .replace(",", ",\t\r\n");
        assertThat(PolicyEngine.validate(json, PolicyType.IDENTITY)).noneMatch(Finding::isError);
    }

    @Test
    void printsCanonicalJsonThatParsesBackToTheSameDocument() {
        String json = doc("{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:username\":[\"a\",\"b\"]},\"Bool\":{\"aws:SecureTransport\":true}}}");
        PolicyDocument first = PolicyParser.parse(json, PolicyType.IDENTITY, PolicyKind.MANAGED).document();
        String printed = PolicyPrinter.print(first);
        PolicyDocument second = PolicyParser.parse(printed, PolicyType.IDENTITY, PolicyKind.MANAGED).document();
        assertThat(second).isEqualTo(first);
    }
}
