package dev.openiam.audit.caller;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.peers.DecisionClient;
import dev.openiam.glue.session.RequestAuthentication;
import dev.openiam.internalauth.CallerClaims;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The callers of this service as the other services know them (libs/service-glue): temporary credentials are opened
 * here, a long-term key is checked by identity-service, and policy-service decides. Any failure to get a clear answer
 * refuses the request.
 */
@DefaultBean
@ApplicationScoped
public class PeerCallers implements CallerAuthentication, ActionAuthorization {

    private final RequestAuthentication authentication;
    private final DecisionClient decisions;

    public PeerCallers(RequestAuthentication authentication, DecisionClient decisions) {
        this.authentication = authentication;
        this.decisions = decisions;
    }

    @Override
    public Uni<CallerClaims> authenticate(HttpRequestData request) {
        return authentication.authenticate(request, SERVICE);
    }

    /**
     * {@code context} holds the call's global condition keys; a caller with temporary credentials brings its session
     * (role, issue time, session policies and tags), which the decision honours.
     */
    @Override
    public Uni<Decision> authorize(CallerClaims caller, String action, String resource, Map<String, Object> context) {
        return decisions.decide(caller, DecisionClient.Question.of(action, resource, context, null, null))
                .map(answer -> new Decision(answer.allowed(), answer.message()));
    }
}
