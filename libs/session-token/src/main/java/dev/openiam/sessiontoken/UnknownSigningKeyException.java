package dev.openiam.sessiontoken;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

/**
 * A session token signed with a key the verifier does not know (yet): InvalidClientTokenId, as any token refused, but
 * telling the verifier that fetching sts-service's published keys anew may help (a key rotated in since they were read).
 */
public final class UnknownSigningKeyException extends IamException {

    public UnknownSigningKeyException() {
        super(ErrorCode.INVALID_CLIENT_TOKEN_ID, SessionTokenVerifier.INVALID);
    }
}
