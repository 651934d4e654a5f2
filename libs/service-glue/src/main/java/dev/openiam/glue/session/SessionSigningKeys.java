package dev.openiam.glue.session;

import io.smallrye.mutiny.Uni;

/**
 * Where a front door learns sts-service's session-signing keys: the JWKS of every key that may have signed a token
 * still valid (the current key and the retired ones until their last token expires). Keys rotate, so the set is read
 * again when a token names a key not in it ({@link #refresh}), at a bounded rate.
 */
public interface SessionSigningKeys {

    /** The keys as known now (a JWKS document); {@code null} when none are known. */
    String jwks();

    /**
     * Reads the keys anew, unless that was done very recently (then at once, with the keys known): completes with the
     * JWKS known after.
     */
    Uni<String> refresh();

    /** A fixed set, never refreshed (tests, benchmarks). */
    static SessionSigningKeys fixed(String jwks) {
        return new SessionSigningKeys() {
            @Override
            public String jwks() {
                return jwks;
            }

            @Override
            public Uni<String> refresh() {
                return Uni.createFrom().item(jwks);
            }
        };
    }
}
