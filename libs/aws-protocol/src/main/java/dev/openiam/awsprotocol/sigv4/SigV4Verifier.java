package dev.openiam.awsprotocol.sigv4;

import java.time.Instant;

/**
 * Verifies AWS Signature Version 4 on incoming requests, as AWS does for non-S3 services (IAM,
 * STS): parse what the request claims with {@link #parse}, look up the secret of the claimed key,
 * then {@link #verify}. Thread-safe; one instance caches derived signing keys.
 */
public final class SigV4Verifier {

    public SigV4Verifier() {
    }

    /**
     * Reads the credential a request claims, from its {@code Authorization} header or its presigned
     * query parameters.
     *
     * @throws dev.openiam.model.IamException {@code MissingAuthenticationToken} when the request
     *         carries no signature, {@code IncompleteSignature} when it is malformed
     */
    public static SigV4Credential parse(HttpRequestData request) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Checks the signature of {@code request} against {@code secretAccessKey}.
     *
     * @throws dev.openiam.model.IamException {@code SignatureDoesNotMatch} on a wrong signature, a
     *         wrong service or a request time more than 15 minutes from {@code now};
     *         {@code RequestExpired} for a presigned request past its expiry
     */
    public void verify(HttpRequestData request, SigV4Credential credential, String secretAccessKey,
            String expectedService, Instant now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The canonical request of {@code request}, as the signer built it. */
    public static String canonicalRequest(HttpRequestData request, SigV4Credential credential) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The string to sign for a canonical request. */
    public static String stringToSign(SigV4Credential credential, String canonicalRequest) {
        throw new UnsupportedOperationException("not yet");
    }
}
