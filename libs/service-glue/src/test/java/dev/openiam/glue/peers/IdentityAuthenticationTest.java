package dev.openiam.glue.peers;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * IdentityAuthentication against an HTTP server in identity-service's place that checks every token as identity-service
 * does (the real keys and verifier): requests asked while calls are out go together to the endpoint's batch twin, each
 * caller gets its own answer (a bad signature is that caller's error alone), and a batch not answered 200 is asked
 * again request by request.
 */
class IdentityAuthenticationTest {

    private static final String PATH = "/internal/v1/authenticate";
    private static final String OK = "ok";
    private static final String FORGED = "forged";

    private final Vertx vertx = Vertx.vertx();
    /** What identity-service was asked: each call's path and the signatures in its body. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void requestsAskedMeanwhileShareABatchAndEachGetsItsOwnAnswer(@TempDir Path keys) throws Exception {
        List<CompletableFuture<CallerClaims>> asked = askedWhileCallsAreOut(client(keys, 200), FORGED, OK);
        signatureRefused(asked.get(0));
        assertThat(asked.get(1).get(10, TimeUnit.SECONDS).arn()).isEqualTo(arn(OK));
        assertThat(calls.subList(IdentityAuthentication.CALLS_IN_FLIGHT, calls.size()))
                .containsExactly(PATH + ":batch " + FORGED + "," + OK);
    }

    @Test
    void aBatchNotAnsweredIsAskedAgainRequestByRequest(@TempDir Path keys) throws Exception {
        List<CompletableFuture<CallerClaims>> asked = askedWhileCallsAreOut(client(keys, 404), OK, FORGED);
        assertThat(asked.get(0).get(10, TimeUnit.SECONDS).arn()).isEqualTo(arn(OK));
        signatureRefused(asked.get(1));
        assertThat(calls.subList(IdentityAuthentication.CALLS_IN_FLIGHT, calls.size()))
                .containsExactly(PATH + ":batch " + OK + "," + FORGED, PATH + " " + OK, PATH + " " + FORGED);
    }

    /**
     * Requests with {@code signatures}, asked while as many calls as may be out at once are held by identity-service;
     * then the held calls are answered (each caller: {@link #OK}).
     */
    private List<CompletableFuture<CallerClaims>> askedWhileCallsAreOut(IdentityAuthentication authentication, String... signatures)
            throws Exception {
        List<CompletableFuture<CallerClaims>> first = new ArrayList<>();
        for (int i = 0; i < IdentityAuthentication.CALLS_IN_FLIGHT; i++) {
            first.add(authenticate(authentication, OK));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() >= IdentityAuthentication.CALLS_IN_FLIGHT);
        assertThat(calls).hasSize(IdentityAuthentication.CALLS_IN_FLIGHT).allMatch(call -> call.equals(PATH + " " + OK));
        List<CompletableFuture<CallerClaims>> asked = new ArrayList<>();
        for (String signature : signatures) {
            asked.add(authenticate(authentication, signature));
        }
        release.complete(null);
        for (CompletableFuture<CallerClaims> caller : first) {
            assertThat(caller.get(10, TimeUnit.SECONDS).arn()).isEqualTo(arn(OK));
        }
        return asked;
    }

    private static void signatureRefused(CompletableFuture<CallerClaims> caller) {
        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IamException.class).cause()
                .satisfies(e -> {
                    assertThat(((IamException) e).code()).isEqualTo(ErrorCode.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.getMessage()).contains("signature of " + FORGED);
                });
    }

    private static String arn(String signature) {
        return "arn:aws:iam::111122223333:user/" + signature;
    }

    /** sts-service's client of an identity-service that answers a batch with {@code batchStatus}, keys in {@code keys}. */
    private IdentityAuthentication client(Path keys, int batchStatus) throws Exception {
        TestTrust.writeKey(keys, "identity-service");
        TestTrust.writeKey(keys, "sts-service");
        ServiceTrust sts = TestTrust.trust(keys, "sts-service", Map.of());
        ServiceTrust identity = TestTrust.trust(keys, "identity-service", Map.of("authenticate", List.of("sts-service")));
        int port = identityService(identity, batchStatus);
        return new IdentityAuthentication(new PeerClient(vertx, sts, IdentityAuthentication.AUDIENCE, "http://127.0.0.1:" + port));
    }

    /** A request whose Authorization header carries {@code signature} (the stand-in accepts {@link #OK} alone). */
    private static CompletableFuture<CallerClaims> authenticate(IdentityAuthentication authentication, String signature) {
        HttpRequestData request = new HttpRequestData("POST", "/", null, Map.of("Authorization", List.of(signature)),
                "Action=GetCallerIdentity".getBytes(StandardCharsets.UTF_8));
        return authentication.authenticate("sts", request).subscribeAsCompletionStage();
    }

    /**
     * identity-service's authenticate endpoint and its batch twin on a free port, each call's token checked with
     * {@code identity}: {@link #OK}'s signature is good, any other SignatureDoesNotMatch; a batch answered with
     * {@code batchStatus} (200: its results).
     */
    private int identityService(ServiceTrust identity, int batchStatus) throws Exception {
        HttpServer server = vertx.getDelegate().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                identity.verify(request.getHeader("Authorization"), Purpose.AUTHENTICATE, "POST", request.path(), body.getBytes());
            } catch (IamException e) {
                request.response().setStatusCode(403).end();
                return;
            }
            boolean batch = request.path().endsWith(":batch");
            JsonObject json = body.toJsonObject();
            List<JsonObject> requests = batch ? json.getJsonArray("requests").stream().map(JsonObject.class::cast).toList() : List.of(json);
            List<String> signatures = requests.stream()
                    .map(r -> r.getJsonObject("headers").getJsonArray("Authorization").getString(0)).toList();
            calls.add(request.path() + " " + String.join(",", signatures));
            Runnable answer = () -> answer(request, batch, batchStatus, signatures);
            if (!release.isDone()) {
                release.thenRun(() -> vertx.getDelegate().runOnContext(v -> answer.run()));
            } else {
                answer.run();
            }
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static void answer(HttpServerRequest request, boolean batch, int batchStatus, List<String> signatures) {
        if (batch && batchStatus != 200) {
            request.response().setStatusCode(batchStatus).end();
            return;
        }
        JsonArray results = new JsonArray();
        for (String signature : signatures) {
            results.add(OK.equals(signature)
                    ? new JsonObject().put("status", 200).put("answer", new JsonObject().put("arn", arn(signature))
                            .put("accountId", "111122223333").put("principalId", "AIDAOK").put("accessKeyId", "AKIAOK").put("root", false))
                    : new JsonObject().put("status", 403).put("code", "SignatureDoesNotMatch").put("detail", "bad signature of " + signature));
        }
        if (batch) {
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("results", results).encode());
            return;
        }
        JsonObject one = results.getJsonObject(0);
        request.response().setStatusCode(one.getInteger("status")).putHeader("Content-Type", "application/json")
                .end((one.getInteger("status") == 200 ? one.getJsonObject("answer") : one).encode());
    }
}
