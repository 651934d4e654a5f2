package dev.openiam.audit.lookup.domain;

import java.time.Instant;

/**
 * A public key that validates digest files signed in its validity period (ListPublicKeys' {@code PublicKey}).
 *
 * @param value       the DER-encoded public key
 * @param fingerprint its fingerprint, as digest files name the key that signed them
 */
public record PublicKey(byte[] value, Instant validityStart, Instant validityEnd, String fingerprint) {
}
