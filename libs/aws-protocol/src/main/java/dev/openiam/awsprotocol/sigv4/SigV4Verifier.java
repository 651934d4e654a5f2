package dev.openiam.awsprotocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 on incoming requests, as AWS does for non-S3 services (IAM,
 * STS): {@link #parse} reads what the request claims, the caller looks up the secret of the
 * claimed key (unknown or inactive: {@link SigV4Errors#invalidClientTokenId()}), then
 * {@link #verify} recomputes the signature and compares it in constant time.
 *
 * <p>Thread-safe. One instance keeps a bounded cache of derived signing keys, so share it.
 */
public final class SigV4Verifier {

    /** How far the request time may be from now, either way (AWS: 15 minutes). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** Signing keys kept by default. */
    public static final int DEFAULT_CACHE_SIZE = 1024;

    private final SigningKeyCache keys;

    public SigV4Verifier() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** @param signingKeyCacheSize how many derived signing keys to keep; 0 disables the cache */
    public SigV4Verifier(int signingKeyCacheSize) {
        if (signingKeyCacheSize < 0) {
            throw new IllegalArgumentException("signingKeyCacheSize must be >= 0");
        }
        this.keys = new SigningKeyCache(signingKeyCacheSize);
    }

    /**
     * Reads the credential a request claims, from its {@code Authorization} header or, failing
     * that, its presigned query parameters. Checks the form only, not the signature.
     *
     * @throws dev.openiam.model.IamException {@code MissingAuthenticationToken} when the request
     *         carries neither; {@code IncompleteSignature} when a part is missing or malformed;
     *         {@code SignatureDoesNotMatch} when {@code host} is not signed or the scope does not
     *         end in {@code aws4_request}
     */
    public static SigV4Credential parse(HttpRequestData request) {
        return SigV4Parser.parse(request);
    }

    /**
     * The checks that need no secret: the request time (15 minutes either way for the header form;
     * {@code X-Amz-Expires} for the presigned form), the service and date of the credential scope.
     * {@link #verify} runs them too; call this first to refuse a stale request before looking up
     * its key, as AWS does.
     *
     * @throws dev.openiam.model.IamException {@code SignatureDoesNotMatch} or, for an expired
     *         presigned request, {@code RequestExpired}
     */
    public static void checkTimeAndScope(SigV4Credential credential, String expectedService, Instant now) {
        checkTime(credential, now);
        List<String> problems = new ArrayList<>();
        if (credential.region().isEmpty()) {
            problems.add("Credential should be scoped to a valid region, not ''.");
        }
        if (!credential.service().equals(expectedService)) {
            problems.add("Credential should be scoped to correct service: '" + expectedService + "'.");
        }
        String requestDate = SigV4Parser.SCOPE_DATE.format(credential.requestTime());
        if (!credential.date().equals(requestDate)) {
            problems.add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + credential.date() + "' != '" + requestDate + "', from '"
                    + SigV4Parser.isoBasic(credential.requestTime()) + "'.");
        }
        if (!problems.isEmpty()) {
            throw SigV4Errors.signatureDoesNotMatch(String.join(" ", problems));
        }
    }

    private static void checkTime(SigV4Credential credential, Instant now) {
        Instant time = credential.requestTime();
        if (time.isAfter(now.plus(MAX_SKEW))) {
            throw SigV4Errors.signatureDoesNotMatch("Signature not yet current: " + SigV4Parser.isoBasic(time)
                    + " is still later than " + SigV4Parser.isoBasic(now.plus(MAX_SKEW)) + " ("
                    + SigV4Parser.isoBasic(now) + " + 15 min.)");
        }
        if (credential.presigned()) {
            if (now.isAfter(time.plus(credential.expires()))) {
                throw SigV4Errors.requestExpired();
            }
        } else if (time.isBefore(now.minus(MAX_SKEW))) {
            throw SigV4Errors.signatureDoesNotMatch("Signature expired: " + SigV4Parser.isoBasic(time)
                    + " is now earlier than " + SigV4Parser.isoBasic(now.minus(MAX_SKEW)) + " ("
                    + SigV4Parser.isoBasic(now) + " - 15 min.)");
        }
    }

    /**
     * Checks the signature of {@code request} against {@code secretAccessKey}: time and scope as
     * {@link #checkTimeAndScope}, then the recomputed signature, compared in constant time. Any
     * region is accepted. The payload is always hashed from the body; an
     * {@code X-Amz-Content-Sha256} header that disagrees with the body fails.
     *
     * @throws dev.openiam.model.IamException {@code SignatureDoesNotMatch} on a wrong signature,
     *         service, scope date or a request time more than 15 minutes from {@code now};
     *         {@code RequestExpired} for a presigned request past its expiry
     */
    public void verify(HttpRequestData request, SigV4Credential credential, String secretAccessKey,
            String expectedService, Instant now) {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        checkTimeAndScope(credential, expectedService, now);
        String payloadHash = Encoding.sha256Hex(request.body());
        String claimedHash = request.header("X-Amz-Content-Sha256");
        if (claimedHash != null && !claimedHash.strip().toLowerCase(Locale.ROOT).equals(payloadHash)) {
            throw SigV4Errors.signatureMismatch();
        }
        String stringToSign = stringToSign(credential, CanonicalRequest.build(request, credential, payloadHash));
        byte[] key = keys.signingKey(secretAccessKey, credential.date(), credential.region(), credential.service());
        byte[] expected = Encoding.hex(SigningKeyCache.hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = credential.signature().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw SigV4Errors.signatureMismatch();
        }
    }

    /** The canonical request of {@code request} as its signer built it, with the body's SHA-256. */
    public static String canonicalRequest(HttpRequestData request, SigV4Credential credential) {
        return CanonicalRequest.build(request, credential, Encoding.sha256Hex(request.body()));
    }

    /** The string to sign: algorithm, request time, scope and the hash of the canonical request. */
    public static String stringToSign(SigV4Credential credential, String canonicalRequest) {
        return SigV4Parser.ALGORITHM + '\n' + SigV4Parser.isoBasic(credential.requestTime()) + '\n'
                + credential.scope() + '\n'
                + Encoding.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature of a string to sign, lower-case hex; for tests and for signing clients. */
    public static String signature(String secretAccessKey, SigV4Credential credential, String stringToSign) {
        byte[] key = SigningKeyCache.derive(secretAccessKey, credential.date(), credential.region(),
                credential.service());
        return Encoding.hex(SigningKeyCache.hmac(key, stringToSign));
    }

    int cachedKeys() {
        return keys.size();
    }
}
