package dev.openiam.identity.oidcprovider.persistence;

import io.vertx.core.json.JsonArray;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An OpenID Connect provider; its URL is stored as AWS shows it (host and path, no scheme). */
@Entity
@Table(name = "oidc_providers")
public class OidcProviderEntity {

    @Id
    public String arn;

    @Column(name = "account_id")
    public String accountId;

    public String url;

    /** A JSON array of strings. */
    @Column(name = "client_ids")
    public String clientIds;

    /** A JSON array of strings. */
    public String thumbprints;

    @Column(name = "created_at")
    public Instant createdAt;

    public List<String> clientIdList() {
        return strings(clientIds);
    }

    public void clientIdList(List<String> values) {
        clientIds = new JsonArray(List.copyOf(values)).encode();
    }

    public List<String> thumbprintList() {
        return strings(thumbprints);
    }

    public void thumbprintList(List<String> values) {
        thumbprints = new JsonArray(List.copyOf(values)).encode();
    }

    private static List<String> strings(String json) {
        return new JsonArray(json).stream().map(String.class::cast).toList();
    }
}
