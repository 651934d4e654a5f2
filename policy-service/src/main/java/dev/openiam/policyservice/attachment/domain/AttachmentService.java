package dev.openiam.policyservice.attachment.domain;

import dev.openiam.model.IamException;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.policyservice.attachment.persistence.AttachmentEntity;
import dev.openiam.policyservice.attachment.persistence.AttachmentRepository;
import dev.openiam.policyservice.common.Principals;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.outbox.Committed;
import dev.openiam.policyservice.outbox.PolicyWrites;
import dev.openiam.policyservice.policy.domain.PolicyLookup;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Managed policies attached to users, groups and roles: Attach/Detach{User,Group,Role}Policy and
 * ListAttached{User,Group,Role}Policies, with IAM's default quota of 10 per principal. Attaching a policy
 * that is already attached succeeds and changes nothing, as in IAM.
 */
@ApplicationScoped
public class AttachmentService {

    /** IAM's default quota of managed policies per user, group and role. */
    public static final int MAX_PER_PRINCIPAL = 10;

    private final PolicyWrites writes;
    private final AttachmentRepository attachments;
    private final PolicyLookup lookup;
    private final Principals principals;

    public AttachmentService(PolicyWrites writes, AttachmentRepository attachments, PolicyLookup lookup,
                             Principals principals) {
        this.writes = writes;
        this.attachments = attachments;
        this.lookup = lookup;
        this.principals = principals;
    }

    public Uni<Committed<Void>> attach(Caller caller, Kind kind, String principalName, String policyArn) {
        Rules.name(kind.field(), principalName, kind.maxName());
        PolicyLookup.checkArn("policyArn", policyArn);
        String accountId = caller.accountId();
        // the principal is looked up before the transaction: the directory may call identity-service, and a
        // reactive session must not wait on another service's answer
        return principals.require(accountId, kind, principalName).chain(principal -> writes.write(accountId, caller.arn(),
                change -> lookup.requireAttachable(accountId, policyArn)
                        .chain(policy -> attachments.ofPrincipal(principal.id()).chain(existing -> {
                            if (existing.stream().anyMatch(a -> a.policyArn.equals(policyArn))) {
                                return Uni.createFrom().voidItem();
                            }
                            if (existing.size() >= MAX_PER_PRINCIPAL) {
                                return Uni.createFrom().failure(IamException.limitExceeded(
                                        "Cannot exceed quota for PoliciesPer" + kind.title() + ": " + MAX_PER_PRINCIPAL));
                            }
                            AttachmentEntity row = new AttachmentEntity();
                            row.accountId = accountId;
                            row.principalType = kind.type();
                            row.principalId = principal.id();
                            row.principalName = principal.name();
                            row.principalPath = principal.path();
                            row.policyArn = policyArn;
                            row.attachedAt = change.now();
                            return attachments.persist(row).chain(() -> change.emit(attached(kind, principal, policyArn)));
                        }))));
    }

    public Uni<Committed<Void>> detach(Caller caller, Kind kind, String principalName, String policyArn) {
        Rules.name(kind.field(), principalName, kind.maxName());
        PolicyLookup.checkArn("policyArn", policyArn);
        String accountId = caller.accountId();
        return principals.require(accountId, kind, principalName).chain(principal -> writes.write(accountId, caller.arn(),
                change -> attachments.findAttachment(principal.id(), policyArn).chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(IamException.noSuchEntity("Policy " + policyArn + " was not found."));
                    }
                    return attachments.delete(row).chain(() -> change.emit(detached(kind, principal, policyArn)));
                })));
    }

    /** ListAttached{User,Group,Role}Policies, in policy-name order, filtered by the policies' path. */
    public Uni<Page<AttachedPolicy>> listAttached(String accountId, Kind kind, String principalName, String pathPrefix,
                                                  String marker, Integer maxItems) {
        Rules.name(kind.field(), principalName, kind.maxName());
        String prefix = Rules.policyPath("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        return principals.require(accountId, kind, principalName)
                .chain(principal -> Panache.withSession(() -> attachments.ofPrincipal(principal.id())
                        .chain(rows -> resolve(accountId, rows))))
                .map(found -> page.slice(found.stream().filter(f -> f.path.startsWith(prefix))
                                .map(f -> new AttachedPolicy(f.name, f.arn)).toList(),
                        p -> p.policyName().toLowerCase(Locale.ROOT) + " " + p.policyArn()));
    }

    private record Found(String name, String arn, String path) {
    }

    /** The attached policies' names and paths; a row whose policy vanished is skipped (it cannot: deletion is refused). */
    private Uni<List<Found>> resolve(String accountId, List<AttachmentEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // one after the other: a reactive session runs one query at a time
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> lookup.require(accountId, row.policyArn)
                        .map(ref -> new Found(ref.name(), ref.arn(), ref.path()))
                        .onFailure(IamException.class).recoverWithNull())
                .collect().asList();
    }

    static PolicyEvent attached(Kind kind, Principal p, String arn) {
        return switch (kind) {
            case USER -> new PolicyEvent.UserPolicyAttached(p.name(), p.id(), arn);
            case GROUP -> new PolicyEvent.GroupPolicyAttached(p.name(), p.id(), arn);
            case ROLE -> new PolicyEvent.RolePolicyAttached(p.name(), p.id(), arn);
        };
    }

    static PolicyEvent detached(Kind kind, Principal p, String arn) {
        return switch (kind) {
            case USER -> new PolicyEvent.UserPolicyDetached(p.name(), p.id(), arn);
            case GROUP -> new PolicyEvent.GroupPolicyDetached(p.name(), p.id(), arn);
            case ROLE -> new PolicyEvent.RolePolicyDetached(p.name(), p.id(), arn);
        };
    }
}
