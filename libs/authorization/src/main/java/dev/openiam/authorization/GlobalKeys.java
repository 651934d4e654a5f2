package dev.openiam.authorization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global condition keys a front door knows from the HTTP request itself (the decision point adds those
 * of the principal: {@code aws:PrincipalArn}, {@code aws:PrincipalTag/*}, …).
 */
public final class GlobalKeys {

    /** What the HTTP request tells about the call. */
    public record Call(String sourceIp, boolean secureTransport, String userAgent) {
    }

    private GlobalKeys() {
    }

    public static Map<String, Object> of(Call call, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("aws:CurrentTime", second.toString());
        keys.put("aws:EpochTime", String.valueOf(second.getEpochSecond()));
        keys.put("aws:SecureTransport", String.valueOf(call.secureTransport()));
        keys.put("aws:MultiFactorAuthPresent", "false");
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
