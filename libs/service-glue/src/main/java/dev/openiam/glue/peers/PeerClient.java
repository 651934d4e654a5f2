package dev.openiam.glue.peers;

import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.net.URI;
import java.time.Duration;

/**
 * Calls one peer service, each request under a token this service signs with its own key for that one call: the
 * purpose, the endpoint, a digest of the exact body bytes sent, and (when there is one) the end caller and the
 * action. What the answer means is the caller's business; a call that gets no answer fails.
 */
public final class PeerClient {

    private final WebClient client;
    private final URI base;
    private final String audience;
    private final ServiceTrust trust;

    /**
     * @param audience the peer's service name (the token's audience)
     * @param url      where the peer listens
     */
    public PeerClient(Vertx vertx, ServiceTrust trust, String audience, String url) {
        this.base = URI.create(url);
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80))
                .setSsl("https".equals(base.getScheme()))
                .setConnectTimeout(2000)
                .setIdleTimeout(30));
        this.audience = audience;
        this.trust = trust;
    }

    /** Where the peer listens: for the log, never for a caller. */
    public URI base() {
        return base;
    }

    public boolean usable() {
        return trust.usable();
    }

    /** Sends {@code json} to {@code path} under a token that binds exactly the bytes sent. */
    public Uni<HttpResponse<Buffer>> post(Purpose purpose, String path, JsonObject json, CallerClaims caller, String action,
                                          Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            byte[] body = json.toBuffer().getBytes();
            String token = trust.issue(audience, purpose, "POST", path, body, caller, action);
            return client.post(prefix() + path)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/json")
                    .timeout(timeout.toMillis())
                    .sendBuffer(Buffer.buffer(body))
                    .invoke(this::noticeRefusal);
        });
    }

    /** {@code GET path} under a token for that call alone. */
    public Uni<HttpResponse<Buffer>> get(Purpose purpose, String path, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            String token = trust.issue(audience, purpose, "GET", path, null, null, null);
            return client.get(prefix() + path)
                    .putHeader("Authorization", "Bearer " + token)
                    .timeout(timeout.toMillis())
                    .send()
                    .invoke(this::noticeRefusal);
        });
    }

    /** A peer that refuses our token may have a key we do not know yet: have the trusted keys read again (rate-limited). */
    private void noticeRefusal(HttpResponse<Buffer> response) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            trust.peerRefused();
        }
    }

    private String prefix() {
        return base.getPath().replaceAll("/$", "");
    }
}
