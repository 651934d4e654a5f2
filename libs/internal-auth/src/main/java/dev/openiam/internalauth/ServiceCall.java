package dev.openiam.internalauth;

/**
 * A verified service-to-service call.
 *
 * @param issuer  the calling service ({@code iss}), whose key signed the token
 * @param purpose what the token was minted for
 * @param caller  the end caller it acts for, or {@code null} when the service calls on its own behalf
 * @param action  the IAM action a forward token binds ({@code act}), or {@code null}
 * @param jti     the token's id, now spent
 */
public record ServiceCall(String issuer, Purpose purpose, CallerClaims caller, String action, String jti) {
}
