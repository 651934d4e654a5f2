package dev.openiam.policy.match;

import dev.openiam.policy.RequestContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    static final RequestContext CTX = RequestContext.builder()
            .put("aws:username", "alice")
            .put("aws:PrincipalTag/team", "dev")
            .put("aws:TagKeys", java.util.List.of("a"))
            .build();

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "*|anything|true",
            "*||true",
            "a*|a|true",
            "a*|ba|false",
            "*a|ba|true",
            "*a|ab|false",
            "a*b*c|aXbYc|true",
            "a*b*c|aXbYcZ|false",
            "a*b*c|abc|true",
            "a*a|a|false",
            "a*a|aa|true",
            "?|a|true",
            "?||false",
            "??|a|false",
            "a?c|abc|true",
            "*?|x|true",
            "*?||false",
            "*ab*ab*|xabyabz|true",
            "*ab*ab*|xabz|false",
            "abc|abc|true",
            "abc|abcd|false",
            "abc|ABC|false",
            "home/${aws:username}/*|home/alice/x|true",
            "home/${aws:username}/*|home/bob/x|false",
            "${aws:username}|alice|true",
            "${AWS:USERNAME}|alice|true",
            "${aws:missing}|x|false",
            "${aws:missing}||false",
            "${aws:missing, 'd'}|d|true",
            "${aws:missing,'d e'}|d e|true",
            "${ aws:missing , 'x''y' }|x'y|true",
            "${aws:TagKeys}|a|false",
            "${aws:TagKeys, 'z'}|z|true",
            "${*}|*|true",
            "${*}|a|false",
            "${?}|?|true",
            "${?}|a|false",
            "${$}|$|true",
            "${|${|true",
            "${unclosed|${unclosed|true",
            "${a b}|${a b}|true",
            "x${aws:PrincipalTag/team}*|xdev-1|true",
            "*${aws:username}*|say alice hi|true",
            "*${aws:username}*|say bob hi|false",
    })
    void matchesWithWildcardsAndVariables(String pattern, String input, boolean expected) {
        Glob g = Glob.compile(pattern == null ? "" : pattern, true, true, false);
        assertThat(g.matches(input == null ? "" : input, CTX)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1} ignoring case: {2}")
    @CsvSource(delimiter = '|', value = {
            "abc|ABC|true",
            "a*c|a*c|true",
            "a*c|abc|false",
            "${aws:username}|ALICE|true",
    })
    void equalsWithoutWildcards(String pattern, String input, boolean expected) {
        assertThat(Glob.compile(pattern, false, true, true).matches(input, CTX)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::bucket/*|arn:aws:s3:::bucket/a:b/c|true",
            "arn:aws:s3:::bucket/*|arn:aws:s3:::bucket|false",
            "arn:aws:ec2:*:111122223333:instance/*|arn:aws:ec2:us-east-1:111122223333:instance/i-1|true",
            "arn:aws:ec2:*:111122223333:instance/*|arn:aws:ec2:us-east-1:444455556666:instance/i-1|false",
            "arn:aws:ec2:us-*:*:instance/*|arn:aws:ec2:us-east-1:111122223333:instance/i-1|true",
            "arn:*|arn:aws:s3:::x|true",
            "arn:aws:*|arn:aws:s3:::x|true",
            "arn:aws:s3:*|arn:aws:s3:::x|true",
            "arn:aws:iam::*:user/*|arn:aws:iam::1:role/x|false",
            "arn:aws:sns:*:111122223333:*|arn:aws:sns:eu:111122223333|false",
            "arn:aws:s3:::${aws:username}/*|arn:aws:s3:::alice/x|true",
            "arn:aws:s3:::${aws:username}/*|arn:aws:s3:::bob/x|false",
            "*|whatever|true",
    })
    void matchesArnsSegmentBySegment(String pattern, String arn, boolean expected) {
        assertThat(ArnGlob.compile(pattern, true).matches(arn, CTX)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} starts every match with [{2}]")
    @CsvSource(delimiter = '|', value = {
            "*|true|''",
            "arn:aws:s3:::data/*|true|arn:aws:s3:::data/",
            "arn:aws:s3:::data/home/${aws:username}/*|true|arn:aws:s3:::data/home/",
            "arn:aws:s3:::data/home/${aws:username}/*|false|arn:aws:s3:::data/home/${aws:username}/",
            "arn:aws:ec2:*:1:instance/*|true|arn:aws:ec2:",
            "arn:aws:s3:::d?ta/*|true|arn:aws:s3:::d",
            "arn:aws:s3:::a${*}b*|true|arn:aws:s3:::a*b",
            "arn:aws:s3:::a${?}${$}b?|true|arn:aws:s3:::a?$b",
            "${aws:partition}:s3:::x|true|''",
            "arn:aws:s3:::Bucket|true|arn:aws:s3:::Bucket",
            "arn:aws:s3|true|arn:aws:s3",
    })
    void literalPrefixIsTheTextBeforeTheFirstWildcardOrVariable(String pattern, boolean variables, String prefix) {
        ArnGlob glob = ArnGlob.compile(pattern, variables);
        assertThat(glob.literalPrefix()).isEqualTo(prefix);
    }
}
