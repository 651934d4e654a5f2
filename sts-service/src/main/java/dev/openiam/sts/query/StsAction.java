package dev.openiam.sts.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.query.QueryXml;
import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;

import java.util.function.Consumer;

/**
 * One STS action: its name and its handler, which authorizes what it does itself (who may assume a role is the
 * role's trust policy and the caller's policies together, decided by policy-service).
 */
public record StsAction(String name, Handler handler, boolean signed, Authenticator authenticator) {

    /** An action only signed requests may call (all but AssumeRoleWithWebIdentity). */
    public StsAction(String name, Handler handler) {
        this(name, handler, true, null);
    }

    /**
     * A signed action whose caller {@code authenticator} finds, learning what the action needs on the way (AssumeRole:
     * the role, in the same call to identity-service).
     */
    public static StsAction authenticatedBy(String name, Handler handler, Authenticator authenticator) {
        return new StsAction(name, handler, true, authenticator);
    }

    /**
     * An action called without AWS credentials, as AWS serves AssumeRoleWithWebIdentity: any signature is ignored, and
     * the handler gets no caller ({@code null}).
     */
    public static StsAction unsigned(String name, Handler handler) {
        return new StsAction(name, handler, false, null);
    }

    /** Who signed the request of an action, for signing name {@code service}; AWS's error code otherwise. */
    @FunctionalInterface
    public interface Authenticator {
        Uni<CallerClaims> authenticate(QueryRequest query, HttpRequestData request, String service);
    }

    /** Performs the action for an authenticated caller; the answer writes the {@code <ActionResult>} content. */
    @FunctionalInterface
    public interface Handler {
        Uni<Consumer<QueryXml.Element>> handle(QueryRequest request, CallerClaims caller, GlobalKeys.Call call);
    }
}
