package dev.openiam.policyservice.principal;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.function.Function;

/** {@link PrincipalDirectory} over this replica's identity projection (a test may put its own in place). */
@DefaultBean
@ApplicationScoped
public class ProjectedPrincipalDirectory implements PrincipalDirectory {

    private final IdentityProjection projection;

    public ProjectedPrincipalDirectory(IdentityProjection projection) {
        this.projection = projection;
    }

    @Override
    public Uni<Optional<Principal>> findUser(String accountId, String userName) {
        return find(accountId, p -> Optional.ofNullable(p.userByName(userName))
                .map(u -> new Principal("user", u.id(), u.name(), u.path(), u.arn())));
    }

    @Override
    public Uni<Optional<Principal>> findGroup(String accountId, String groupName) {
        return find(accountId, p -> Optional.ofNullable(p.groupByName(groupName))
                .map(g -> new Principal("group", g.id(), g.name(), g.path(), g.arn())));
    }

    @Override
    public Uni<Optional<Principal>> findRole(String accountId, String roleName) {
        return find(accountId, p -> Optional.ofNullable(p.roleByName(roleName))
                .map(r -> new Principal("role", r.id(), r.name(), r.path(), r.arn())));
    }

    /**
     * Looks in the projection; a miss may be a principal created a moment ago whose event has not arrived,
     * so a miss is confirmed against a fresh snapshot before it is believed.
     */
    private Uni<Optional<Principal>> find(String accountId, Function<AccountPrincipals, Optional<Principal>> lookup) {
        return projection.at(accountId, 0).map(lookup).chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : projection.fresh(accountId).map(lookup));
    }
}
