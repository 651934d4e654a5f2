package dev.openiam.internalauth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authenticated end caller on whose behalf one service calls another.
 *
 * @param arn                the principal's ARN (the token's {@code sub}): a user's, an account root's, or a session's
 *                           ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION})
 * @param accountId          its account ({@code acct})
 * @param principalId        the user's unique id, the account id for root, {@code AROA…:SESSION} for a role session ({@code pid})
 * @param accessKeyId        the key that signed the original request ({@code akid})
 * @param root               whether it is the account's root user ({@code root})
 * @param mfaAuthenticatedAt when the caller's session was authenticated with MFA ({@code mfa}, epoch seconds);
 *                           {@code null} for long-term keys and sessions made without MFA
 * @param session            what temporary credentials add ({@code ses}); {@code null} for long-term keys
 */
public record CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root,
                           Instant mfaAuthenticatedAt, SessionContext session) {

    /** A caller that did not authenticate with MFA (long-term access keys). */
    public CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root) {
        this(arn, accountId, principalId, accessKeyId, root, null, null);
    }

    public CallerClaims(String arn, String accountId, String principalId, String accessKeyId, boolean root,
                        Instant mfaAuthenticatedAt) {
        this(arn, accountId, principalId, accessKeyId, root, mfaAuthenticatedAt, null);
    }

    /** As JSON-shaped values, for an internal answer (instants in epoch seconds). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("arn", arn);
        map.put("accountId", accountId);
        map.put("principalId", principalId);
        map.put("accessKeyId", accessKeyId);
        map.put("root", root);
        if (mfaAuthenticatedAt != null) {
            map.put("mfaAuthenticatedAt", mfaAuthenticatedAt.getEpochSecond());
        }
        if (session != null) {
            map.put("session", session.toMap());
        }
        return map;
    }

    /** The caller {@link #toMap()} wrote. */
    public static CallerClaims fromMap(Map<?, ?> map) {
        Object mfa = map.get("mfaAuthenticatedAt");
        return new CallerClaims((String) map.get("arn"), (String) map.get("accountId"), (String) map.get("principalId"),
                (String) map.get("accessKeyId"), Boolean.TRUE.equals(map.get("root")),
                mfa == null ? null : Instant.ofEpochSecond(((Number) mfa).longValue()),
                SessionContext.fromMap((Map<?, ?>) map.get("session")));
    }
}
