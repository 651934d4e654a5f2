package dev.openiam.policy;

/** What kind of caller a request comes from; decides which {@code Principal} entries can name it. */
public enum PrincipalKind {
    /** An IAM user, role session, federated user or account root, named by ARN ({@code AWS} principals). */
    AWS,
    /** An AWS service such as {@code ec2.amazonaws.com} ({@code Service} principals). */
    SERVICE,
    /** A web identity or SAML provider ({@code Federated} principals). */
    FEDERATED,
    /** An S3 canonical user id ({@code CanonicalUser} principals). */
    CANONICAL_USER,
    /** An unauthenticated caller; only {@code "*"} names it. */
    ANONYMOUS;

    private static final java.util.Set<String> WEB_IDENTITY_PROVIDERS = java.util.Set.of(
            "cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com");

    /** Guesses the kind from the principal's text, for callers that do not say. */
    public static PrincipalKind infer(String principal) {
        if (principal == null || principal.isEmpty() || principal.equals("*") || principal.equals("anonymous")) {
            return ANONYMOUS;
        }
        if (principal.startsWith("arn:")) {
            return principal.contains(":oidc-provider/") || principal.contains(":saml-provider/") ? FEDERATED : AWS;
        }
        if (WEB_IDENTITY_PROVIDERS.contains(principal)) {
            return FEDERATED;
        }
        if (principal.endsWith(".amazonaws.com") || principal.endsWith(".amazonaws.com.cn")) {
            return SERVICE;
        }
        if (principal.length() == 64 && principal.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return CANONICAL_USER;
        }
        return AWS;
    }
}
