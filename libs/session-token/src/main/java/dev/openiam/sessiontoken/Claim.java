package dev.openiam.sessiontoken;

/** The private claim names of a session token (short: a token travels with every request). */
final class Claim {
    static final String ACCESS_KEY_ID = "akid";
    static final String SECRET = "sak";
    static final String ACCOUNT = "acct";
    static final String PRINCIPAL_ID = "pid";
    static final String SOURCE_ARN = "src";
    static final String TYPE = "ptyp";
    static final String MFA_AT = "mfa";
    static final String POLICY = "pol";
    static final String POLICY_ARNS = "parn";
    static final String TAGS = "tags";
    static final String TRANSITIVE = "ttk";
    static final String SOURCE_IDENTITY = "sid";
    static final String PROVIDER = "fed";
    static final String CHAINED = "chn";
    static final String CONSOLE = "con";

    private Claim() {
    }
}
