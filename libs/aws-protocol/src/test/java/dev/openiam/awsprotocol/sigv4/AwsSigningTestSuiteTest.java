package dev.openiam.awsprotocol.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The AWS SigV4 test suite (awslabs/aws-c-auth {@code tests/aws-signing-test-suite/v4}, Apache-2.0,
 * see {@code src/test/resources/sigv4/aws-c-auth/SOURCE.md}): for each case and each form (header,
 * presigned query) the signed request is parsed, and the canonical request, string to sign and
 * signature must equal the suite's; {@code verify} must accept the request and refuse it with one
 * byte changed.
 *
 * <p>Cases that do not apply to a verifier for IAM and STS are reported as skipped, with the reason:
 * <ul>
 * <li>{@code *-unnormalized} ({@code "normalize": false}): the S3 way of signing, with the path
 *     neither normalized nor encoded twice. IAM and STS, like every non-S3 service, normalize it,
 *     so a verifier for them must compute the normalized form (those cases' {@code -normalized}
 *     twins run).</li>
 * <li>the presigned form of {@code post-sts-header-after} ({@code "omit_session_token": true}): the
 *     signer left {@code X-Amz-Security-Token} out of the canonical query string but put it in the
 *     URL. AWS signs every query parameter but {@code X-Amz-Signature}, so such a URL cannot verify.
 *     (Its header form runs: a security-token header added after signing is allowed.)</li>
 * </ul>
 */
class AwsSigningTestSuiteTest {

    private static final String SERVICE = "service";
    private static final SigV4Verifier VERIFIER = new SigV4Verifier();

    /** Case (and form) → why it does not apply to a verifier. */
    static final Map<String, String> NOT_APPLICABLE = Map.of(
            "get-relative-relative-unnormalized", UNNORMALIZED(),
            "get-relative-unnormalized", UNNORMALIZED(),
            "get-slash-dot-slash-unnormalized", UNNORMALIZED(),
            "get-slash-pointless-dot-unnormalized", UNNORMALIZED(),
            "get-slash-unnormalized", UNNORMALIZED(),
            "get-slashes-unnormalized", UNNORMALIZED(),
            "get-space-unnormalized", UNNORMALIZED(),
            "post-sts-header-after/query", "the presigned URL carries an X-Amz-Security-Token the signer did not "
                    + "sign (omit_session_token); AWS verifies every query parameter but X-Amz-Signature");

    private static String UNNORMALIZED() {
        return "S3-style signing (normalize=false): IAM and STS normalize the path, so a verifier for them "
                + "computes the normalized canonical URI";
    }

    @TestFactory
    Stream<DynamicContainer> everyCaseInBothForms() {
        return cases().map(dir -> DynamicContainer.dynamicContainer(dir.getFileName().toString(),
                Stream.of("header", "query").map(form -> DynamicTest.dynamicTest(form, () -> check(dir, form)))));
    }

    @Test
    void theSuiteIsComplete() {
        List<String> names = cases().map(d -> d.getFileName().toString()).toList();
        assertThat(names).hasSize(38);
        List<String> skippedCases = NOT_APPLICABLE.keySet().stream().map(k -> k.replace("/query", "")).toList();
        assertThat(names).containsAll(skippedCases);
    }

