package dev.openiam.awsprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Errors;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The real AWS SDK for Java v2 IAM and STS clients against this library, through a canned HTTP
 * client: what they send must parse ({@link QueryRequest}) and verify ({@link SigV4Verifier}), and
 * what we answer ({@link QueryXml}) must read back as the same values and errors.
 */
class SdkClientRoundTripTest {

    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLE+token/=";
    private static final String RID = "4a5b6c7d-0000-4000-8000-000000000001";

    private final CannedHttp http = new CannedHttp();
    private final IamClient iam = IamClient.builder().httpClient(http).region(Region.AWS_GLOBAL)
            .endpointOverride(URI.create("http://127.0.0.1:8081"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY, SECRET, TOKEN)))
            .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .build();
    private final StsClient sts = StsClient.builder().httpClient(http).region(Region.EU_WEST_3)
            .endpointOverride(URI.create("http://127.0.0.1:8083"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY, SECRET, TOKEN)))
            .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .build();

    @AfterEach
    void close() {
        iam.close();
        sts.close();
    }

    @Test
    void createUserRoundTrips() {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        http.answer = query -> ok(QueryXml.response("CreateUser", QueryXml.IAM_NAMESPACE, RID, r -> r
                .element("User", u -> u.text("Path", query.string("Path")).text("UserName", query.required("UserName"))
                        .text("UserId", "AIDAEXAMPLE").text("Arn", "arn:aws:iam::123456789012:user/alice")
                        .date("CreateDate", created).tags("Tags", query.tags("Tags")))));

        CreateUserResponse response = iam.createUser(b -> b.userName("alice").path("/dev/ops/")
                .tags(t -> t.key("team").value("core & <ops>"), t -> t.key("env").value("")));

        QueryRequest sent = http.lastQuery;
        assertThat(sent.action()).isEqualTo("CreateUser");
        assertThat(sent.version()).isEqualTo("2010-05-08");
        assertThat(sent.tags("Tags")).containsExactly(new Tag("team", "core & <ops>"), new Tag("env", ""));
        assertThat(response.user().userName()).isEqualTo("alice");
        assertThat(response.user().path()).isEqualTo("/dev/ops/");
        assertThat(response.user().createDate()).isEqualTo(created);
        assertThat(response.user().tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=core & <ops>", "env=");
        assertThat(response.responseMetadata().requestId()).isEqualTo(RID);
    }

    @Test
    void theClientsSignatureVerifies() {
        http.answer = query -> ok(QueryXml.response("DeleteUser", QueryXml.IAM_NAMESPACE, RID));
        iam.deleteUser(b -> b.userName("bob+1@example.com"));

        HttpRequestData wire = http.lastWire;
        SigV4Credential credential = SigV4Verifier.parse(wire);
        assertThat(credential.accessKeyId()).isEqualTo(KEY);
        assertThat(credential.service()).isEqualTo("iam");
        // with an endpoint override the SDK scopes the signature to the client's region as named, even
        // "aws-global", which is no real region: one more reason to accept any region
        assertThat(credential.region()).isEqualTo("aws-global");
        assertThat(credential.securityToken()).isEqualTo(TOKEN);
        assertThat(http.lastQuery.string("UserName")).isEqualTo("bob+1@example.com");
        SigV4Verifier verifier = new SigV4Verifier();
        assertThatCode(() -> verifier.verify(wire, credential, SECRET, "iam", Instant.now())).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(wire, credential, SECRET, "sts", Instant.now()))
                .hasMessage("Credential should be scoped to correct service: 'sts'.");
        byte[] tampered = new String(wire.body(), StandardCharsets.UTF_8).replace("bob", "rob")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequestData changed = new HttpRequestData(wire.method(), wire.rawPath(), wire.rawQuery(), wire.headers(),
                tampered);
        assertThatThrownBy(() -> verifier.verify(changed, credential, SECRET, "iam", Instant.now()))
                .hasMessage(SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
    }

    @Test
    void pagingReadsBack() {
        http.answer = query -> ok(QueryXml.response("ListUsers", QueryXml.IAM_NAMESPACE, RID, r -> r
                .list("Users", List.of("a", "b"), (m, name) -> m.text("Path", "/").text("UserName", name)
                        .text("UserId", "AIDA" + name).text("Arn", "arn:aws:iam::123456789012:user/" + name)
                        .date("CreateDate", Instant.EPOCH))
                .page(true, "b")));
        ListUsersResponse page = iam.listUsers(b -> b.maxItems(2).pathPrefix("/"));
        assertThat(http.lastQuery.integer("MaxItems")).isEqualTo(2);
        assertThat(page.users()).extracting(u -> u.userName()).containsExactly("a", "b");
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.marker()).isEqualTo("b");
    }

    @Test
    void urlEncodedPolicyDocumentsDecodeToTheDocument() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::bucket/a b+c\"}]}";
        http.answer = query -> ok(QueryXml.response("GetRolePolicy", QueryXml.IAM_NAMESPACE, RID, r -> r
                .text("RoleName", query.string("RoleName")).text("PolicyName", query.string("PolicyName"))
                .urlEncodedText("PolicyDocument", policy)));
        GetRolePolicyResponse response = iam.getRolePolicy(b -> b.roleName("r").policyName("p"));
        assertThat(URLDecoder.decode(response.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(policy);
    }

    @Test
    void errorsBecomeTheSdksModeledExceptions() {
        http.answer = query -> new Canned(404, QueryXml.error(ErrorCode.NO_SUCH_ENTITY,
                "The user with name nobody cannot be found.", RID));
        assertThatThrownBy(() -> iam.getUser(b -> b.userName("nobody")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found.");
                    assertThat(e.requestId()).isEqualTo(RID);
                    assertThat(e.statusCode()).isEqualTo(404);
                });

        http.answer = query -> new Canned(403, QueryXml.error(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                SigV4Errors.SIGNATURE_MISMATCH_MESSAGE, RID));
        assertThatThrownBy(() -> iam.listUsers()).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(SigV4Errors.SIGNATURE_MISMATCH_MESSAGE);
        });
    }

    @Test
    void stsReadsItsNamespaceAndSignsForSts() {
        http.answer = query -> ok(QueryXml.response("GetCallerIdentity", QueryXml.STS_NAMESPACE, RID, r -> r
                .text("UserId", "AIDAEXAMPLE").text("Account", "123456789012")
                .text("Arn", "arn:aws:iam::123456789012:user/alice")));
        GetCallerIdentityResponse me = sts.getCallerIdentity();
        assertThat(me.account()).isEqualTo("123456789012");
        assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(http.lastQuery.version()).isEqualTo("2011-06-15");
        SigV4Credential credential = SigV4Verifier.parse(http.lastWire);
        assertThat(credential.region()).isEqualTo("eu-west-3");
        assertThatCode(() -> new SigV4Verifier().verify(http.lastWire, credential, SECRET, "sts", Instant.now()))
                .doesNotThrowAnyException();

        http.answer = query -> new Canned(403, QueryXml.error(QueryXml.STS_NAMESPACE, ErrorCode.INVALID_CLIENT_TOKEN_ID,
                SigV4Errors.invalidClientTokenId().getMessage(), RID));
        assertThatThrownBy(() -> sts.getCallerIdentity()).isInstanceOfSatisfying(StsException.class, e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    private static Canned ok(String xml) {
        return new Canned(200, xml);
    }

    record Canned(int status, String xml) {
    }

    /** Answers every request with {@link #answer}, after recording what arrived. */
    static final class CannedHttp implements SdkHttpClient {
        Function<QueryRequest, Canned> answer;
        HttpRequestData lastWire;
        QueryRequest lastQuery;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            SdkHttpRequest http = request.httpRequest();
            byte[] body = request.contentStreamProvider().map(p -> {
                try (InputStream in = p.newStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse(new byte[0]);
            Map<String, List<String>> headers = new LinkedHashMap<>(http.headers());
            if (http.firstMatchingHeader("Host").isEmpty()) {
                headers.put("Host", List.of(http.host() + ":" + http.port()));
            }
            lastWire = new HttpRequestData(http.method().name(), http.encodedPath(),
                    http.encodedQueryParameters().orElse(null), headers, body);
            lastQuery = QueryRequest.parse(body, lastWire.rawQuery());
            Canned canned = answer.apply(lastQuery);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] xml = canned.xml().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(canned.status())
                                    .putHeader("Content-Type", QueryXml.CONTENT_TYPE)
                                    .putHeader("x-amzn-RequestId", RID).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(xml)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
