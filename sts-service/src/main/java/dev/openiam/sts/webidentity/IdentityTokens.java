package dev.openiam.sts.webidentity;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Web identity tokens (OpenID Connect ID tokens, Kubernetes service-account tokens) read and checked with jose4j as
 * STS checks them: a JWS signed with one of the issuer's keys (RS256/384/512 or ES256/384/512; never {@code none} or
 * an HMAC), {@code iss} the provider's URL, {@code aud} (a string or an array) holding one of its client ids, a
 * {@code sub}, and {@code exp}/{@code nbf}/{@code iat} within a small clock skew. Plain Java: no HTTP, no Quarkus.
 */
public final class IdentityTokens {

    /** botocore's bounds of {@code WebIdentityToken}. */
    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 20_000;
    static final String NOT_VALIDATED = "The web identity token that was passed could not be validated. Get a new identity token "
            + "from the identity provider and then retry the request.";
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
    /** The claim AWS reads a session's source identity from. */
    static final String SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";
    /** The claim AWS reads session tags from: {@code {"principal_tags": {"k": ["v"]}, "transitive_tag_keys": ["k"]}}. */
    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";

    private IdentityTokens() {
    }

    /** What a token says before it is checked: who issued it, which of its keys signed it, whom it names (or {@code null}). */
    public record Unverified(String issuer, String keyId, String subject) {
    }

    /**
     * A checked token: its issuer, subject, the audience that is one of the provider's client ids, and more claims —
     * the session tags and transitive tag keys of its {@value #TAGS_CLAIM} claim, in the token's order.
     */
    public record Verified(String issuer, String subject, String audience, List<String> amr, String sourceIdentity,
                           List<Tag> tags, List<String> transitiveTagKeys) {
    }

    /** The issuer and key id of a signed token, unchecked; InvalidIdentityToken if it is no signed JWT with an issuer. */
    public static Unverified peek(String token) {
        try {
            JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().setRelaxVerificationKeyValidation().build().process(token);
            if (context.getJoseObjects().size() != 1 || !(context.getJoseObjects().get(0) instanceof JsonWebSignature jws)) {
                throw invalid(NOT_VALIDATED);
            }
            String issuer = context.getJwtClaims().getIssuer();
            if (issuer == null || issuer.isBlank()) {
                throw invalid("The token has no iss claim.");
            }
            return new Unverified(issuer, jws.getKeyIdHeaderValue(), context.getJwtClaims().getSubject());
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            if (e instanceof IamException iam) {
                throw iam;
            }
            throw invalid(NOT_VALIDATED);
        }
    }

    /**
     * Checks {@code token} against the issuer's {@code keys}, its {@code issuer} and {@code clientIds} at {@code now}.
     * InvalidIdentityToken for anything wrong, ExpiredTokenException past {@code exp}.
     */
    public static Verified verify(String token, String issuer, List<String> clientIds, List<JsonWebKey> keys, Instant now,
                                  Duration skew) {
        int skewSeconds = (int) skew.toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(true, issuer)
                .setExpectedAudience(true, clientIds.toArray(String[]::new))
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .setJwsAlgorithmConstraints(ALGORITHMS)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            NumericDate issuedAt = claims.getIssuedAt();
            if (issuedAt != null && issuedAt.getValue() > now.getEpochSecond() + skewSeconds) {
                throw invalid("The token was issued in the future (iat " + issuedAt.getValue() + ").");
            }
            List<String> audiences = claims.getAudience();
            String audience = audiences.stream().filter(clientIds::contains).findFirst().orElseThrow();
            List<String> amr = claims.hasClaim("amr") ? claims.getStringListClaimValue("amr") : List.of();
            String sourceIdentity = claims.hasClaim(SOURCE_IDENTITY_CLAIM) ? claims.getStringClaimValue(SOURCE_IDENTITY_CLAIM) : null;
            List<Tag> tags = new ArrayList<>();
            List<String> transitive = new ArrayList<>();
            if (claims.hasClaim(TAGS_CLAIM)) {
                sessionTags(claims.getClaimValue(TAGS_CLAIM), tags, transitive);
            }
            return new Verified(claims.getIssuer(), claims.getSubject(), audience, amr, sourceIdentity, tags, transitive);
        } catch (InvalidJwtException e) {
            throw refusal(e, now);
        } catch (MalformedClaimException e) {
            throw invalid(NOT_VALIDATED);
        }
    }

    /** Reads the tags claim as AWS lays it out: each principal tag's value a one-element array. */
    private static void sessionTags(Object claim, List<Tag> tags, List<String> transitive) {
        if (!(claim instanceof Map<?, ?> map)) {
            throw invalid("The " + TAGS_CLAIM + " claim is not an object.");
        }
        if (map.get("principal_tags") instanceof Map<?, ?> principalTags) {
            for (Map.Entry<?, ?> tag : principalTags.entrySet()) {
                if (!(tag.getValue() instanceof List<?> values) || values.size() != 1 || !(values.get(0) instanceof String value)) {
                    throw invalid("The value of session tag " + tag.getKey() + " must be an array of one string.");
                }
                tags.add(new Tag(String.valueOf(tag.getKey()), value));
            }
        } else if (map.get("principal_tags") != null) {
            throw invalid("principal_tags of the " + TAGS_CLAIM + " claim is not an object.");
        }
        if (map.get("transitive_tag_keys") instanceof List<?> keys) {
            keys.forEach(key -> transitive.add(String.valueOf(key)));
        } else if (map.get("transitive_tag_keys") != null) {
            throw invalid("transitive_tag_keys of the " + TAGS_CLAIM + " claim is not an array.");
        }
    }

    private static IamException refusal(InvalidJwtException e, Instant now) {
        if (e.hasExpired()) {
            String expiry = "";
            try {
                expiry = " " + e.getJwtContext().getJwtClaims().getExpirationTime().getValue();
            } catch (MalformedClaimException | RuntimeException ignored) {
                // the expiry is named when it can be read
            }
            return new IamException(ErrorCode.EXPIRED_TOKEN_EXCEPTION, "Token expired: current date/time " + now.getEpochSecond()
                    + " must be before the expiration date/time" + expiry);
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return invalid("Incorrect token audience");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return invalid("Incorrect token issuer");
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return invalid("The token is not valid yet (nbf).");
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return invalid("The token has no exp claim.");
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return invalid("The token has no sub claim.");
        }
        return invalid(NOT_VALIDATED);
    }

    static IamException invalid(String message) {
        return new IamException(ErrorCode.INVALID_IDENTITY_TOKEN, message);
    }
}
