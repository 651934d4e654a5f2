package dev.openiam.internalauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a caller signing with temporary credentials brings to every decision beyond its ARN: the principal the session
 * acts for, when it was issued, its session policies and tags. It travels from the front door that opened the session
 * token to the decision point, inside service tokens and internal answers, as {@link #toMap()}; never the secret.
 *
 * @param sourceArn         who the session acts for: the role's ARN ({@code aws:PrincipalArn}) or the user's
 * @param type              CloudTrail's userIdentity type: {@code AssumedRole}, {@code FederatedUser}, {@code IAMUser},
 *                          {@code WebIdentityUser}
 * @param issuedAt          {@code aws:TokenIssueTime}
 * @param expiresAt         when the credentials stop working
 * @param policy            the inline session policy, or {@code null}
 * @param policyArns        the managed session policies
 * @param tags              session tags: {@code aws:PrincipalTag/*} over the principal's own
 * @param transitiveTagKeys the session tags that survive role chaining
 * @param sourceIdentity    {@code sts:SourceIdentity}, or {@code null}
 * @param federatedProvider {@code aws:FederatedProvider}, or {@code null}
 * @param chained           whether a role session assumed this one
 * @param console           whether it is a console sign-in's session (of an IAM user or root: it reaches the IAM API
 *                          with or without MFA, unlike GetSessionToken's)
 */
public record SessionContext(String sourceArn, String type, Instant issuedAt, Instant expiresAt, String policy,
                             List<String> policyArns, Map<String, String> tags, List<String> transitiveTagKeys,
                             String sourceIdentity, String federatedProvider, boolean chained, boolean console) {

    /** A session the API issued (not a console sign-in's). */
    public SessionContext(String sourceArn, String type, Instant issuedAt, Instant expiresAt, String policy,
                          List<String> policyArns, Map<String, String> tags, List<String> transitiveTagKeys,
                          String sourceIdentity, String federatedProvider, boolean chained) {
        this(sourceArn, type, issuedAt, expiresAt, policy, policyArns, tags, transitiveTagKeys, sourceIdentity,
                federatedProvider, chained, false);
    }

    public SessionContext {
        policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
    }

    /** As JSON-shaped values (instants in epoch seconds), for a token claim or an internal answer. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sourceArn", sourceArn);
        map.put("type", type);
        map.put("issuedAt", issuedAt.getEpochSecond());
        map.put("expiresAt", expiresAt.getEpochSecond());
        if (policy != null) {
            map.put("policy", policy);
        }
        map.put("policyArns", policyArns);
        map.put("tags", tags);
        map.put("transitiveTagKeys", transitiveTagKeys);
        if (sourceIdentity != null) {
            map.put("sourceIdentity", sourceIdentity);
        }
        if (federatedProvider != null) {
            map.put("federatedProvider", federatedProvider);
        }
        map.put("chained", chained);
        if (console) {
            map.put("console", true);
        }
        return map;
    }

    /** The context {@link #toMap()} wrote; {@code null} for {@code null}. Wrongly typed values throw. */
    public static SessionContext fromMap(Map<?, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (map.get("tags") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> tags.put((String) key, (String) value));
        }
        return new SessionContext((String) map.get("sourceArn"), (String) map.get("type"), seconds(map.get("issuedAt")),
                seconds(map.get("expiresAt")), (String) map.get("policy"), strings(map.get("policyArns")), tags,
                strings(map.get("transitiveTagKeys")), (String) map.get("sourceIdentity"), (String) map.get("federatedProvider"),
                Boolean.TRUE.equals(map.get("chained")), Boolean.TRUE.equals(map.get("console")));
    }

    private static Instant seconds(Object value) {
        return Instant.ofEpochSecond(((Number) value).longValue());
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add((String) item));
        }
        return strings;
    }
}
