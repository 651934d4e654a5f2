package dev.openiam.glue.warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warm-up requests for an AWS Query front door: each action of {@code actions} presigned (GET, SigV4 in the query) and
 * signed in the {@code Authorization} header (form POST), both as an access key that does not exist. The front door
 * parses the request and the signature's scope and looks the key up, then answers InvalidClientTokenId: its whole way
 * in and out but the action itself, with nothing written and no caller's data read. The signature is never checked (no
 * key), so it is zeros.
 */
public final class UnknownKeyQueries {

    /** The access key of every warm-up request: well formed, and never one of an account (keys are made at random). */
    public static final String ACCESS_KEY_ID = "AKIAWARMUPWARMUPWARM";
    private static final String REGION = "us-east-1";
    private static final String SIGNATURE = "0".repeat(64);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private UnknownKeyQueries() {
    }

    /** The requests for {@code service}'s signing name (iam, sts, cloudtrail), API {@code version}, made at {@code now}. */
    public static List<WarmUpRequests.Request> of(String service, String version, List<String> actions, Instant now) {
        String scope = DATE.format(now) + "/" + REGION + "/" + service + "/aws4_request";
        String time = TIME.format(now);
        List<WarmUpRequests.Request> requests = new ArrayList<>();
        for (String action : actions) {
            String form = "Action=" + action + "&Version=" + version;
            requests.add(new WarmUpRequests.Request("GET", "/?" + form + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                    + ACCESS_KEY_ID + "%2F" + scope.replace("/", "%2F") + "&X-Amz-Date=" + time
                    + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE, Map.of(), new byte[0]));
            requests.add(new WarmUpRequests.Request("POST", "/", Map.of(
                    "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                    "X-Amz-Date", time,
                    "Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/" + scope
                            + ", SignedHeaders=content-type;host;x-amz-date, Signature=" + SIGNATURE),
                    form.getBytes(StandardCharsets.UTF_8)));
        }
        return List.copyOf(requests);
    }
}
