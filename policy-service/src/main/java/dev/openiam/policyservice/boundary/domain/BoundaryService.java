package dev.openiam.policyservice.boundary.domain;

import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.rules.Rules;
import dev.openiam.policyservice.boundary.persistence.BoundaryEntity;
import dev.openiam.policyservice.boundary.persistence.BoundaryRepository;
import dev.openiam.policyservice.common.Principals;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.outbox.Committed;
import dev.openiam.policyservice.outbox.PolicyWrites;
import dev.openiam.policyservice.policy.domain.PolicyLookup;
import dev.openiam.policyservice.principal.Principal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Permissions boundaries of users and roles: a managed policy (the account's own or AWS-managed) that
 * exists. Put replaces any previous boundary; Delete of a principal without one succeeds and changes nothing.
 */
@ApplicationScoped
public class BoundaryService {

    private final PolicyWrites writes;
    private final BoundaryRepository boundaries;
    private final PolicyLookup lookup;
    private final Principals principals;

    public BoundaryService(PolicyWrites writes, BoundaryRepository boundaries, PolicyLookup lookup, Principals principals) {
        this.writes = writes;
        this.boundaries = boundaries;
        this.lookup = lookup;
        this.principals = principals;
    }

    public Uni<Committed<Void>> put(Caller caller, Kind kind, String principalName, String policyArn) {
        Rules.name(kind.field(), principalName, kind.maxName());
        PolicyLookup.checkArn("permissionsBoundary", policyArn);
        // the principal is looked up before the transaction: the directory may call identity-service
        return principals.require(caller.accountId(), kind, principalName).chain(principal -> set(caller, kind, principal, policyArn));
    }

    /**
     * The boundary of a user or role the front door is about to create (CreateUser/CreateRole with
     * PermissionsBoundary): set before the principal exists, so it is never without it.
     */
    public Uni<Committed<Void>> preset(Caller caller, Kind kind, Principal principal, String policyArn) {
        Rules.name(kind.field(), principal.name(), kind.maxName());
        PolicyLookup.checkArn("permissionsBoundary", policyArn);
        return set(caller, kind, principal, policyArn);
    }

    private Uni<Committed<Void>> set(Caller caller, Kind kind, Principal principal, String policyArn) {
        String accountId = caller.accountId();
        return writes.write(accountId, caller.arn(),
                change -> lookup.requireAttachable(accountId, policyArn).chain(lookup::defaultDocument)
                        .chain(document -> boundaries.findById(principal.id()).chain(existing -> {
                            BoundaryEntity row = existing != null ? existing : new BoundaryEntity();
                            row.principalId = principal.id();
                            row.accountId = accountId;
                            row.principalType = kind.type();
                            row.principalName = principal.name();
                            row.principalPath = principal.path();
                            row.policyArn = policyArn;
                            row.setAt = change.now();
                            Uni<?> saved = existing != null ? Uni.createFrom().item(row) : boundaries.persist(row);
                            return saved.chain(() -> change.emit(put(kind, principal, policyArn, document)));
                        })));
    }

    public Uni<Committed<Void>> delete(Caller caller, Kind kind, String principalName) {
        Rules.name(kind.field(), principalName, kind.maxName());
        String accountId = caller.accountId();
        return principals.require(accountId, kind, principalName).chain(principal -> writes.write(accountId, caller.arn(),
                change -> boundaries.findById(principal.id()).chain(row -> row == null
                        ? Uni.createFrom().voidItem()
                        : boundaries.delete(row).chain(() -> change.emit(deleted(kind, principal, row.policyArn))))));
    }

    private static PolicyEvent put(Kind kind, Principal p, String arn, String document) {
        return kind == Kind.USER ? new PolicyEvent.UserPermissionsBoundaryPut(p.name(), p.id(), arn, document)
                : new PolicyEvent.RolePermissionsBoundaryPut(p.name(), p.id(), arn, document);
    }

    private static PolicyEvent deleted(Kind kind, Principal p, String arn) {
        return kind == Kind.USER ? new PolicyEvent.UserPermissionsBoundaryDeleted(p.name(), p.id(), arn)
                : new PolicyEvent.RolePermissionsBoundaryDeleted(p.name(), p.id(), arn);
    }
}
