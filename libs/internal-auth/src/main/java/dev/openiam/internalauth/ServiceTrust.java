package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One service's side of service-to-service trust, built from its {@link TrustConfig}: its own key (to sign what it
 * sends, and to publish), the peers' keys and who may call for what (to verify what it receives). It never fails
 * to build: without usable keys it refuses every internal call and says why ({@link #problem()}, for readiness).
 */
public final class ServiceTrust {

    private static final Logger LOG = Logger.getLogger(ServiceTrust.class);

    /** The shortest time between two readings of the trusted keys asked for by an unknown key or a refusal. */
    public static final Duration REREAD_INTERVAL = Duration.ofSeconds(10);

    private final String service;
    private final ServiceKey key;
    private final PeerKeys peers;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final String problem;

    private ServiceTrust(String service, ServiceKey key, PeerKeys peers, TokenVerifier verifier, Clock clock, String problem) {
        this.service = service;
        this.key = key;
        this.peers = peers;
        this.issuer = peers == null ? null : new TokenIssuer(peers, clock);
        this.verifier = verifier;
        this.problem = problem;
    }

    /** {@code service}'s trust from its configuration, read now. */
    public static ServiceTrust load(String service, TrustConfig config) {
        return load(service, config.serviceKeyFile(), config.trustedKeysDir(), allowed(config.allow()), config.replayCapacity(),
                Clock.systemUTC());
    }

    static ServiceTrust load(String service, Optional<Path> keyFile, Optional<Path> trustedKeysDir,
                             Map<Purpose, Set<String>> allowed, int replayCapacity, Clock clock) {
        ServiceKey key = null;
        PeerKeys peers = null;
        TokenVerifier verifier = null;
        String problem = null;
        try {
            key = keyFile.map(file -> ServiceKey.read(service, file)).orElse(null);
            if (key == null) {
                problem = "no service key file (iam.trust.service-key-file)";
            }
        } catch (RuntimeException e) {
            problem = "the service key cannot be used: " + e.getMessage();
        }
        try {
            TrustedKeys keys = trustedKeysDir.map(TrustedKeys::fromDirectory).orElse(null);
            if (keys == null || keys.isEmpty()) {
                problem = problem != null ? problem : "no trusted keys (iam.trust.trusted-keys-dir)";
            } else if (key != null) {
                Path dir = trustedKeysDir.get();
                peers = new PeerKeys(key, keys, () -> TrustedKeys.fromDirectory(dir), REREAD_INTERVAL,
                        ForkJoinPool.commonPool(), clock);
                verifier = new TokenVerifier(peers, allowed, clock, replayCapacity);
                LOG.infof("%s trusts the keys of %s; allowed callers by purpose: %s", service, keys.services(), allowed);
            }
        } catch (RuntimeException e) {
            problem = problem != null ? problem : "the trusted keys cannot be used: " + e.getMessage();
        }
        if (problem != null) {
            LOG.warnf("%s: %s; every internal call is refused", service, problem);
            return new ServiceTrust(service, key, peers, null, clock, problem);
        }
        LOG.infof("%s signs with key %s; its key-agreement key is %s", service, key.kid(), key.agreementKey().kid());
        return new ServiceTrust(service, key, peers, verifier, clock, null);
    }

    /** The {@code iam.trust.allow.*} lists by purpose; an unknown purpose name is a configuration error. */
    static Map<Purpose, Set<String>> allowed(Map<String, List<String>> allow) {
        Map<Purpose, Set<String>> allowed = new EnumMap<>(Purpose.class);
        allow.forEach((name, services) -> {
            Purpose purpose = Purpose.fromClaim(name);
            if (purpose == null) {
                throw new IllegalArgumentException("iam.trust.allow." + name + " names no purpose (forward, decide, authenticate, snapshot)");
            }
            Set<String> names = new LinkedHashSet<>();
            services.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
            allowed.put(purpose, Set.copyOf(names));
        });
        return allowed;
    }

    /** This service's name. */
    public String service() {
        return service;
    }

    /** Whether internal calls can be made and checked at all. */
    public boolean usable() {
        return problem == null;
    }

    /** Why internal calls are refused, when they are. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** A token for one call (see {@link TokenIssuer#issue}); ServiceUnavailable when this service has no usable key. */
    public String issue(String audience, Purpose purpose, String method, String path, byte[] body, CallerClaims caller,
                        String action) {
        if (!usable()) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls are not configured");
        }
        return issuer.issue(audience, purpose, method, path, body, caller, action);
    }

    /** The call a token proves (see {@link TokenVerifier#verify}); AccessDenied when this service cannot verify. */
    public ServiceCall verify(String authorizationHeader, Purpose purpose, String method, String path, byte[] body) {
        if (!usable()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, TokenVerifier.DENIED);
        }
        return verifier.verify(authorizationHeader, purpose, method, path, body);
    }

    /** The pairwise MAC keys of this service and its peers; empty when this service has no usable key or peers. */
    public Optional<PeerKeys> peerKeys() {
        return Optional.ofNullable(peers);
    }

    /**
     * A peer refused this service's token (it may hold a key this service does not know yet): the trusted keys are
     * read again, at most once per {@link #REREAD_INTERVAL}.
     */
    public void peerRefused() {
        if (peers != null) {
            peers.refreshSoon();
        }
    }

    /** This service's public signing and key-agreement keys as a JWKS document (no keys when it has none). */
    public String publicJwks() {
        return key == null ? "{\"keys\":[]}" : key.trustJwks();
    }
}
