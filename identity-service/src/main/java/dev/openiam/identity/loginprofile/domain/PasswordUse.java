package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.loginprofile.persistence.PasswordLastUsedEntity;
import dev.openiam.identity.loginprofile.persistence.PasswordLastUsedRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

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

    public PasswordUse(PasswordLastUsedRepository lastUsed) {
        this.lastUsed = lastUsed;
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

    private static final String RECORD = "with used as (insert into identity.password_last_used (principal_id, account_id, last_used_at) "
            + "values (?1, ?2, ?3) on conflict (principal_id) do update set "
            + "last_used_at = greatest(password_last_used.last_used_at, excluded.last_used_at)) "
            + "update identity.accounts set sign_in_revision = sign_in_revision + 1 where account_id = ?2";

    /**
     * Records a sign-in in the caller's transaction (with the sign-in's audit record), and moves the account's sign-in
     * revision in the same statement: what is kept under the account's revisions is read again.
     */
    public Uni<Void> signedIn(Mutiny.Session session, String accountId, String principalId, Instant at) {
        return session.createNativeQuery(RECORD).setParameter(1, principalId).setParameter(2, accountId)
                .setParameter(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).executeUpdate().replaceWithVoid();
    }
}
