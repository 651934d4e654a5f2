package dev.openiam.internalauth;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The pairwise MAC keys of one service's internal calls. For a sender S and a receiver R the key is
 * HKDF-SHA256(ECDH(S's agreement key, R's agreement key), info = S, S's agreement kid, R, R's agreement kid): both
 * ends compute it alone (S with its private key and R's public one, R the other way round), it is bound to the
 * ordered pair and the two keys, and no third service can compute it. Its name, the token's {@code kid}, is
 * {@code <S's agreement kid>.<R's agreement kid>}. Each key is derived once per peer and key set and kept.
 * <p>
 * The peers' keys are the {@link TrustedKeys} read at start; when a token names a peer key not known, or a peer
 * refuses this service's tokens, they are read again ({@code reader}, on {@code executor}, at most once per
 * {@code minInterval}); the token that asked is refused meanwhile (fail closed). A key set read anew replaces the
 * derived keys: a key no longer listed stops working.
 */
public final class PeerKeys {

    /** A MAC key for the pair it names. */
    public record MacKey(String kid, String sender, String receiver, SecretKey key) {
        @Override
        public String toString() {
            return "MacKey[" + kid + ", " + sender + " -> " + receiver + "]";
        }
    }

    private static final Logger LOG = Logger.getLogger(PeerKeys.class);
    private static final byte[] LABEL = "openiam internal-auth HS256 v1".getBytes(StandardCharsets.US_ASCII);

    private record Snapshot(TrustedKeys trusted, ConcurrentHashMap<String, MacKey> derived) {
    }

    private final ServiceKey own;
    private final AgreementKey agreement;
    private final Supplier<TrustedKeys> reader;
    private final Duration minInterval;
    private final Executor executor;
    private final Clock clock;
    private final AtomicReference<Snapshot> current;
    private Instant lastRead;
    private boolean reading;

    /** Keys of a fixed set of peers (never read again). */
    public PeerKeys(ServiceKey own, TrustedKeys peers) {
        this(own, peers, null, Duration.ZERO, Runnable::run, Clock.systemUTC());
    }

    /** Keys of the peers {@code reader} reads ({@code peers}: its first reading), read again as described above. */
    public PeerKeys(ServiceKey own, TrustedKeys peers, Supplier<TrustedKeys> reader, Duration minInterval, Executor executor,
                    Clock clock) {
        this.own = Objects.requireNonNull(own, "own");
        this.agreement = own.agreementKey();
        this.reader = reader;
        this.minInterval = minInterval;
        this.executor = executor;
        this.clock = clock;
        this.current = new AtomicReference<>(new Snapshot(Objects.requireNonNull(peers, "peers"), new ConcurrentHashMap<>()));
        this.lastRead = Instant.EPOCH;
    }

    /** This service's name. */
    public String service() {
        return own.service();
    }

    /** The peers' keys as known now. */
    public TrustedKeys trusted() {
        return current.get().trusted();
    }

    /** The key to MAC a token to {@code receiver} with; ServiceUnavailable when no agreement key of it is known. */
    public MacKey sending(String receiver) {
        Snapshot snapshot = current.get();
        TrustedKeys.Agreement peer = snapshot.trusted().agreementOf(receiver).orElse(null);
        if (peer == null) {
            refreshSoon();
            throw new IamException(ErrorCode.SERVICE_UNAVAILABLE, "internal calls to " + receiver + " are not configured");
        }
        String kid = agreement.kid() + "." + peer.kid();
        return snapshot.derived().computeIfAbsent(kid, name -> derive(name, own.service(), agreement.kid(), receiver, peer.kid(), peer));
    }

    /**
     * The key a token naming {@code kid} was MAC'd with, if {@code kid} names a known peer's agreement key and this
     * service's own; empty otherwise (and, for an unknown peer key, the peers' keys are read again soon).
     */
    public Optional<MacKey> receiving(String kid) {
        Snapshot snapshot = current.get();
        MacKey known = kid == null ? null : snapshot.derived().get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        int dot = kid == null ? -1 : kid.indexOf('.');
        if (dot < 0 || !kid.substring(dot + 1).equals(agreement.kid())) {
            LOG.debugf("token key %s does not name this service's agreement key %s", kid, agreement.kid());
            return Optional.empty();
        }
        TrustedKeys.Agreement peer = snapshot.trusted().agreement(kid.substring(0, dot)).orElse(null);
        if (peer == null) {
            LOG.debugf("token key %s names no known peer key; reading the peers' keys again", kid);
            refreshSoon();
            return Optional.empty();
        }
        return Optional.of(snapshot.derived().computeIfAbsent(kid,
                name -> derive(name, peer.service(), peer.kid(), own.service(), agreement.kid(), peer)));
    }

    /** Reads the peers' keys again unless that was done less than {@code minInterval} ago or is under way. */
    public void refreshSoon() {
        if (reader == null) {
            return;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (reading || Duration.between(lastRead, now).compareTo(minInterval) < 0) {
                return;
            }
            reading = true;
            lastRead = now;
        }
        executor.execute(() -> {
            try {
                TrustedKeys read = reader.get();
                Snapshot before = current.get();
                if (!read.isEmpty() && !read.sameKeys(before.trusted())) {
                    current.set(new Snapshot(read, new ConcurrentHashMap<>()));
                    LOG.infof("%s read its peers' keys again: %s", own.service(), read.services());
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s could not read its peers' keys again (the keys known stay): %s", own.service(), e.getMessage());
            } finally {
                synchronized (this) {
                    reading = false;
                }
            }
        });
    }

    /** The key of {@code sender} → {@code receiver}; {@code peer} is the other end's agreement key. */
    private MacKey derive(String kid, String sender, String senderKid, String receiver, String receiverKid,
                          TrustedKeys.Agreement peer) {
        byte[] shared = agreement.agree(peer.key());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        for (String part : new String[] {sender, senderKid, receiver, receiverKid}) {
            info.writeBytes(part.getBytes(StandardCharsets.US_ASCII));
            info.write(0);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, LABEL, info.toByteArray()));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return new MacKey(kid, sender, receiver, new SecretKeySpec(key, "HmacSHA256"));
    }
}
