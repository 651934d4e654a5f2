package dev.openiam.sts.signingkeys;

import dev.openiam.glue.session.SessionConfig;
import dev.openiam.glue.session.SessionSigningKeys;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * sts-service's rotating session-signing keys: the newest unretired key signs new session tokens ({@link #current});
 * every key whose tokens may still be valid is published ({@link #jwks}, {@code GET /internal/v1/session-keys}), so a
 * retired key keeps verifying until the last token it signed expires. Every replica reads the keys at start and every
 * {@code check-interval}, and the one that finds the signing key older than {@code rotation-period} makes the next
 * (under a database lock: one rotation per period). sts-service verifies its own tokens with these keys too.
 */
@Singleton
public class SigningKeys implements SessionSigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(1);

    private record Snapshot(ServiceKey signing, String jwks) {
    }

    private final SigningKeyStore store;
    private final SigningKeyConfig config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot = new Snapshot(null, null);
    private volatile Instant lastRead = Instant.EPOCH;
    private long timer = -1;

    public SigningKeys(Pool pool, SessionConfig session, SigningKeyConfig config, Vertx vertx) {
        ServiceKey encryption = null;
        try {
            encryption = session.encryptionKeyFile().map(file -> ServiceKey.read("session", file)).orElse(null);
        } catch (RuntimeException e) {
            LOG.errorf("the session-encryption key cannot be read: %s", e.getMessage());
        }
        this.store = encryption == null ? null : new SigningKeyStore(pool, encryption);
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (store == null) {
            LOG.warn("no session-encryption key: no session-signing key is kept, no credentials can be issued");
            return;
        }
        check(false).onFailure().recoverWithItem(failure -> {
            LOG.errorf("the session-signing keys could not be read: %s", failure.getMessage());
            return null;
        }).await().atMost(Duration.ofSeconds(60));
        timer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> check(false).subscribe().with(
                done -> { }, failure -> LOG.warnf("the session-signing keys could not be checked: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The key new session tokens are signed with; ServiceUnavailable while there is none. */
    public ServiceKey current() {
        ServiceKey signing = snapshot.signing();
        if (signing == null) {
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "temporary credentials cannot be issued now; retry later");
        }
        return signing;
    }

    @Override
    public String jwks() {
        return snapshot.jwks();
    }

    /** The published keys as a JWKS document (no keys while there are none). */
    public String published() {
        String jwks = snapshot.jwks();
        return jwks == null ? "{\"keys\":[]}" : jwks;
    }

    @Override
    public Uni<String> refresh() {
        if (store == null || Duration.between(lastRead, clock.instant()).compareTo(REFRESH_AT_MOST_EVERY) < 0) {
            return Uni.createFrom().item(snapshot.jwks());
        }
        return load().map(Snapshot::jwks);
    }

    /** Makes a new signing key now, whatever the age of the current one (operations, tests); the keys after. */
    public Uni<String> rotateNow() {
        return check(true).map(Snapshot::jwks);
    }

    private Uni<Snapshot> check(boolean force) {
        return store.rotateIfDue(config.rotationPeriod(), force, clock.instant()).invoke(rotated -> {
            if (rotated) {
                LOG.info("a new session-signing key signs from now on");
            }
        }).chain(this::load);
    }

    private Uni<Snapshot> load() {
        lastRead = clock.instant();
        return store.load().map(keys -> {
            Snapshot next = snapshot(keys);
            snapshot = next;
            return next;
        });
    }

    private static Snapshot snapshot(List<SigningKeyStore.StoredKey> keys) {
        ServiceKey signing = keys.stream().filter(SigningKeyStore.StoredKey::active).map(SigningKeyStore.StoredKey::key)
                .findFirst().orElse(null);
        if (keys.isEmpty()) {
            return new Snapshot(null, null);
        }
        try {
            JsonWebKeySet all = new JsonWebKeySet();
            for (SigningKeyStore.StoredKey key : keys) {
                new JsonWebKeySet(key.publicJwks()).getJsonWebKeys().forEach(all::addJsonWebKey);
            }
            return new Snapshot(signing, all.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException("a stored public key is not a JWKS document", e);
        }
    }
}
