package dev.openiam.awsprotocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class QueryRequestTest {

    private static QueryRequest body(String form) {
        return QueryRequest.parse(form.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void readsActionVersionAndScalarsFromTheBody() {
        QueryRequest q = body("Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fdev%2F");
        assertThat(q.action()).isEqualTo("CreateUser");
        assertThat(q.version()).isEqualTo("2010-05-08");
        assertThat(q.string("UserName")).isEqualTo("alice");
        assertThat(q.required("Path")).isEqualTo("/dev/");
        assertThat(q.string("Absent")).isNull();
        assertThat(q.all()).containsOnlyKeys("Action", "Version", "UserName", "Path");
    }

    @Test
    void readsTheUrlQueryForGetAndTheBodyToo() {
        QueryRequest get = QueryRequest.parse(null, "Action=ListUsers&Version=2010-05-08&MaxItems=5");
        assertThat(get.action()).isEqualTo("ListUsers");
        assertThat(get.integer("MaxItems")).isEqualTo(5);
        QueryRequest both = QueryRequest.parse("UserName=bob".getBytes(StandardCharsets.UTF_8), "Action=GetUser");
        assertThat(both.action()).isEqualTo("GetUser");
        assertThat(both.string("UserName")).isEqualTo("bob");
        assertThat(QueryRequest.parse(null, null).all()).isEmpty();
        assertThat(QueryRequest.parse(new byte[0], "").action()).isNull();
    }

    @Test
    void decodesFormEncodingInUtf8() {
        QueryRequest q = body("A=a+b%20c&B=%E2%82%AC%26%3D%2B&C=&D&E=%3Cx%3E");
        assertThat(q.string("A")).isEqualTo("a b c");
        assertThat(q.string("B")).isEqualTo("\u20ac&=+");
        assertThat(q.string("C")).isEmpty();
        assertThat(q.string("D")).isEmpty();
        assertThat(q.string("E")).isEqualTo("<x>");
    }

    @Test
    void theFirstOfRepeatedNamesWins() {
        assertThat(body("UserName=a&UserName=b").string("UserName")).isEqualTo("a");
        assertThat(QueryRequest.parse("UserName=body".getBytes(StandardCharsets.UTF_8), "UserName=query")
                .string("UserName")).isEqualTo("query");
    }

    @Test
    void aNulCharacterAnywhereIsAValidationError() {
        for (String form : new String[] {"UserName=a%00b", "User%00Name=a", "Action=GetUser&PolicyArn=arn%3Aaws%00"}) {
            expect(() -> body(form), ErrorCode.VALIDATION_ERROR, "The request body or query string contains a NUL character");
        }
        expect(() -> QueryRequest.parse(null, "UserName=%00"), ErrorCode.VALIDATION_ERROR, "The request body or query string contains");
    }

    @Test
    void malformedEncodingIsAValidationError() {
        expect(() -> body("A=%zz"), ErrorCode.VALIDATION_ERROR, "The request body or query string is not well-formed");
    }

    @Test
    void aMissingRequiredParameterIsWordedAsIamWordsIt() {
        expect(() -> body("Action=CreateUser").required("UserName"), ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void numbersAndBooleansAreChecked() {
        QueryRequest q = body("MaxItems=100&Neg=-3&Bad=ten&Big=99999999999&T=true&F=FALSE&X=yes");
        assertThat(q.integer("MaxItems")).isEqualTo(100);
        assertThat(q.integer("Neg")).isEqualTo(-3);
        assertThat(q.integer("Absent")).isNull();
        expect(() -> q.integer("Bad"), ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value 'ten' at 'bad' failed to satisfy constraint: Member must be a number");
        expect(() -> q.integer("Big"), ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '99999999999'");
        assertThat(q.bool("T")).isTrue();
        assertThat(q.bool("F")).isFalse();
        assertThat(q.bool("Absent")).isNull();
        expect(() -> q.bool("X"), ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value 'yes' at 'x' failed to satisfy constraint: Member must be true or false");
    }

    @Test
    void listsComeInMemberOrderNotArrivalOrder() {
        QueryRequest q = body("Users.member.10=j&Users.member.2=b&Users.member.1=a&Other.member.1=x"
                + "&Users.member.x=ignored&Users.member.0=ignored&Users.member.1.Key=ignored");
        assertThat(q.list("Users")).containsExactly("a", "b", "j");
        assertThat(q.list("Absent")).isEmpty();
        assertThat(body("Users=").list("Users")).isEmpty();
    }

    @Test
    void onePositionNamedTwiceIsAValidationErrorNotTwoReadings() {
        assertThat(body("Users.member.01=a").list("Users")).containsExactly("a");
        expect(() -> body("Users.member.01=a&Users.member.1=b").list("Users"), ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'users.1.member' failed to satisfy constraint: "
                        + "Member must be given once (the list position is named twice)");
        expect(() -> body("Tags.member.1.Key=a&Tags.member.1.Value=x&Tags.member.01.Key=b").tags("Tags"),
                ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value null at 'tags.1.member.key' failed to "
                        + "satisfy constraint: Member must be given once (the list position is named twice)");
    }

    @Test
    void tagsPairKeysWithValues() {
        QueryRequest q = body("Tags.member.2.Key=env&Tags.member.2.Value=prod&Tags.member.1.Key=team"
                + "&Tags.member.1.Value=core&Tags.member.3.Key=empty&Tags.member.3.Value=");
        assertThat(q.tags("Tags")).containsExactly(new Tag("team", "core"), new Tag("env", "prod"), new Tag("empty", ""));
        assertThat(q.tags("Absent")).isEmpty();
    }

    @Test
    void aTagWithoutKeyOrValueIsAValidationError() {
        expect(() -> body("Tags.member.1.Key=team&Tags.member.2.Value=v").tags("Tags"), ErrorCode.VALIDATION_ERROR,
                "2 validation errors detected: Value null at 'tags.1.member.value' failed to satisfy constraint: "
                        + "Member must not be null; Value null at 'tags.2.member.key' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void mapsReadEntryKeyValuePairs() {
        QueryRequest q = body("Attributes.entry.2.key=b&Attributes.entry.2.value=2&Attributes.entry.1.key=a"
                + "&Attributes.entry.1.value=1");
        assertThat(q.map("Attributes", "key", "value")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(q.map("Absent", "key", "value")).isEmpty();
        expect(() -> body("Attributes.entry.1.value=1").map("Attributes", "key", "value"), ErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'attributes.entry.1.key'");
    }

    @Test
    void pagingParametersAreCheckedWithIamMessages() {
        assertThat(Page.of(body("Action=ListUsers"))).isEqualTo(new Page(null, 100));
        assertThat(Page.of(body("Marker=abc&MaxItems=1000"))).isEqualTo(new Page("abc", 1000));
        expect(() -> Page.of(body("MaxItems=0")), ErrorCode.VALIDATION_ERROR, "1 validation error detected: "
                + "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
        expect(() -> Page.of(body("MaxItems=1001&Marker=")), ErrorCode.VALIDATION_ERROR, "2 validation errors detected: "
                + "Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal "
                + "to 1000; Value '' at 'marker' failed to satisfy constraint: Member must have length greater than or "
                + "equal to 1");
    }

    @Test
    void memberNamesFollowAws() {
        assertThat(ValidationErrors.memberName("UserName")).isEqualTo("userName");
        assertThat(ValidationErrors.memberName("Tags.member.3.Key")).isEqualTo("tags.3.member.key");
        assertThat(ValidationErrors.memberName("PolicyArns.member.1")).isEqualTo("policyArns.1.member");
    }

    @Test
    void anUnknownActionIsInvalidAction() {
        assertThat(body("Action=CreateUsr&Version=2010-05-08").unknownAction())
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ACTION);
                    assertThat(e.getMessage()).isEqualTo("Could not find operation CreateUsr for version 2010-05-08");
                });
    }

    @Test
    void printingARequestShowsNoValues() {
        assertThat(body("Action=CreateLoginProfile&Password=hunter2").toString())
                .contains("Password").doesNotContain("hunter2");
    }

    private static void expect(ThrowingCallable call, ErrorCode code, String messageStart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }
}