    private static void check(Path dir, String form) throws IOException {
        String name = dir.getFileName().toString();
        String skip = NOT_APPLICABLE.getOrDefault(name, NOT_APPLICABLE.get(name + "/" + form));
        assumeTrue(skip == null, skip);

        JsonNode context = new ObjectMapper().readTree(dir.resolve("context.json").toFile());
        String secret = context.path("credentials").path("secret_access_key").asText();
        Instant now = Instant.parse(context.path("timestamp").asText());
        HttpRequestData request = HttpMessage.parse(Files.readAllBytes(dir.resolve(form + "-signed-request.txt")));

        SigV4Credential credential = SigV4Verifier.parse(request);
        assertThat(credential.presigned()).isEqualTo(form.equals("query"));
        assertThat(credential.accessKeyId()).isEqualTo(context.path("credentials").path("access_key_id").asText());
        assertThat(credential.region()).isEqualTo(context.path("region").asText());
        assertThat(credential.requestTime()).isEqualTo(now);
        String token = context.path("credentials").path("token").asText(null);
        assertThat(credential.securityToken()).isEqualTo(token);

        String canonical = SigV4Verifier.canonicalRequest(request, credential);
        assertThat(canonical).isEqualTo(read(dir, form + "-canonical-request.txt"));
        String stringToSign = SigV4Verifier.stringToSign(credential, canonical);
        assertThat(stringToSign).isEqualTo(read(dir, form + "-string-to-sign.txt"));
        String signature = read(dir, form + "-signature.txt").strip();
        assertThat(SigV4Verifier.signature(secret, credential, stringToSign)).isEqualTo(signature);
        assertThat(credential.signature()).isEqualTo(signature);

        assertThatCode(() -> VERIFIER.verify(request, credential, secret, SERVICE, now)).doesNotThrowAnyException();
        // and at the edges of the window
        assertThatCode(() -> VERIFIER.verify(request, credential, secret, SERVICE, now.plusSeconds(899)))
                .doesNotThrowAnyException();

        for (Map.Entry<String, HttpRequestData> tampered : tamperings(request).entrySet()) {
            assertThatThrownBy(() -> VERIFIER.verify(tampered.getValue(), SigV4Verifier.parse(tampered.getValue()),
                    secret, SERVICE, now))
                    .as(tampered.getKey())
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH));
        }
        String wrongSecret = (char) (secret.charAt(0) ^ 1) + secret.substring(1);
        assertThatThrownBy(() -> VERIFIER.verify(request, credential, wrongSecret, SERVICE, now))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.getMessage())
                        .isEqualTo(SigV4Errors.SIGNATURE_MISMATCH_MESSAGE));
    }

    /** The request with one byte changed, in each part the signature covers. */
    private static Map<String, HttpRequestData> tamperings(HttpRequestData r) {
        Map<String, HttpRequestData> out = new LinkedHashMap<>();
        out.put("method", new HttpRequestData(flipLast(r.method()), r.rawPath(), r.rawQuery(), r.headers(), r.body()));
        out.put("path", new HttpRequestData(r.method(), r.rawPath() + "x", r.rawQuery(), r.headers(), r.body()));
        if (r.body().length > 0) {
            byte[] body = r.body().clone();
            body[body.length - 1] ^= 1;
            out.put("body", new HttpRequestData(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body));
        }
        out.put("host header", withHeader(r, "host", v -> flipLast(v)));
        String query = r.rawQuery();
        if (query != null && !query.isEmpty()) {
            // change the first parameter's value (or name), not X-Amz-Signature itself
            String changed = query.startsWith("X-Amz-") ? query.replaceFirst("X-Amz-Expires=3600", "X-Amz-Expires=3601")
                    : flipAt(query, query.indexOf('=') > 0 ? query.indexOf('=') - 1 : 0);
            assertThat(changed).isNotEqualTo(query);
            out.put("query", new HttpRequestData(r.method(), r.rawPath(), changed, r.headers(), r.body()));
        }
        for (String name : r.headers().keySet()) {
            if (name.toLowerCase().startsWith("my-header")) {
                out.put("header " + name, withHeader(r, name, v -> flipLast(v)));
            }
        }
        return out;
    }

    private static HttpRequestData withHeader(HttpRequestData r, String name, UnaryOperator<String> change) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> {
            List<String> values = new ArrayList<>(v);
            if (k.equalsIgnoreCase(name)) {
                values.set(0, change.apply(values.get(0)));
            }
            headers.put(k, values);
        });
        return new HttpRequestData(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    private static String flipLast(String s) {
        return flipAt(s, s.length() - 1);
    }

    private static String flipAt(String s, int i) {
        return s.substring(0, i) + (char) (s.charAt(i) ^ 1) + s.substring(i + 1);
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    static Stream<Path> cases() {
        try {
            Path root = Path.of(Objects.requireNonNull(
                    AwsSigningTestSuiteTest.class.getResource("/sigv4/aws-c-auth/LICENSE")).toURI()).getParent();
            try (Stream<Path> list = Files.list(root)) {
                return list.filter(Files::isDirectory).sorted().toList().stream();
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
