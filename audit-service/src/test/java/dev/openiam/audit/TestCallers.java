package dev.openiam.audit;

import dev.openiam.audit.caller.ActionAuthorization;
import dev.openiam.audit.caller.CallerAuthentication;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import dev.openiam.awsprotocol.sigv4.SigV4Credential;
import dev.openiam.awsprotocol.sigv4.SigV4Errors;
import dev.openiam.awsprotocol.sigv4.SigV4Verifier;
import dev.openiam.internalauth.CallerClaims;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only stand-in for identity-service's authentication and policy-service's decisions, until the shared
 * clients land: a request is verified with this repository's SigV4 verifier against the keys registered here (as
 * identity-service verifies it), and an action is allowed only to the principals registered as allowed.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestCallers implements CallerAuthentication, ActionAuthorization {

    /** A registered access key and the caller it belongs to. */
    public record Key(String accessKeyId, String secret, CallerClaims caller) {
    }

    private final SigV4Verifier verifier = new SigV4Verifier();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** A new key of IAM user {@code name} in {@code accountId}, allowed to call CloudTrail when {@code allow}. */
    public Key user(String accountId, String name, boolean allow) {
        String id = "AKIA" + Long.toString(Math.abs(System.nanoTime()), 36).toUpperCase();
        CallerClaims caller = new CallerClaims("arn:aws:iam::" + accountId + ":user/" + name, accountId,
                "AIDA" + name.toUpperCase(), id, false);
        Key key = new Key(id, "secret-of-" + name + "-" + id, caller);
        keys.put(id, key);
        if (allow) {
            allowed.add(caller.arn());
        }
        return key;
    }

    /** Every decision asked for so far: caller ARN and action. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Uni<CallerClaims> authenticate(HttpRequestData data) {
        return Uni.createFrom().item(() -> {
            SigV4Credential claimed = SigV4Verifier.parse(data);
            Key key = keys.get(claimed.accessKeyId());
            if (key == null) {
                throw SigV4Errors.invalidClientTokenId();
            }
            verifier.verify(data, claimed, key.secret(), SERVICE, Instant.now());
            return key.caller();
        });
    }

    @Override
    public Uni<Decision> authorize(CallerClaims caller, String action, String resource, Map<String, Object> context) {
        asked.add(caller.arn() + " " + action);
        boolean allow = allowed.contains(caller.arn()) && resource.equals("*");
        return Uni.createFrom().item(new Decision(allow, allow ? null : "User: " + caller.arn() + " is not authorized to perform: "
                + action + " because no identity-based policy allows the " + action + " action"));
    }
}
