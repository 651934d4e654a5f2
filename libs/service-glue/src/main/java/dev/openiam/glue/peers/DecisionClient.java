package dev.openiam.glue.peers;

import dev.openiam.batching.Batched;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * policy-service's decision API ({@code POST /v1/authorize}) as every front door asks it: under a token of purpose
 * {@code decide} for the end caller and the action; under load, the questions asked while earlier calls are out go
 * together in one call to {@code POST /v1/authorize:batch}, under a token that binds exactly that body. Any failure to
 * get a clear answer is a failure, so the caller denies (fail closed).
 */
@ApplicationScoped
public class DecisionClient {

    public static final String AUDIENCE = "policy-service";
    private static final Logger LOG = Logger.getLogger(DecisionClient.class);

    /** policy-service's decision: {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}, and AWS's message for a deny. */
    public record Decision(String decision, String message) {
        public boolean allowed() {
            return "Allow".equals(decision);
        }
    }

    /** The decision API's batch limit. */
    static final int MAX_BATCH = 100;
    /**
     * Calls to the decision point under way at once; what the front door asks meanwhile waits for the next, as one
     * batch. More than one, so a question that waits for the decision point to catch up with a revision holds up
     * only the questions of its own call; no more than two, so that under load each call carries more questions (four:
     * GetUser 1,531/s, two: 1,768/s, bench/RESULTS.md 2026-12-07 17:36).
     */
    static final int CALLS_IN_FLIGHT = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PeerClient policyService;
    private final Batched<Asked, Answer> questions = new Batched<>(this::ask, MAX_BATCH, CALLS_IN_FLIGHT);

    public DecisionClient(Vertx vertx, ServiceTrust trust, @ConfigProperty(name = "iam.policy-service-url") String url) {
        this.policyService = new PeerClient(vertx, trust, AUDIENCE, url);
    }

    /** The client for policy-service's other internal endpoints (the same connection pool and trust). */
    public PeerClient policyService() {
        return policyService;
    }

    /**
     * One question about the caller, as every front door asks it.
     *
     * @param resourceAccount the account owning the resource, {@code null} for the caller's
     * @param resourcePolicy  a resource-based policy to decide with (a role's trust policy when {@code trustPolicy}), or {@code null}
     * @param context         the condition keys of the call
     * @param identityRevision / policyRevision the revisions the decision must reflect (read-your-writes), {@code null} for none
     */
    public record Question(String action, String resource, String resourceAccount, String resourcePolicy, boolean trustPolicy,
                           Map<String, Object> context, Long identityRevision, Long policyRevision) {

        /** An action on a resource of the caller's account, with the call's condition keys. */
        public static Question of(String action, String resource, Map<String, Object> context, Long identityRevision,
                                  Long policyRevision) {
            return new Question(action, resource, null, null, false, context, identityRevision, policyRevision);
        }
    }

    /**
     * Asks whether {@code caller} may do {@code question}: the caller's ARN as the principal and, for temporary
     * credentials, its session (role, issue time, session policies and tags), which the decision point honours.
     */
    public Uni<Decision> decide(CallerClaims caller, Question question) {
        JsonObject body = new JsonObject()
                .put("principal", caller.arn())
                .put("action", question.action())
                .put("resource", question.resource())
                .put("context", new JsonObject(question.context()))
                // only the decision and a deny's message are read: an Allow's reasons are not looked for
                .put("reasons", false);
        if (question.identityRevision() != null || question.policyRevision() != null) {
            JsonObject revisions = new JsonObject();
            if (question.identityRevision() != null) {
                revisions.put("identity", question.identityRevision());
            }
            if (question.policyRevision() != null) {
                revisions.put("policy", question.policyRevision());
            }
            body.put("atLeastRevision", revisions);
        }
        if (question.resourceAccount() != null) {
            body.put("resourceAccount", question.resourceAccount());
        }
        if (question.resourcePolicy() != null) {
            body.put("resourcePolicy", question.resourcePolicy()).put("trustPolicy", question.trustPolicy());
        }
        if (caller.session() != null) {
            body.put("session", new JsonObject(caller.session().toMap()));
        }
        return authorize(caller, body);
    }

    /** One question waiting for its batch: who it is for and the body {@link #decide} made of it. */
    private record Asked(CallerClaims caller, JsonObject question) {
    }

    /** A question's decision, or why it got none (the other questions of its batch may still have theirs). */
    private record Answer(Decision decision, IamException failure) {

        Decision get() {
            if (failure != null) {
                throw failure;
            }
            return decision;
        }
    }

    /**
     * Asks the decision API {@code question} (principal, action, resource, context, revisions) for {@code caller}: with
     * the questions other requests ask meanwhile, in one call when there are several.
     */
    Uni<Decision> authorize(CallerClaims caller, JsonObject question) {
        return questions.submit(new Asked(caller, question)).map(Answer::get);
    }

    private Uni<List<Answer>> ask(List<Asked> asked) {
        if (asked.size() == 1) {
            Asked one = asked.get(0);
            return policyService.post(Purpose.DECIDE, "/v1/authorize", one.question(), one.caller(),
                            one.question().getString("action"), TIMEOUT)
                    .map(response -> List.of(decision(answer(response))))
                    .onFailure(failure -> !(failure instanceof IamException)).transform(this::unavailable);
        }
        JsonArray requests = new JsonArray();
        asked.forEach(question -> requests.add(question.question()));
        // the token binds the exact body, so it is good for these questions alone
        return policyService.post(Purpose.DECIDE, "/v1/authorize:batch", new JsonObject().put("requests", requests), null, null,
                        TIMEOUT)
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        // a question the decision point refuses, or cannot answer yet, fails alone: ask each on its own
                        return Multi.createFrom().iterable(asked)
                                .onItem().transformToUniAndConcatenate(question -> ask(List.of(question)).map(one -> one.get(0))
                                        .onFailure(IamException.class).recoverWithItem(failure -> new Answer(null, (IamException) failure)))
                                .collect().asList();
                    }
                    JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
                    if (results == null || results.size() != asked.size()) {
                        throw new IamException(ErrorCode.SERVICE_UNAVAILABLE,
                                "the decision point answered a batch of " + asked.size() + " with "
                                        + (results == null ? "no results" : results.size() + " results") + "; the request was not performed");
                    }
                    List<Answer> decisions = new ArrayList<>(results.size());
                    for (int i = 0; i < results.size(); i++) {
                        decisions.add(decision(results.getJsonObject(i)));
                    }
                    return Uni.createFrom().item(decisions);
                })
                .onFailure(failure -> !(failure instanceof IamException)).transform(this::unavailable);
    }

    private static JsonObject answer(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE,
                    "the decision point answered " + response.statusCode() + "; the request was not performed");
        }
        return response.bodyAsJsonObject();
    }

    private static Answer decision(JsonObject answer) {
        return new Answer(new Decision(answer.getString("decision"), answer.getString("message")), null);
    }

    private IamException unavailable(Throwable failure) {
        LOG.warnf("decision point at %s did not answer: %s", policyService.base(), failure.getMessage());
        return new IamException(ErrorCode.SERVICE_UNAVAILABLE, "the decision point is unavailable; the request was not performed");
    }
}
