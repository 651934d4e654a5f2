package dev.openiam.policy.eval;

/**
 * How directly a resource-policy {@code Principal} names the caller, which decides what else must allow the
 * request in the same account (see the README's evaluation notes). Ordered weakest first.
 */
public enum Grant {
    /** The statement does not name the caller. */
    NONE,
    /** Names the caller's account (account id or {@code :root}): the account's identity policies decide. */
    ACCOUNT,
    /** Names the role of a role session: limited by the session's boundary and session policy. */
    ROLE,
    /** Names the caller itself (user ARN, session ARN, {@code *}, service, provider): grants on its own. */
    DIRECT
}
