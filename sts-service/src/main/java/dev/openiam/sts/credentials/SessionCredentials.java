package dev.openiam.sts.credentials;

import java.time.Instant;

/** Temporary credentials as STS answers them: the key id, the secret (shown once), the session token, the expiry. */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    /** Never the secret or the token. */
    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", until " + expiration + "]";
    }
}
