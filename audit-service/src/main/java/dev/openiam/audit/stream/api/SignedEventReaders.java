package dev.openiam.audit.stream.api;

import dev.openiam.audit.caller.ActionAuthorization;
import dev.openiam.audit.caller.CallerAuthentication;
import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.error.FailureLog;
import dev.openiam.awsprotocol.error.ProblemErrors;
import dev.openiam.glue.query.QueryAnswers;
import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Authorizes every request to {@link EventsResource} before it runs, and every stream ({@link EventStreamRoute}) before
 * it opens (so that a refused stream is an HTTP error, never an opened stream): SigV4 for signing name {@code cloudtrail}, then {@value #ACTION} — reading records, whether by
 * LookupEvents, a query or a stream, is one permission. The caller is handed to the resource; its account bounds
 * everything the resource reads.
 */
@ApplicationScoped
public class SignedEventReaders {

    /** The action that reads records, as LookupEvents needs it. */
    public static final String ACTION = "cloudtrail:LookupEvents";
    static final String CALLER = "dev.openiam.audit.stream.caller";
    private static final Logger LOG = Logger.getLogger(SignedEventReaders.class);
    static final FailureLog LOGGED = FailureLog.of(LOG::debug, LOG::error);
    private static final byte[] NO_BODY = new byte[0];

    private final CallerAuthentication authentication;
    private final ActionAuthorization authorization;

    public SignedEventReaders(CallerAuthentication authentication, ActionAuthorization authorization) {
        this.authentication = authentication;
        this.authorization = authorization;
    }

    @ServerRequestFilter
    public Uni<Response> authorize(SimpleResourceInfo resource, RoutingContext routing) {
        if (resource.getResourceClass() != EventsResource.class) {
            return Uni.createFrom().nullItem();
        }
        return authorized(routing.request())
                .invoke(caller -> routing.put(CALLER, caller))
                .replaceWith((Response) null)
                .onFailure().recoverWithItem(failure -> QueryAnswers.send(refusal(failure)));
    }

    /** The caller of {@code request}, once signed by it and allowed {@value #ACTION}; else the AWS error. */
    public Uni<CallerClaims> authorized(HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> authentication.authenticate(QueryAnswers.signed(request.method().name(), NO_BODY,
                        request)))
                .call(caller -> authorization.require(caller, ACTION, GlobalKeys.of(QueryAnswers.call(request),
                        caller.mfaAuthenticatedAt(), caller.session() != null, Instant.now())));
    }

    /** The problem document that answers {@code failure} (logged if it is no client error). */
    static ErrorAnswer refusal(Throwable failure) {
        return ProblemErrors.render(failure, UUID.randomUUID().toString(), LOGGED);
    }

    /** The caller {@link #authorize} let through. */
    static CallerClaims caller(RoutingContext routing) {
        CallerClaims caller = routing.get(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no authorized caller");
        }
        return caller;
    }
}
