package dev.openiam.policyservice.authorization;

import dev.openiam.authorization.Entity;
import dev.openiam.authorization.EntityRef;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.boundary.persistence.BoundaryRepository;
import dev.openiam.policyservice.policy.persistence.PolicyRepository;
import dev.openiam.policyservice.policy.persistence.PolicyTagRepository;
import dev.openiam.policyservice.principal.AccountPrincipals;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves what a forwarded action names to what is stored: users, groups and roles from the identity
 * projection (already brought to the front door's revision), with their tags and their permissions boundary
 * (this service's), and the account's managed policies with their tags. Names match case-insensitively, as
 * IAM's lookups do; what does not exist resolves to nothing.
 */
@ApplicationScoped
public class EntityResolver {

    private final PolicyRepository policies;
    private final PolicyTagRepository policyTags;
    private final BoundaryRepository boundaries;

    public EntityResolver(PolicyRepository policies, PolicyTagRepository policyTags, BoundaryRepository boundaries) {
        this.policies = policies;
        this.policyTags = policyTags;
        this.boundaries = boundaries;
    }

    /** Each of {@code refs} as stored (absent from the map when it does not exist), in one session. */
    @WithSession
    public Uni<Map<EntityRef, Entity>> resolve(AccountPrincipals principals, Set<EntityRef> refs) {
        Map<EntityRef, Entity> found = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EntityRef ref : refs) {
            chain = chain.chain(() -> one(principals, ref)).invoke(entity -> {
                if (entity != null) {
                    found.put(ref, entity);
                }
            }).replaceWithVoid();
        }
        return chain.replaceWith(found);
    }

    private Uni<Entity> one(AccountPrincipals principals, EntityRef ref) {
        return switch (ref.type()) {
            case "user", "group", "role" -> principal(principals, ref.type(), ref.name());
            case "principal" -> byArn(principals, ref.arn());
            // access advisor's Arn: a user, group or role, or a managed policy
            case "entity" -> ref.arn() != null && ref.arn().contains(":policy/") ? policy(principals.accountId(), ref.arn())
                    : byArn(principals, ref.arn());
            case "policy" -> policy(principals.accountId(), ref.arn());
            default -> Uni.createFrom().nullItem();
        };
    }

    /** The simulator's PolicySourceArn: a user, group or role of the account, as stored. */
    private Uni<Entity> byArn(AccountPrincipals principals, String arn) {
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IamException e) {
            return Uni.createFrom().nullItem();
        }
        String resource = parsed.resource();
        int slash = resource.indexOf('/');
        if (!parsed.account().equals(principals.accountId()) || slash < 0) {
            return Uni.createFrom().nullItem();
        }
        String type = resource.substring(0, slash);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return List.of("user", "group", "role").contains(type) ? principal(principals, type, name)
                .map(e -> e != null && e.arn().equalsIgnoreCase(arn) ? e : null) : Uni.createFrom().nullItem();
    }

    private Uni<Entity> principal(AccountPrincipals principals, String type, String name) {
        switch (type) {
            case "user" -> {
                AccountPrincipals.User u = principals.userByName(name);
                return u == null ? Uni.createFrom().nullItem() : withBoundary(u.id(), new Entity(u.arn(), u.path(), u.name(), u.tags(), null));
            }
            case "role" -> {
                AccountPrincipals.Role r = principals.roleByName(name);
                return r == null ? Uni.createFrom().nullItem() : withBoundary(r.id(), new Entity(r.arn(), r.path(), r.name(), r.tags(), null));
            }
            default -> {
                AccountPrincipals.Group g = principals.groupByName(name);
                return Uni.createFrom().item(g == null ? null : new Entity(g.arn(), g.path(), g.name(), List.of(), null));
            }
        }
    }

    private Uni<Entity> withBoundary(String principalId, Entity entity) {
        return boundaries.findById(principalId).map(row -> row == null ? entity : entity.withBoundary(row.policyArn));
    }

    /** The account's own policy with its tags; an AWS-managed one (no tags) is authorized by its ARN as given. */
    private Uni<Entity> policy(String accountId, String arn) {
        if (arn == null || !arn.startsWith("arn:aws:iam::" + accountId + ":")) {
            return Uni.createFrom().nullItem();
        }
        return policies.findByArn(accountId, arn).chain(p -> p == null ? Uni.createFrom().<Entity>nullItem()
                : policyTags.tagsOf(p.policyId).map(tags -> new Entity(p.arn, p.path, p.policyName, tags, null)));
    }
}
