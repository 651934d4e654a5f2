package dev.openiam.policy.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardsTest {

    @ParameterizedTest(name = "`{0}` matches `{1}`: {2}")
    @CsvSource({
            "*, '', true",
            "*, anything, true",
            "get*, getobject, true",
            "get*, get, true",
            "get*, putobject, false",
            "g?t, get, true",
            "g?t, gt, false",
            "*object, getobject, true",
            "*o*j*, getobject, true",
            "a*b*c, aXbYbZc, true",
            "a*b*c, aXbYbZ, false",
            "exact, exact, true",
            "exact, exactly, false",
    })
    void matchesLikeIam(String pattern, String value, boolean expected) {
        assertThat(Wildcards.matches(pattern, value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "`{0}` covers `{1}`: {2}")
    @CsvSource({
            "*, get*, true",
            "get*, getobject*, true",
            "get*, get?, true",
            "get?, get*, false",
            "get*, g*, false",
            "arn:aws:s3:::b/*, arn:aws:s3:::b/home/*, true",
            "arn:aws:s3:::b/home/*, arn:aws:s3:::b/*, false",
            "arn:aws:s3:::b/?, arn:aws:s3:::b/?, true",
            "a*c, abc, true",
            "*, '', true",
    })
    void coversLikeLanguageInclusion(String general, String specific, boolean expected) {
        assertThat(Wildcards.covers(general, specific)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "`{0}` and `{1}` overlap: {2}")
    @CsvSource({
            "arn:aws:s3:::data, arn:*:s3:::*/*, false",
            "arn:aws:s3:::data/*, arn:*:s3:::*/*, true",
            "arn:aws:s3:::data*, arn:*:s3:::*/*, true",
            "arn:aws:s3:::d?ta/x, arn:*:s3:::data/*, true",
            "arn:aws:iam::1:role/a, arn:*:iam::*:user/*, false",
            "*, arn:*:iam::*:user/*, true",
            "a*b, *c, false",
            "a*c, *b*, true",
            "'', *, true",
            "'', ?, false",
            "abc, abc, true",
            "abc, abd, false",
    })
    void overlapWhenSomeStringMatchesBoth(String a, String b, boolean expected) {
        assertThat(Wildcards.overlap(a, b)).isEqualTo(expected);
        assertThat(Wildcards.overlap(b, a)).isEqualTo(expected);
    }
}
