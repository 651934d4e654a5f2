package dev.openiam.glue.peers;

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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * DecisionClient against an HTTP server in policy-service's place that checks every token as policy-service does (the
 * real keys and verifier): questions asked while a call is out go together in one batch call, each caller gets its
 * own answer, and a batch the decision point does not answer is asked again question by question, so a question that
 * cannot be decided fails alone.
 */
class DecisionClientTest {

    private static final String OK = "arn:aws:iam::111122223333:user/ok";
    private static final String LATE = "arn:aws:iam::111122223333:user/late";

    private final Vertx vertx = Vertx.vertx();
    /** What the decision point was asked: each call's path and the principals in its body. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Holds the answers to the calls made before the test releases them. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void questionsAskedMeanwhileShareACallAndAQuestionTheBatchCouldNotDecideFailsAlone(@TempDir Path keys) throws Exception {
        DecisionClient client = client(keys, 503);
        List<CompletableFuture<DecisionClient.Decision>> first = callsOut(client);
        CompletableFuture<DecisionClient.Decision> second = decide(client, OK);
        CompletableFuture<DecisionClient.Decision> late = decide(client, LATE);
        release.complete(null);

        allAllowed(first);
        assertThat(second.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IamException.class)
                .cause().satisfies(e -> assertThat(((IamException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        // the calls out, then the two asked meanwhile as one batch, refused, then each on its own
        assertThat(calls.subList(DecisionClient.CALLS_IN_FLIGHT, calls.size())).containsExactly(
                "/v1/authorize:batch " + OK + "," + LATE, "/v1/authorize " + OK, "/v1/authorize " + LATE);
    }

    @Test
    void aBatchAnsweredIsSharedOutInOrder(@TempDir Path keys) throws Exception {
        DecisionClient client = client(keys, 200);
        List<CompletableFuture<DecisionClient.Decision>> first = callsOut(client);
        CompletableFuture<DecisionClient.Decision> denied = decide(client, LATE);
        CompletableFuture<DecisionClient.Decision> allowed = decide(client, OK);
        release.complete(null);

        allAllowed(first);
        assertThat(denied.get(10, TimeUnit.SECONDS)).isEqualTo(new DecisionClient.Decision("ImplicitDeny", "no for " + LATE));
        assertThat(allowed.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        assertThat(calls.subList(DecisionClient.CALLS_IN_FLIGHT, calls.size()))
                .containsExactly("/v1/authorize:batch " + LATE + "," + OK);
    }

    /** identity-service's client of a decision point that answers a batch with {@code batchStatus}, keys in {@code keys}. */
    private DecisionClient client(Path keys, int batchStatus) throws Exception {
        TestTrust.writeKey(keys, "identity-service");
        TestTrust.writeKey(keys, "policy-service");
        ServiceTrust identity = TestTrust.trust(keys, "identity-service", Map.of());
        ServiceTrust policy = TestTrust.trust(keys, "policy-service", Map.of("decide", List.of("identity-service")));
        return new DecisionClient(vertx, identity, "http://127.0.0.1:" + decisionPoint(policy, batchStatus));
    }

    private static void allAllowed(List<CompletableFuture<DecisionClient.Decision>> decisions) throws Exception {
        for (CompletableFuture<DecisionClient.Decision> decision : decisions) {
            assertThat(decision.get(10, TimeUnit.SECONDS).allowed()).isTrue();
        }
    }

    /** As many questions as may be out at once, each in a call of its own that the decision point holds. */
    private List<CompletableFuture<DecisionClient.Decision>> callsOut(DecisionClient client) {
        List<CompletableFuture<DecisionClient.Decision>> out = new java.util.ArrayList<>();
        for (int i = 0; i < DecisionClient.CALLS_IN_FLIGHT; i++) {
            out.add(decide(client, OK));
        }
        waitFor(DecisionClient.CALLS_IN_FLIGHT);
        assertThat(calls).allMatch(call -> call.equals("/v1/authorize " + OK));
        return out;
    }

    private static CompletableFuture<DecisionClient.Decision> decide(DecisionClient client, String principal) {
        CallerClaims caller = new CallerClaims(principal, "111122223333", "AIDA" + principal.hashCode(), "AKIAEXAMPLE", false);
        return client.decide(caller, DecisionClient.Question.of("iam:GetUser", principal, Map.of(), 1L, 1L))
                .subscribeAsCompletionStage();
    }

    /**
     * A decision point on a free port that checks each call's token with {@code policy}: it allows {@link #OK}, denies
     * anyone else, cannot decide {@link #LATE} alone (503), and answers a batch with {@code batchStatus}.
     */
    private int decisionPoint(ServiceTrust policy, int batchStatus) throws Exception {
        HttpServer server = vertx.getDelegate().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                policy.verify(request.getHeader("Authorization"), Purpose.DECIDE, "POST", request.path(), body.getBytes());
            } catch (IamException e) {
                request.response().setStatusCode(403).end();
                return;
            }
            JsonObject json = body.toJsonObject();
            boolean batch = request.path().endsWith(":batch");
            List<JsonObject> questions = batch ? json.getJsonArray("requests").stream().map(JsonObject.class::cast).toList() : List.of(json);
            calls.add(request.path() + " " + String.join(",", questions.stream().map(q -> q.getString("principal")).toList()));
            Runnable answer = () -> answer(request, batch, batchStatus, questions);
            if (!release.isDone()) {
                release.thenRun(() -> vertx.getDelegate().runOnContext(v -> answer.run()));
            } else {
                answer.run();
            }
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static void answer(HttpServerRequest request, boolean batch, int batchStatus, List<JsonObject> questions) {
        // a decision point that cannot decide LATE yet refuses a batch and LATE alone; the other answers a batch
        if (batchStatus != 200 && (batch || LATE.equals(questions.get(0).getString("principal")))) {
            request.response().setStatusCode(503).end();
            return;
        }
        JsonArray results = new JsonArray();
        for (JsonObject question : questions) {
            String principal = question.getString("principal");
            results.add(OK.equals(principal) ? new JsonObject().put("decision", "Allow")
                    : new JsonObject().put("decision", "ImplicitDeny").put("message", "no for " + principal));
        }
        request.response().putHeader("Content-Type", "application/json")
                .end((batch ? new JsonObject().put("results", results) : results.getJsonObject(0)).encode());
    }

    private void waitFor(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() >= count);
        assertThat(calls).hasSize(count);
    }
}
