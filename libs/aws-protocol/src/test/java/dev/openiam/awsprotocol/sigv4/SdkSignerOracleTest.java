package dev.openiam.awsprotocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The AWS SDK for Java v2's own signer ({@code AwsV4HttpSigner}) as the oracle: random requests
 * (methods, odd paths, repeated and empty query parameters, padded and repeated headers, binary
 * bodies, session tokens, any region), signed by the SDK in the header and the presigned form,
 * must verify with ours, and fail with AWS's codes once anything is wrong.
 *
 * <p>Paths never climb above the root with {@code ..}: clients disagree there (the SDK keeps
 * {@code /../a}, botocore makes it {@code /a}); we follow botocore and RFC 3986.
 */
class SdkSignerOracleTest {

    private static final int REQUESTS = 400;
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final SigV4Verifier VERIFIER = new SigV4Verifier();
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1",
            "local", "ap-southeast-2");
    private static final String ODD = " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}~-._\u00e9\u4e2d\ud83d\ude00\t";

    /** One request as the SDK signed it and as our server would receive it. */
    record Signed(String label, HttpRequestData wire, String secret, String service, Instant signedAt,
            String accessKeyId, String token, boolean presigned, Duration expires) {
    }

    @TestFactory
    Stream<DynamicTest> sdkSignedRequestsVerify() {
        return IntStream.range(0, REQUESTS).mapToObj(i -> {
            Signed s = generate(new Random(0x5167_0000L + i), i % 2 == 1);
            return DynamicTest.dynamicTest(s.label(), () -> {
                SigV4Credential credential = SigV4Verifier.parse(s.wire());
                assertThat(credential.accessKeyId()).isEqualTo(s.accessKeyId());
                assertThat(credential.service()).isEqualTo(s.service());
                assertThat(credential.presigned()).isEqualTo(s.presigned());
                assertThat(credential.securityToken()).isEqualTo(s.token());
                assertThat(credential.requestTime()).isEqualTo(s.signedAt());
                if (s.presigned()) {
                    assertThat(credential.expires()).isEqualTo(s.expires());
                }
                assertThatCode(() -> VERIFIER.verify(s.wire(), credential, s.secret(), s.service(), s.signedAt()))
                        .as("canonical request we computed:\n%s", SigV4Verifier.canonicalRequest(s.wire(), credential))
                        .doesNotThrowAnyException();
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> anythingWrongIsRefusedWithAwsCodes() {
        return IntStream.range(0, REQUESTS / 4).mapToObj(i -> {
            Signed s = generate(new Random(0x7A3_0000L + i), i % 2 == 1);
            return DynamicTest.dynamicTest(s.label(), () -> {
                HttpRequestData r = s.wire();
                SigV4Credential c = SigV4Verifier.parse(r);
                Instant t = s.signedAt();

                expect(() -> VERIFIER.verify(r, c, s.secret() + "x", s.service(), t),
                        ErrorCode.SIGNATURE_DOES_NOT_MATCH, SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
                byte[] body = r.body().length == 0 ? new byte[] {'x'} : r.body().clone();
                if (r.body().length > 0) {
                    body[body.length / 2] ^= 0x20;
                }
                HttpRequestData tamperedBody = new HttpRequestData(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                        body);
                expect(() -> VERIFIER.verify(tamperedBody, c, s.secret(), s.service(), t),
                        ErrorCode.SIGNATURE_DOES_NOT_MATCH, SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
                HttpRequestData otherPath = new HttpRequestData(r.method(), r.rawPath() + "z", r.rawQuery(),
                        r.headers(), r.body());
                expect(() -> VERIFIER.verify(otherPath, c, s.secret(), s.service(), t),
                        ErrorCode.SIGNATURE_DOES_NOT_MATCH, SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
                String extra = (r.rawQuery() == null || r.rawQuery().isEmpty() ? "" : r.rawQuery() + "&") + "Extra=1";
                HttpRequestData extraParam = new HttpRequestData(r.method(), r.rawPath(), extra, r.headers(),
                        r.body());
                expect(() -> VERIFIER.verify(extraParam, SigV4Verifier.parse(extraParam), s.secret(), s.service(), t),
                        ErrorCode.SIGNATURE_DOES_NOT_MATCH, SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
                String otherService = s.service().equals("iam") ? "sts" : "iam";
                expect(() -> VERIFIER.verify(r, c, s.secret(), otherService, t), ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                        "Credential should be scoped to correct service: '" + otherService + "'.");
                if (s.presigned()) {
                    expect(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.plus(s.expires()).plusSeconds(1)),
                            ErrorCode.REQUEST_EXPIRED, "Request has expired.");
                    assertThatCode(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.plus(s.expires())))
                            .doesNotThrowAnyException();
                } else {
                    expect(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.plus(Duration.ofMinutes(20))),
                            ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature expired: ");
                    assertThatCode(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.plus(Duration.ofMinutes(15))))
                            .doesNotThrowAnyException();
                    assertThatCode(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.minus(Duration.ofMinutes(15))))
                            .doesNotThrowAnyException();
                }
                expect(() -> VERIFIER.verify(r, c, s.secret(), s.service(), t.minus(Duration.ofMinutes(16))),
                        ErrorCode.SIGNATURE_DOES_NOT_MATCH, "Signature not yet current: ");
            });
        });
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        // a cache far smaller than the keys in use, so threads evict each other's entries all along
        SigV4Verifier shared = new SigV4Verifier(3);
        List<Signed> requests = IntStream.range(0, 64).mapToObj(i -> generate(new Random(0xC0C0L + i), i % 2 == 0))
                .toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int verified = 0;
                    for (int round = 0; round < 10; round++) {
                        for (int i = 0; i < requests.size(); i++) {
                            Signed s = requests.get((i + offset * 7) % requests.size());
                            shared.verify(s.wire(), SigV4Verifier.parse(s.wire()), s.secret(), s.service(),
                                    s.signedAt());
                            verified++;
                        }
                    }
                    return verified;
                }));
            }
            for (java.util.concurrent.Future<Integer> result : results) {
                assertThat(result.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(640);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.cachedKeys()).isLessThanOrEqualTo(3);
    }

    @Test
    void aRequestDatedTwentyMinutesAgoIsRefusedWithAwsMessage() {
        Instant signedAt = Instant.parse("2026-11-24T04:50:42Z");
        Signed s = sign(new Random(1), false, signedAt);
        SigV4Credential c = SigV4Verifier.parse(s.wire());
        assertThatThrownBy(() -> VERIFIER.verify(s.wire(), c, s.secret(), s.service(),
                Instant.parse("2026-11-24T05:10:42Z")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.getMessage()).isEqualTo("Signature expired: 20261124T045042Z is now earlier than "
                            + "20261124T045542Z (20261124T051042Z - 15 min.)");
                });
    }

    private static void expect(ThrowingCallable call, ErrorCode code, String messageStart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }

    static Signed generate(Random random, boolean presigned) {
        Instant signedAt = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
        return sign(random, presigned, signedAt);
    }

    static Signed sign(Random random, boolean presigned, Instant signedAt) {
        SdkHttpMethod method = pick(random, List.of(SdkHttpMethod.GET, SdkHttpMethod.POST, SdkHttpMethod.PUT,
                SdkHttpMethod.DELETE, SdkHttpMethod.PATCH, SdkHttpMethod.HEAD));
        String service = random.nextBoolean() ? "iam" : "sts";
        String region = pick(random, REGIONS);
        String accessKeyId = (random.nextBoolean() ? "AKIA" : "ASIA") + word(random, 16).toUpperCase();
        String secret = word(random, 40);
        String token = random.nextInt(3) == 0 ? word(random, 60) + "/+=" : null;

        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).protocol("https")
                .host("iam.example.test").encodedPath(path(random));
        if (random.nextInt(4) == 0) {
            request.port(8081);
        }
        int params = random.nextInt(6);
        List<String> names = List.of("Action", "Version", "a", "B", "a b", "k+", "x/y", "\u00e9", "~t*", "e=q");
        for (int i = 0; i < params; i++) {
            String name = pick(random, names);
            List<String> values = new ArrayList<>(request.build().rawQueryParameters().getOrDefault(name, List.of()));
            values.add(random.nextInt(5) == 0 ? "" : text(random, 12));
            request.putRawQueryParameter(name, values);
        }
        int headers = random.nextInt(4);
        for (int i = 0; i < headers; i++) {
            String name = pick(random, List.of("X-Custom", "x-custom", "My-Header", "Content-Type", "X-Amz-Meta-A"));
            String value = pad(random) + word(random, 3) + pad(random) + word(random, 4) + pad(random);
            request.appendHeader(name, value);
        }
        byte[] body = new byte[method == SdkHttpMethod.GET || method == SdkHttpMethod.HEAD ? 0 : random.nextInt(200)];
        random.nextBytes(body);
        if (body.length > 0 && random.nextBoolean()) {
            body = ("Action=CreateUser&Version=2010-05-08&UserName=" + word(random, 8)).getBytes(StandardCharsets.UTF_8);
            request.putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        Duration expires = Duration.ofSeconds(1 + random.nextInt(3600));
        byte[] payload = body;
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, token);
        SignedRequest signed = SIGNER.sign(r -> {
            r.identity(identity)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
            if (presigned) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
            }
        });
        HttpRequestData wire = onTheWire(signed.request(), body);
        String label = method + " " + wire.rawPath() + (wire.rawQuery() == null ? "" : "?" + wire.rawQuery());
        return new Signed(label.length() > 120 ? label.substring(0, 120) + "…" : label, wire, secret, service,
                signedAt, accessKeyId, token, presigned, presigned ? expires : null);
    }

    /** What an HTTP server hands us for the SDK's request: the encoded path and query, the headers and Host. */
    private static HttpRequestData onTheWire(SdkHttpRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        if (request.firstMatchingHeader("Host").isEmpty()) {
            int port = request.port();
            headers.put("Host", List.of(request.host() + (port == 443 ? "" : ":" + port)));
        }
        String query = SdkHttpUtils.encodeAndFlattenQueryParameters(request.rawQueryParameters()).orElse(null);
        return new HttpRequestData(request.method().name(), request.encodedPath(), query, headers, body);
    }

    /** An encoded path of odd segments, with "." and ".." (never above the root) and repeated slashes. */
    private static String path(Random random) {
        StringBuilder path = new StringBuilder();
        int depth = 0;
        int segments = random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                path.append("/.");
            } else if (kind == 1 && depth > 0) {
                path.append("/..");
                depth--;
            } else if (kind == 2) {
                path.append("/");
            } else {
                path.append('/').append(SdkHttpUtils.urlEncode(text(random, 8)).replace("%3D", "="));
                depth++;
            }
        }
        if (path.isEmpty() || random.nextInt(4) == 0) {
            path.append('/');
        }
        return path.toString();
    }

    private static String pad(Random random) {
        return pick(random, List.of("", " ", "  ", "\t", " \t "));
    }

    private static String text(Random random, int max) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(max);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                int at = random.nextInt(ODD.length());
                char c = ODD.charAt(at);
                if (Character.isHighSurrogate(c)) {
                    s.append(c).append(ODD.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    s.append(c);
                }
            } else {
                s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    private static String word(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(62)));
        }
        return s.toString();
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
