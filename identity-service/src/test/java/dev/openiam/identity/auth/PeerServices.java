package dev.openiam.identity.auth;

import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;

import java.nio.file.Path;

/** The other services as the tests play them: each signs with its test-only key from src/test/resources/trust. */
public final class PeerServices {

    public static final ServiceKey POLICY = key("policy-service");
    public static final ServiceKey STS = key("sts-service");
    /** identity-service's own key: it is not allowed to call itself for anything. */
    public static final ServiceKey IDENTITY = key("identity-service");

    private PeerServices() {
    }

    /** A token of {@code key}'s service for one call to identity-service. */
    public static String token(ServiceKey key, Purpose purpose, String method, String path, byte[] body) {
        return new TokenIssuer(key, TrustedKeys.fromDirectory(java.nio.file.Path.of("src/test/resources/trust/trusted"))).issue("identity-service", purpose, method, path, body, null, null);
    }

    private static ServiceKey key(String service) {
        return ServiceKey.read(service, Path.of("src/test/resources/trust", service + ".pem"));
    }
}
