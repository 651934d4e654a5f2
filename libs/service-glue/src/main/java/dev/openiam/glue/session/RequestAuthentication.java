package dev.openiam.glue.session;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.glue.peers.IdentityAuthentication;
import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.function.BiFunction;

/**
 * Who signed a SigV4 request received by a front door other than identity-service (sts-service, audit-service):
 * stale or wrongly scoped requests are refused first; temporary credentials are checked here, offline; a long-term
 * key is checked by identity-service, which alone holds its secret.
 */
@ApplicationScoped
public class RequestAuthentication {

    private final TemporaryCredentials temporary;
    private final IdentityAuthentication identity;
    private final Clock clock = Clock.systemUTC();

    public RequestAuthentication(TemporaryCredentials temporary, IdentityAuthentication identity) {
        this.temporary = temporary;
        this.identity = identity;
    }

    /** The caller of {@code request}, signed for signing name {@code service}; AWS's error code otherwise. */
    public Uni<CallerClaims> authenticate(HttpRequestData request, String service) {
        return authenticate(request, service, identity::authenticate);
    }

    /**
     * As {@link #authenticate(HttpRequestData, String)}, a request signed with a long-term key checked by
     * {@code longTerm} (given the signing name and the request): identity-service at an endpoint that answers more.
     */
    public Uni<CallerClaims> authenticate(HttpRequestData request, String service,
                                          BiFunction<String, HttpRequestData, Uni<CallerClaims>> longTerm) {
        return Uni.createFrom().deferred(() -> {
            SigV4Credential credential = SigV4Verifier.parse(request);
            SigV4Verifier.checkTimeAndScope(credential, service, clock.instant());
            if (TemporaryCredentials.isTemporary(credential.accessKeyId())) {
                return temporary.authenticate(request, credential, service);
            }
            return longTerm.apply(service, request);
        });
    }
}
