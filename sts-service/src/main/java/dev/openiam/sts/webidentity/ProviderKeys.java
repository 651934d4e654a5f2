package dev.openiam.sts.webidentity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The signing keys of OpenID Connect issuers. Configured ones ({@code iam.web-identity.jwks-files}) are read at start
 * and never fetched; any other issuer's are fetched from {@code <issuer>/.well-known/openid-configuration} →
 * {@code jwks_uri} (both {@code https}, no redirects, a bounded size and time, the server trusted by the JVM's CAs or a
 * thumbprint of the provider), kept for {@code jwks-ttl}, and fetched again early when a token names a key the set
 * lacks — at most once per {@code jwks-refetch-interval}, so unknown key ids cannot make us hammer an issuer. Only
 * issuers an account registered as a provider are ever fetched (the caller looks the provider up first).
 */
@Singleton
@Startup
public class ProviderKeys {

    private static final Logger LOG = Logger.getLogger(ProviderKeys.class);
    static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    static final String UNREACHABLE = "The request could not be fulfilled because the identity provider (IDP) that was asked to "
            + "verify the incoming identity token could not be reached. This is often a transient error caused by network "
            + "conditions. Retry the request a limited number of times and wait between attempts to be successful. If the "
            + "error persists, make sure your identity provider is reachable and configured correctly.";

    private record Fetched(List<JsonWebKey> keys, Instant at) {
    }

    private final WebIdentityConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final Map<String, List<JsonWebKey>> configured = new HashMap<>();
    /** Per issuer and thumbprints: concurrent first uses share one fetch, a failed fetch is not kept. */
    private final AsyncCache<String, Fetched> fetched;
    private final Cache<String, WebClient> clients;

    @Inject
    public ProviderKeys(WebIdentityConfig config, Vertx vertx) {
        this(config, vertx, Clock.systemUTC());
    }

    /** With the clock that dates each fetch (tests move it on rather than wait). */
    ProviderKeys(WebIdentityConfig config, Vertx vertx, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.vertx = vertx;
        this.fetched = Caffeine.newBuilder().maximumSize(config.maxIssuers()).expireAfterWrite(config.jwksTtl()).buildAsync();
        this.clients = Caffeine.newBuilder().maximumSize(config.maxIssuers())
                .<String, WebClient>removalListener((key, client, cause) -> {
                    if (client != null) {
                        client.close();
                    }
                }).build();
        config.jwksFiles().forEach((issuer, file) -> {
            try {
                configured.put(issuer, List.copyOf(new JsonWebKeySet(Files.readString(file)).getJsonWebKeys()));
            } catch (IOException | JoseException e) {
                // a bad file must not silently fall back to fetching: that issuer's tokens are refused until it is fixed
                LOG.errorf("iam.web-identity.jwks-files: the keys of %s cannot be read from %s: %s", issuer, file, e.getMessage());
                configured.put(issuer, List.of());
            }
        });
    }

    /**
     * The keys to check a token of {@code issuer} signed with key {@code keyId} (or {@code null}); IDPCommunicationError
     * when they cannot be fetched.
     */
    public Uni<List<JsonWebKey>> keys(String issuer, List<String> thumbprints, String keyId) {
        List<JsonWebKey> fixed = configured.get(issuer);
        if (fixed != null) {
            return Uni.createFrom().item(fixed);
        }
        String key = issuer + " " + new TreeSet<>(thumbprints);
        return Uni.createFrom().completionStage(() -> load(key, issuer, thumbprints)).chain(current -> {
            boolean unknown = keyId != null && current.keys().stream().noneMatch(k -> keyId.equals(k.getKeyId()));
            if (unknown && current.at().plus(config.jwksRefetchInterval()).isBefore(clock.instant())) {
                fetched.synchronous().invalidate(key);
                return Uni.createFrom().completionStage(() -> load(key, issuer, thumbprints)).map(Fetched::keys);
            }
            return Uni.createFrom().item(current.keys());
        });
    }

    private java.util.concurrent.CompletableFuture<Fetched> load(String key, String issuer, List<String> thumbprints) {
        return fetched.get(key, (k, executor) -> fetch(issuer, thumbprints)
                .map(keys -> new Fetched(keys, clock.instant())).subscribeAsCompletionStage());
    }

    private Uni<List<JsonWebKey>> fetch(String issuer, List<String> thumbprints) {
        WebClient client = client(thumbprints);
        long timeout = config.fetchTimeout().toMillis();
        return Uni.createFrom().deferred(() -> client.getAbs(https(issuer + "/.well-known/openid-configuration")).timeout(timeout).send())
                .map(response -> {
                    JsonObject discovery = new JsonObject(body(response).getDelegate());
                    if (!issuer.equals(discovery.getString("issuer"))) {
                        throw new IllegalStateException("the discovery document names issuer " + discovery.getString("issuer"));
                    }
                    return https(discovery.getString("jwks_uri"));
                })
                .chain(jwks -> client.getAbs(jwks).timeout(timeout).send())
                .map(response -> {
                    try {
                        return List.copyOf(new JsonWebKeySet(body(response).toString()).getJsonWebKeys());
                    } catch (JoseException e) {
                        throw new IllegalStateException("the JWKS cannot be read: " + e.getMessage());
                    }
                })
                .onFailure().transform(failure -> {
                    LOG.warnf("the keys of identity provider %s could not be fetched: %s", issuer, failure.getMessage());
                    return new IamException(ErrorCode.IDP_COMMUNICATION_ERROR, UNREACHABLE);
                });
    }

    private static Buffer body(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
        Buffer body = response.body();
        if (body == null || body.length() > MAX_DOCUMENT_BYTES) {
            throw new IllegalStateException("answered no body or more than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return body;
    }

    private static String https(String url) {
        if (url == null || !"https".equals(URI.create(url).getScheme()) || URI.create(url).getHost() == null) {
            throw new IllegalStateException("not an https URL: " + url);
        }
        return url;
    }

    /** A client for one set of thumbprints: no redirects, the JVM's CAs or a thumbprint, the host name checked. */
    private WebClient client(List<String> thumbprints) {
        return clients.get(new TreeSet<>(thumbprints).toString(), k -> WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setVerifyHost(true)
                .setConnectTimeout((int) config.fetchTimeout().toMillis())
                .setUserAgent("openiam-sts")
                .setTrustOptions(TrustOptions.wrap(new ThumbprintTrust(thumbprints)))));
    }
}
