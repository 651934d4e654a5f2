package dev.openiam.sts.signingkeys;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The session-signing keys in {@code sts.signing_keys}. The private key is stored as a JWE (ECDH-ES+A256KW, A256GCM,
 * jose4j) encrypted to the session-encryption key; rotation takes an advisory lock so that two replicas never both
 * rotate.
 */
final class SigningKeyStore {

    /** The longest a session token lives (GetSessionToken's 129,600 s), and a minute of clock skew. */
    static final Duration LONGEST_SESSION = Duration.ofSeconds(129_600).plusMinutes(1);
    private static final long LOCK = 0x5354532d4b455953L; // "STS-KEYS"

    /** One stored key: the private half present only while it may sign (not retired). */
    record StoredKey(String kid, ServiceKey key, String publicJwks, Instant createdAt, Instant retiredAt, Instant verifyUntil) {
        boolean active() {
            return retiredAt == null;
        }
    }

    private final Pool pool;
    private final ServiceKey encryption;

    SigningKeyStore(Pool pool, ServiceKey encryption) {
        this.pool = pool;
        this.encryption = encryption;
    }

    /** Every key still published, newest first. */
    Uni<List<StoredKey>> load() {
        return pool.preparedQuery("select kid, private_key, public_jwks, created_at, retired_at, verify_until from sts.signing_keys "
                + "order by created_at desc").execute().map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(read(row));
                    }
                    return keys;
                });
    }

    /**
     * Makes a new key the signing one when there is none or the newest is older than {@code period} (or {@code force}):
     * the one before retires and is published until {@code LONGEST_SESSION} after; keys past their time are deleted.
     * Whether a key was made.
     */
    Uni<Boolean> rotateIfDue(Duration period, boolean force, Instant now) {
        return pool.withTransaction(connection -> connection.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK))
                .chain(() -> connection.preparedQuery("delete from sts.signing_keys where verify_until < $1")
                        .execute(Tuple.of(utc(now))))
                .chain(() -> connection.preparedQuery("select created_at from sts.signing_keys where retired_at is null "
                        + "order by created_at desc limit 1").execute())
                .chain(rows -> {
                    Instant newest = rows.iterator().hasNext() ? rows.iterator().next().getOffsetDateTime("created_at").toInstant() : null;
                    if (!force && newest != null && newest.plus(period).isAfter(now)) {
                        return Uni.createFrom().item(false);
                    }
                    return insert(connection, ServiceKey.generate(SessionTokenIssuer.ISSUER), now).replaceWith(true);
                }));
    }

    private Uni<Void> insert(SqlConnection connection, ServiceKey key, Instant now) {
        return connection.preparedQuery("update sts.signing_keys set retired_at = $1, verify_until = $2 where retired_at is null")
                .execute(Tuple.of(utc(now), utc(now.plus(LONGEST_SESSION))))
                .chain(() -> connection.preparedQuery("insert into sts.signing_keys (kid, private_key, public_jwks, created_at) "
                        + "values ($1, $2, $3, $4)").execute(Tuple.of(key.kid(), seal(key), key.publicJwks(), utc(now))))
                .replaceWithVoid();
    }

    private StoredKey read(Row row) {
        OffsetDateTime retired = row.getOffsetDateTime("retired_at");
        OffsetDateTime until = row.getOffsetDateTime("verify_until");
        // a retired key signs nothing more: its private half is not even opened
        ServiceKey key = retired == null ? ServiceKey.fromPem(SessionTokenIssuer.ISSUER, open(row.getString("private_key"))) : null;
        return new StoredKey(row.getString("kid"), key, row.getString("public_jwks"),
                row.getOffsetDateTime("created_at").toInstant(), retired == null ? null : retired.toInstant(),
                until == null ? null : until.toInstant());
    }

    private String seal(ServiceKey key) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(KeyEncryptionAlgorithm.ECDH_ES_A256KW.getAlgorithm());
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithm.A256GCM.getAlgorithm());
            jwe.setKeyIdHeaderValue(encryption.kid());
            jwe.setKey(encryption.publicKey());
            jwe.setPlaintext(key.privateKeyPem());
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("the signing key cannot be sealed", e);
        }
    }

    private String open(String sealed) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                    org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, KeyEncryptionAlgorithm.ECDH_ES_A256KW.getAlgorithm()));
            jwe.setContentEncryptionAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                    org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, ContentEncryptionAlgorithm.A256GCM.getAlgorithm()));
            jwe.setCompactSerialization(sealed);
            jwe.setKey(encryption.privateKey());
            return jwe.getPlaintextString();
        } catch (JoseException e) {
            throw new IllegalStateException("a stored signing key cannot be opened with this session-encryption key", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
