package dev.openiam.glue.session;

import dev.openiam.internalauth.TrustConfig;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.sessiontoken.SessionTokenIssuer;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * sts-service's session-signing keys as a front door other than sts-service knows them: first those of
 * {@code sts-service.jwks.json} among the trusted keys (if any), then those sts-service publishes
 * ({@code GET <iam.session.sts-service-url>/internal/v1/session-keys}), read at start and again whenever a token
 * names a key not known, at most once per {@code iam.session.keys-refresh-interval} (concurrent asks share one read). A
 * failed read keeps the keys known (fail closed: a token of an unknown key stays refused).
 */
@Singleton
@DefaultBean
public class PublishedSessionKeys implements SessionSigningKeys {

    /** Where sts-service publishes them. */
    public static final String PATH = "/internal/v1/session-keys";
    private static final Logger LOG = Logger.getLogger(PublishedSessionKeys.class);

    private final String fileJwks;
    private final WebClient client;
    private final java.net.URI url;
    private final Duration minInterval;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<String> known = new AtomicReference<>();
    private volatile Instant lastRead = Instant.EPOCH;
    private volatile Uni<String> reading;

    public PublishedSessionKeys(SessionConfig config, TrustConfig trust, Vertx vertx) {
        this.fileJwks = fileJwks(trust);
        this.url = config.stsServiceUrl().map(base -> base.resolve(PATH)).orElse(null);
        this.minInterval = config.keysRefreshInterval();
        this.client = url == null ? null : WebClient.create(vertx);
        known.set(fileJwks);
        if (url != null) {
            refresh().subscribe().with(jwks -> { }, failure -> { });
        }
    }

    @Override
    public String jwks() {
        return known.get();
    }

    @Override
    public synchronized Uni<String> refresh() {
        if (client == null) {
            return Uni.createFrom().item(known.get());
        }
        if (reading != null) {
            return reading;
        }
        if (Duration.between(lastRead, clock.instant()).compareTo(minInterval) < 0) {
            return Uni.createFrom().item(known.get());
        }
        lastRead = clock.instant();
        reading = client.getAbs(url.toString()).timeout(5_000).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answered " + response.statusCode());
                    }
                    String merged = merge(fileJwks, response.bodyAsString());
                    known.set(merged);
                    return merged;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("sts-service's session keys could not be read from %s: %s", url, failure.getMessage());
                    return known.get();
                })
                .eventually(this::done)
                .memoize().indefinitely();
        return reading;
    }

    private synchronized void done() {
        reading = null;
    }

    /** The keys of both documents (the file's may be absent), by kid. */
    static String merge(String file, String published) {
        try {
            JsonWebKeySet all = new JsonWebKeySet(published);
            if (file != null) {
                for (JsonWebKey key : new JsonWebKeySet(file).getJsonWebKeys()) {
                    if (all.findJsonWebKey(key.getKeyId(), null, null, null) == null) {
                        all.addJsonWebKey(key);
                    }
                }
            }
            return all.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("not a JWKS document");
        }
    }

    private static String fileJwks(TrustConfig trust) {
        Path file = trust.trustedKeysDir().map(dir -> dir.resolve(SessionTokenIssuer.ISSUER + TrustedKeys.SUFFIX)).orElse(null);
        try {
            return file != null && Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            LOG.errorf("%s cannot be read: %s", file, e.getMessage());
            return null;
        }
    }
}
