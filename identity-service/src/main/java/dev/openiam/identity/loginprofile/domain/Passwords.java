package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.crypto.PasswordHasher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Argon2id hashing and verification on worker threads: one hash costs tens of milliseconds of CPU, which would stall
 * every request sharing the event loop. Results come back on the caller's context.
 */
@ApplicationScoped
public class Passwords {

    /** A hash of no one's password: verified against when there is no profile, so a miss costs what a hit costs. */
    private final String decoy;
    private final PasswordHasher hasher;
    private final Vertx vertx;

    public Passwords(Vertx vertx) {
        this.vertx = vertx;
        this.hasher = new PasswordHasher();
        this.decoy = hasher.hash("decoy password, never set");
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)), false);
    }

    /** Whether {@code password} matches {@code hash}; a {@code null} hash costs the same and never matches. */
    public Uni<Boolean> verify(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.verify(password, hash == null ? decoy : hash) && hash != null), false);
    }

    /** Whether {@code password} is one of {@code hashes} (each is checked, so the time does not tell which). */
    public Uni<Boolean> anyMatches(String password, List<String> hashes) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean found = false;
            for (String hash : hashes) {
                found |= hasher.verify(password, hash);
            }
            return found;
        }), false);
    }
}
