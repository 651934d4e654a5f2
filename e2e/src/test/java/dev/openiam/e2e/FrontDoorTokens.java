package dev.openiam.e2e;

import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;

import java.nio.charset.StandardCharsets;

/**
 * The tests playing identity-service towards policy-service: tokens signed with the front door's own key, as
 * iam-local generated it under {@code $IAM_HOME/keys}, one per call and bound to its exact body. (What only a
 * holder of that private key can do: the tests read it from the local system's files.)
 */
final class FrontDoorTokens {

    private static volatile TokenIssuer issuer;

    private FrontDoorTokens() {
    }

    /** A decide token for {@code path} with {@code json}. */
    static String decide(String path, String json) {
        return decide(path, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A decide token for {@code path} with exactly {@code body}'s bytes. */
    static String decide(String path, byte[] body) {
        return issuer().issue("policy-service", Purpose.DECIDE, "POST", path, body, null, null);
    }

    /** A forward token for {@code action} (e.g. {@code CreatePolicy}) by {@code caller} with {@code json}. */
    static String forward(String action, CallerClaims caller, String json) {
        return issuer().issue("policy-service", Purpose.FORWARD, "POST", "/internal/v1/iam", json.getBytes(StandardCharsets.UTF_8),
                caller, "iam:" + action);
    }

    private static TokenIssuer issuer() {
        if (issuer == null) {
            LocalSystem system = LocalSystem.get();
            issuer = new TokenIssuer(ServiceKey.read("identity-service", system.keysDir().resolve("identity-service.pem")),
                    TrustedKeys.fromDirectory(system.keysDir()));
        }
        return issuer;
    }
}
