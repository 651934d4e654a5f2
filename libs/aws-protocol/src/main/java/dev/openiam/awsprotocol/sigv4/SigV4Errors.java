package dev.openiam.awsprotocol.sigv4;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

/**
 * The errors AWS answers when authentication fails, with AWS's own messages (as IAM and STS send
 * them in the Query protocol), so clients that match on them (clock-skew retries in the SDKs) work.
 */
public final class SigV4Errors {

    /** The message of every signature mismatch. */
    public static final String SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match "
            + "the signature you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.";

    private SigV4Errors() {
    }

    /** No {@code Authorization} header and no presigned query parameters. */
    public static IamException missingAuthenticationToken() {
        return new IamException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
    }

    /** The access key id names no key, or an inactive one. */
    public static IamException invalidClientTokenId() {
        return new IamException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                "The security token included in the request is invalid.");
    }

    /** The recomputed signature differs from the one given. */
    public static IamException signatureMismatch() {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH_MESSAGE);
    }

    static IamException signatureDoesNotMatch(String message) {
        return new IamException(ErrorCode.SIGNATURE_DOES_NOT_MATCH, message);
    }

    static IamException incomplete(String message) {
        return new IamException(ErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    static IamException requestExpired() {
        return new IamException(ErrorCode.REQUEST_EXPIRED, "Request has expired.");
    }
}
