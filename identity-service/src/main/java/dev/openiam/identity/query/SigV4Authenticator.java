package dev.openiam.identity.query;

import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.glue.session.TemporaryCredentials;
import dev.openiam.identity.accesskey.domain.AccessKeyUseRecorder;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.auth.CallerAuthenticator;
import dev.openiam.model.EntityType;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Authenticates a SigV4-signed request. A long-term access key names the secret, which is decrypted here and used to
 * recompute the signature; it never leaves this service. Temporary credentials ({@code ASIA…}) carry their secret in
 * the session token sts-service issued, opened here offline.
 */
@ApplicationScoped
public class SigV4Authenticator {

    private final CallerAuthenticator keys;
    private final AccessKeyUseRecorder uses;
    private final SigV4Verifier verifier = new SigV4Verifier();
    private final Clock clock = Clock.systemUTC();

    private final TemporaryCredentials temporary;

    public SigV4Authenticator(CallerAuthenticator keys, AccessKeyUseRecorder uses, TemporaryCredentials temporary) {
        this.keys = keys;
        this.uses = uses;
        this.temporary = temporary;
    }

    /** The caller of {@code request}, signed for {@code service}; fails with AWS's code otherwise. */
    public Uni<Caller> authenticate(HttpRequestData request, String service) {
        SigV4Credential credential = SigV4Verifier.parse(request);
        // stale or wrongly scoped requests are refused before any key is looked up, as AWS does
        SigV4Verifier.checkTimeAndScope(credential, service, clock.instant());
        if (TemporaryCredentials.isTemporary(credential.accessKeyId())) {
            return temporary.authenticate(request, credential, service).map(Caller::of);
        }
        if (!EntityType.ACCESS_KEY.isValid(credential.accessKeyId())) {
            throw new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID, "The security token included in the request is invalid.");
        }
        return keys.resolve(credential.accessKeyId()).map(holder -> {
            Instant now = clock.instant();
            verifier.verify(request, credential, holder.secret(), service, now);
            // noted in memory, written later in a batch: last use costs the request no I/O
            uses.record(credential.accessKeyId(), service, credential.region(), now);
            return holder.caller();
        });
    }
}
