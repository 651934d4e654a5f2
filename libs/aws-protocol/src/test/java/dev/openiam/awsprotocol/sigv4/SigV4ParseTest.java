package dev.openiam.awsprotocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What {@link SigV4Verifier#parse} accepts and how it refuses the rest, with AWS's codes and words. */
class SigV4ParseTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/iam/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0".repeat(64);
    private static final Instant TIME = Instant.parse("2026-11-24T03:50:42Z");

    @Test
    void readsTheAuthorizationHeaderAsTheAwsCliSendsIt() {
        SigV4Credential c = SigV4Verifier.parse(request(Map.of("Authorization", AUTH, "X-Amz-Date", "20261124T035042Z",
                "Host", "127.0.0.1:8081", "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")));
        assertThat(c.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(c.date()).isEqualTo("20261124");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.service()).isEqualTo("iam");
        assertThat(c.signedHeaders()).containsExactly("content-type", "host", "x-amz-date");
        assertThat(c.signature()).isEqualTo("0".repeat(64));
        assertThat(c.requestTime()).isEqualTo(TIME);
        assertThat(c.securityToken()).isNull();
        assertThat(c.presigned()).isFalse();
        assertThat(c.expires()).isNull();
        assertThat(c.scope()).isEqualTo("20261124/us-east-1/iam/aws4_request");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndSeparatorsMayBeBareCommas() {
        SigV4Credential c = SigV4Verifier.parse(request(Map.of("authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261124/eu-west-3/sts/aws4_request,SignedHeaders=Host;X-Amz-Date,"
                        + "Signature=abc", "x-amz-date", "20261124T035042Z", "x-amz-security-token", "tok")));
        assertThat(c.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(c.region()).isEqualTo("eu-west-3");
        assertThat(c.securityToken()).isEqualTo("tok");
    }

    @Test
    void theDateHeaderServesWhenXAmzDateIsAbsent() {
        SigV4Credential rfc = SigV4Verifier.parse(request(Map.of("Authorization", AUTH,
                "Date", "Tue, 24 Nov 2026 03:50:42 GMT")));
        assertThat(rfc.requestTime()).isEqualTo(TIME);
        SigV4Credential basic = SigV4Verifier.parse(request(Map.of("Authorization", AUTH, "Date", "20261124T035042Z")));
        assertThat(basic.requestTime()).isEqualTo(TIME);
    }

    @Test
    void noSignatureAtAllIsMissingAuthenticationToken() {
        expect(() -> SigV4Verifier.parse(request(Map.of("Host", "h"))), ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", " "))), ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Request is missing Authentication Token");
        expect(() -> SigV4Verifier.parse(new HttpRequestData("GET", "/", "Action=ListUsers&Version=2010-05-08",
                Map.of(), null)), ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    @Test
    void missingPartsAreListedAsAwsListsThem() {
        String auth = "AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/iam/aws4_request";
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", auth))), ErrorCode.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' "
                        + "parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
                        + "header. Authorization=" + auth);
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", "Basic dXNlcjpwYXNz",
                        "X-Amz-Date", "20261124T035042Z"))), ErrorCode.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                        + "parameter. Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization=Basic dXNlcjpwYXNz");
    }

    @Test
    void malformedPartsAreIncompleteSignatures() {
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", "AWS4-HMAC-SHA512 Credential=a",
                "X-Amz-Date", "20261124T035042Z"))), ErrorCode.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now)");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", AUTH.replace("iam/aws4_request", "iam"),
                "X-Amz-Date", "20261124T035042Z"))), ErrorCode.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                        + "got 'AKIDEXAMPLE/20261124/us-east-1/iam'");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", AUTH, "X-Amz-Date", "2026-11-24T03:50:42Z"))),
                ErrorCode.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '2026-11-24T03:50:42Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", AUTH, "X-Amz-Date", "20261324T035042Z"))),
                ErrorCode.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '20261324T035042Z'.");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", "AWS4-HMAC-SHA256 Credential, Signature=x",
                "X-Amz-Date", "20261124T035042Z"))), ErrorCode.INCOMPLETE_SIGNATURE,
                "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header");
    }

    @Test
    void scopeAndSignedHeadersMistakesAreSignatureDoesNotMatch() {
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", AUTH.replace("aws4_request", "aws5_request"),
                "X-Amz-Date", "20261124T035042Z"))), ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
        expect(() -> SigV4Verifier.parse(request(Map.of("Authorization", AUTH.replace("content-type;host;", ""),
                "X-Amz-Date", "20261124T035042Z"))), ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void presignedParametersAreRead() {
        String query = "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=ASIAEXAMPLE%2F20261124%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261124T035042Z"
                + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=a%2Bb%2Fc%3D"
                + "&X-Amz-Signature=ff";
        SigV4Credential c = SigV4Verifier.parse(new HttpRequestData("GET", "/", query, Map.of("Host", List.of("h")),
                null));
        assertThat(c.presigned()).isTrue();
        assertThat(c.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(c.service()).isEqualTo("sts");
        assertThat(c.expires()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.signedHeaders()).containsExactly("host", "x-k8s-aws-id");
        assertThat(c.securityToken()).isEqualTo("a+b/c=");
        assertThat(c.signature()).isEqualTo("ff");
        assertThat(c.requestTime()).isEqualTo(TIME);
    }

    @Test
    void presignedMistakesAreIncompleteSignatures() {
        expect(() -> SigV4Verifier.parse(new HttpRequestData("GET", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=A%2F20261124%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20261124T035042Z"
                + "&X-Amz-SignedHeaders=host", Map.of(), null)), ErrorCode.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must "
                        + "include 'X-Amz-Expires'. Re-examine the query-string parameters.");
        String tooLong = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F20261124%2Fus-east-1%2Fsts%2Faws4_request"
                + "&X-Amz-Date=20261124T035042Z&X-Amz-SignedHeaders=host&X-Amz-Signature=f&X-Amz-Expires=";
        expect(() -> SigV4Verifier.parse(new HttpRequestData("GET", "/", tooLong + "604801", Map.of(), null)),
                ErrorCode.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        expect(() -> SigV4Verifier.parse(new HttpRequestData("GET", "/", tooLong + "soon", Map.of(), null)),
                ErrorCode.INCOMPLETE_SIGNATURE, "X-Amz-Expires should be a number");
        assertThatCode(() -> SigV4Verifier.parse(new HttpRequestData("GET", "/", tooLong + "604800", Map.of(), null)))
                .doesNotThrowAnyException();
    }

    @Test
    void scopeProblemsAreReportedTogether() {
        SigV4Credential c = new SigV4Credential("AKID", "20261123", "", "s3", List.of("host"), "00", TIME, null, false,
                null);
        expect(() -> SigV4Verifier.checkTimeAndScope(c, "iam", TIME), ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                "Credential should be scoped to a valid region, not ''. Credential should be scoped to correct "
                        + "service: 'iam'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                        + "date from HTTP: '20261123' != '20261124', from '20261124T035042Z'.");
    }

    @Test
    void theClockWindowIsFifteenMinutesEitherWay() {
        SigV4Credential c = new SigV4Credential("AKID", "20261124", "us-east-1", "iam", List.of("host"), "00", TIME,
                null, false, null);
        assertThatCode(() -> SigV4Verifier.checkTimeAndScope(c, "iam", TIME.plus(Duration.ofMinutes(15))))
                .doesNotThrowAnyException();
        expect(() -> SigV4Verifier.checkTimeAndScope(c, "iam", TIME.plus(Duration.ofMinutes(20))),
                ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature expired: 20261124T035042Z is now earlier than "
                        + "20261124T035542Z (20261124T041042Z - 15 min.)");
        expect(() -> SigV4Verifier.checkTimeAndScope(c, "iam", TIME.minus(Duration.ofMinutes(16))),
                ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature not yet current: 20261124T035042Z is still later than "
                        + "20261124T034942Z (20261124T033442Z + 15 min.)");
    }

    @Test
    void aBodyThatDisagreesWithXAmzContentSha256IsRefused() {
        HttpRequestData r = new HttpRequestData("POST", "/", null, Map.of("Host", List.of("h"),
                "X-Amz-Content-Sha256", List.of(Encoding.sha256Hex("other".getBytes(StandardCharsets.UTF_8)))),
                "Action=ListUsers".getBytes(StandardCharsets.UTF_8));
        SigV4Credential c = new SigV4Credential("AKID", "20261124", "us-east-1", "iam",
                List.of("host", "x-amz-content-sha256"), "00", TIME, null, false, null);
        expect(() -> new SigV4Verifier().verify(r, c, SECRET, "iam", TIME), ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void signingKeysAreCachedWithinTheirBound() {
        SigV4Verifier verifier = new SigV4Verifier(3);
        HttpRequestData r = new HttpRequestData("GET", "/", null, Map.of("Host", List.of("h")), null);
        for (int i = 0; i < 10; i++) {
            SigV4Credential c = new SigV4Credential("AKID", "20261124", "region-" + i, "iam", List.of("host"), "00",
                    TIME, null, false, null);
            assertThatThrownBy(() -> verifier.verify(r, c, SECRET, "iam", TIME)).isInstanceOf(IamException.class);
        }
        assertThat(verifier.cachedKeys()).isEqualTo(3);
        assertThat(new SigV4Verifier(0).cachedKeys()).isZero();
    }

    @Test
    void theSigningKeyIsDerivedAsAwsDocumentsIt() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4"
        byte[] key = SigningKeyCache.derive(SECRET, "20120215", "us-east-1", "iam");
        assertThat(Encoding.hex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void credentialsDoNotPrintTheirSignature() {
        SigV4Credential c = new SigV4Credential("AKID", "20261124", "us-east-1", "iam", List.of("host"), "deadbeef",
                TIME, "token", false, null);
        assertThat(c.toString()).contains("AKID").doesNotContain("deadbeef").doesNotContain("=token");
    }

    @Test
    void headerValuesAreFoundInAnyCaseAndKeptInOrder() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("My-Header", List.of("a", "b"));
        headers.put("my-header", List.of("c"));
        HttpRequestData r = new HttpRequestData("GET", "/", null, headers, null);
        assertThat(r.headerValues("MY-HEADER")).containsExactly("a", "b", "c");
        assertThat(r.header("my-HEADER")).isEqualTo("a");
        assertThat(r.header("absent")).isNull();
        assertThat(CanonicalRequest.headerValue(r, "my-header")).isEqualTo("a,b,c");
        assertThat(CanonicalRequest.trimAll("  a \t b\n\n c  ")).isEqualTo("a b c");
    }

    @Test
    void pathsAreNormalizedAndEncodedAgain() {
        assertThat(CanonicalRequest.uri("")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("//a//b//")).isEqualTo("/a/b/");
        assertThat(CanonicalRequest.uri("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(CanonicalRequest.uri("/a/b/..")).isEqualTo("/a");
        assertThat(CanonicalRequest.uri("/../a")).isEqualTo("/a");
        assertThat(CanonicalRequest.uri("/a%20b/c+d")).isEqualTo("/a%2520b/c%2Bd");
    }

    @Test
    void queriesAreDecodedReencodedAndSorted() {
        assertThat(CanonicalRequest.query("b=2&a=3&a=1&c&%7Ex=%2a+%2B", false)).isEqualTo("a=1&a=3&b=2&c=&~x=%2A%20%2B");
        assertThat(CanonicalRequest.query("X-Amz-Signature=ff&a=1", true)).isEqualTo("a=1");
        assertThat(CanonicalRequest.query("X-Amz-Signature=ff&a=1", false)).isEqualTo("X-Amz-Signature=ff&a=1");
        assertThat(CanonicalRequest.query("bad=%zz%4", false)).isEqualTo("bad=%25zz%254");
        assertThat(CanonicalRequest.query(null, false)).isEmpty();
    }

    private static HttpRequestData request(Map<String, String> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new HttpRequestData("POST", "/", null, h, "Action=ListUsers&Version=2010-05-08".getBytes(
                StandardCharsets.UTF_8));
    }

    private static void expect(ThrowingCallable call, ErrorCode code, String messageStart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }
}
