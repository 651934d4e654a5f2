package dev.openiam.policyservice.decision;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.denial.AuthorizationMessage;
import dev.openiam.glue.denial.AuthorizationMessages;
import dev.openiam.glue.peers.IdentityAuthentication;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who asks the decision API, and whether they may ask what they ask. Two kinds of callers:
 * <ul>
 *   <li>identity-, sts- and audit-service, with a token of purpose {@code decide} signed with their own key for this
 *   exact call (see {@code iam.trust.allow.decide}): they authorize requests for the whole system and may ask anything;</li>
 *   <li>users' own services, which sign the request with SigV4 (an IAM principal's access key, signing name
 *   {@value #SIGNING_NAME}), as Amazon Verified Permissions' IsAuthorized does. identity-service says who signed; the
 *   caller may then ask only about principals of its own account, and only where its policies allow
 *   {@value #ACTION} on the ARN of the principal asked about (the account's root user may ask about any).</li>
 * </ul>
 * Anything else is refused before a decision is made (fail closed).
 */
@ApplicationScoped
public class DecisionCallers {

    /** The service name users' services sign decision requests for (the SigV4 credential scope). */
    public static final String SIGNING_NAME = "authz";
    /** The action a SigV4 caller needs on the principal it asks about. */
    public static final String ACTION = "authz:Authorize";

    /** Who asks: a peer service (by name), or an IAM principal and the condition keys of its request. */
    public record Asker(String service, CallerClaims principal, Map<String, Object> requestContext) {
    }

    private final ServiceTrust trust;
    private final IdentityAuthentication identity;
    private final DecisionService decisions;
    private final AuthorizationMessages messages;

    public DecisionCallers(ServiceTrust trust, IdentityAuthentication identity, DecisionService decisions,
                           AuthorizationMessages messages) {
        this.trust = trust;
        this.identity = identity;
        this.decisions = decisions;
        this.messages = messages;
    }

    /** The caller of {@code POST path} with {@code body}: a peer service's decide token, or a SigV4 signature. */
    public Uni<Asker> authenticate(String authorization, String path, byte[] body, HttpServerRequest http) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().item(new Asker(trust.verify(authorization, Purpose.DECIDE, "POST", path, body).issuer(), null,
                    Map.of()));
        }
        boolean signed = authorization != null && authorization.startsWith("AWS4-")
                || http.query() != null && http.query().contains("X-Amz-Signature=");
        if (!signed) {
            return Uni.createFrom().failure(new IamException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token"));
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (String name : http.headers().names()) {
            headers.put(name, http.headers().getAll(name));
        }
        return identity.authenticate(SIGNING_NAME, new HttpRequestData(http.method().name(), http.path(),
                        http.query(), headers, body))
                .map(principal -> new Asker(null, principal, requestContext(http)));
    }

    /** Succeeds if {@code asker} may ask {@code questions}; AccessDenied, naming the first principal it may not ask about. */
    public Uni<Void> mayAsk(Asker asker, List<AuthorizeRequest> questions) {
        CallerClaims caller = asker.principal();
        if (caller == null) {
            return Uni.createFrom().voidItem();
        }
        Set<String> asked = new LinkedHashSet<>();
        for (AuthorizeRequest question : questions) {
            if (question == null || question.principal() == null || question.principal().isBlank()) {
                throw IamException.validation("principal, action and resource are required");
            }
            if (question.session() != null) {
                throw IamException.validation("session may be given only by the system's own services");
            }
            asked.add(question.principal());
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String principal : asked) {
            if (!caller.accountId().equals(accountOf(principal))) {
                throw denied(caller, principal, "because it may ask only about principals of its own account");
            }
            if (!caller.root()) {
                all = all.chain(() -> decisions.authorize(new AuthorizeRequest(caller.arn(), ACTION, principal, null,
                        asker.requestContext(), null, null, null, caller.session() == null ? null : caller.session().toMap(),
                        false, false))).invoke(answer -> {
                            if (!"Allow".equals(answer.decision())) {
                                throw answer.message() != null ? new IamException(ErrorCode.ACCESS_DENIED, answer.message())
                                        : denied(caller, principal, "because no identity-based policy allows the " + ACTION + " action");
                            }
                        }).replaceWithVoid();
            }
        }
        return all;
    }

    /** The global condition keys of the caller's own request, for its {@value #ACTION} decision. */
    private static Map<String, Object> requestContext(HttpServerRequest http) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return Map.of("aws:SourceIp", http.remoteAddress() == null ? "" : http.remoteAddress().hostAddress(),
                "aws:SecureTransport", String.valueOf(http.isSSL()),
                "aws:CurrentTime", now.toString(),
                "aws:EpochTime", String.valueOf(now.getEpochSecond()));
    }

    private static String accountOf(String principal) {
        try {
            return Arn.parse(principal).account();
        } catch (IamException e) {
            throw IamException.validation("principal `" + principal + "` is not an IAM or STS principal ARN");
        }
    }

    private IamException denied(CallerClaims caller, String principal, String reason) {
        return messages.denied("User: " + caller.arn() + " is not authorized to perform: " + ACTION + " on resource: " + principal
                + " " + reason, AuthorizationMessage.denied(caller.principalId(), caller.arn(), ACTION, principal));
    }
}
