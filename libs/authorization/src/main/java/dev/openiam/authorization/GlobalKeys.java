package dev.openiam.authorization;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global condition keys a front door knows from the HTTP request itself and from how the caller authenticated
 * (the decision point adds those of the principal: {@code aws:PrincipalArn}, {@code aws:PrincipalTag/*}, …).
 */
public final class GlobalKeys {

    /** What the HTTP request tells about the call. */
    public record Call(String sourceIp, boolean secureTransport, String userAgent) {
    }

    private GlobalKeys() {
    }

    /**
     * The keys of a call. {@code mfaAuthenticatedAt} is when the caller's session was authenticated with MFA: with it,
     * {@code aws:MultiFactorAuthPresent} is {@code true} and {@code aws:MultiFactorAuthAge} the seconds since; without
     * it (long-term access keys, sessions made without MFA) neither key is present, as on AWS, so that
     * {@code Bool} conditions on them do not match and {@code BoolIfExists} ones do.
     */
    public static Map<String, Object> of(Call call, Instant mfaAuthenticatedAt, Instant now) {
        return of(call, mfaAuthenticatedAt, false, now);
    }

    /**
     * The keys of a call; with {@code temporaryCredentials} and no MFA, {@code aws:MultiFactorAuthPresent} is present
     * and {@code false}, as AWS sets it for every request signed with temporary credentials.
     */
    public static Map<String, Object> of(Call call, Instant mfaAuthenticatedAt, boolean temporaryCredentials, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("aws:CurrentTime", second.toString());
        keys.put("aws:EpochTime", String.valueOf(second.getEpochSecond()));
        keys.put("aws:SecureTransport", String.valueOf(call.secureTransport()));
        if (mfaAuthenticatedAt != null) {
            keys.put("aws:MultiFactorAuthPresent", "true");
            long age = Duration.between(mfaAuthenticatedAt, now).getSeconds();
            keys.put("aws:MultiFactorAuthAge", String.valueOf(Math.max(0, age)));
        } else if (temporaryCredentials) {
            keys.put("aws:MultiFactorAuthPresent", "false");
        }
        keys.put("aws:RequestedRegion", "us-east-1");
        if (call.sourceIp() != null) {
            keys.put("aws:SourceIp", call.sourceIp());
        }
        if (call.userAgent() != null) {
            keys.put("aws:UserAgent", call.userAgent());
        }
        return keys;
    }
}
