package dev.openiam.bench.workload;

import java.util.List;

/**
 * One condition of a generated statement, in engine-neutral form; each engine's translator renders it.
 *
 * @param kind   which IAM condition it stands for
 * @param values its values (policy variables allowed where IAM allows them)
 */
public record ConditionSpec(Kind kind, List<String> values) {

    /** The IAM conditions the workload uses, with the request context key each reads. */
    public enum Kind {
        /** {@code StringEquals aws:PrincipalTag/team}. */
        PRINCIPAL_TEAM_EQUALS("StringEquals", "aws:PrincipalTag/team"),
        /** {@code StringLike s3:prefix}, values with {@code ${aws:username}}. */
        PREFIX_LIKE("StringLike", "s3:prefix"),
        /** {@code IpAddress aws:SourceIp}. */
        SOURCE_IP_IN("IpAddress", "aws:SourceIp"),
        /** {@code NotIpAddress aws:SourceIp}. */
        SOURCE_IP_NOT_IN("NotIpAddress", "aws:SourceIp"),
        /** {@code Bool aws:SecureTransport}. */
        SECURE_TRANSPORT("Bool", "aws:SecureTransport"),
        /** {@code NumericLessThan aws:MultiFactorAuthAge}: false when the key is missing. */
        MFA_AGE_BELOW("NumericLessThan", "aws:MultiFactorAuthAge"),
        /** {@code StringEqualsIfExists aws:RequestedRegion}: true when the key is missing. */
        REGION_IF_EXISTS("StringEqualsIfExists", "aws:RequestedRegion");

        private final String operator;
        private final String key;

        Kind(String operator, String key) {
            this.operator = operator;
            this.key = key;
        }

        public String operator() {
            return operator;
        }

        public String key() {
            return key;
        }
    }
}
