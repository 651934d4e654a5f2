package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.loginprofile.persistence.PasswordLastUsedEntity;
import dev.openiam.identity.loginprofile.persistence.PasswordLastUsedRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** When each principal's console password last signed in (GetUser's and ListUsers' PasswordLastUsed, the report). */
@ApplicationScoped
public class PasswordUse {

    private final PasswordLastUsedRepository lastUsed;
    private final Pool pool;

    public PasswordUse(PasswordLastUsedRepository lastUsed, Pool pool) {
        this.lastUsed = lastUsed;
        this.pool = pool;
    }

    /** In the caller's session. */
    public Uni<Instant> of(String principalId) {
        return lastUsed.findById(principalId).map(row -> row == null ? null : row.lastUsedAt);
    }

    /** By principal id (the account id for root), in the caller's session. */
    public Uni<Map<String, Instant>> ofAccount(String accountId) {
        return lastUsed.ofAccount(accountId).map(PasswordUse::byPrincipal);
    }

    /** Of just these principals (a page of ListUsers), in the caller's session. */
    public Uni<Map<String, Instant>> of(java.util.Collection<String> principalIds) {
        return principalIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : lastUsed.list("principalId in ?1", List.copyOf(principalIds)).map(PasswordUse::byPrincipal);
    }

    private static Map<String, Instant> byPrincipal(List<PasswordLastUsedEntity> rows) {
        Map<String, Instant> byPrincipal = new HashMap<>();
        for (PasswordLastUsedEntity row : rows) {
            byPrincipal.put(row.principalId, row.lastUsedAt);
        }
        return byPrincipal;
    }

    /** Records a sign-in; outside any transaction (a sign-in changes nothing else). */
    public Uni<Void> signedIn(String accountId, String principalId, Instant at) {
        return pool.preparedQuery("insert into identity.password_last_used (principal_id, account_id, last_used_at) values ($1, $2, $3) "
                        + "on conflict (principal_id) do update set last_used_at = greatest(password_last_used.last_used_at, excluded.last_used_at)")
                .execute(Tuple.of(principalId, accountId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))).replaceWithVoid();
    }
}
