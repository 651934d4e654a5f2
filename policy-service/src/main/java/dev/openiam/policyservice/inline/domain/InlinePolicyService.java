package dev.openiam.policyservice.inline.domain;

import dev.openiam.model.IamException;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.common.PolicyDocuments;
import dev.openiam.policyservice.common.Principals;
import dev.openiam.policyservice.common.Principals.Kind;
import dev.openiam.policyservice.inline.persistence.InlinePolicyEntity;
import dev.openiam.policyservice.inline.persistence.InlinePolicyRepository;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.outbox.Committed;
import dev.openiam.policyservice.outbox.PolicyWrites;
import dev.openiam.policyservice.principal.Principal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Inline policies of users, groups and roles: Put (create or replace), Get, Delete, List. IAM limits the
 * aggregate size of a principal's inline policies (2,048 / 5,120 / 10,240 characters without white
 * space for a user / group / role): each document is checked by the engine against that limit, and the
 * sum of all of them as well.
 */
@ApplicationScoped
public class InlinePolicyService {

    private static final int MAX_POLICY_NAME = 128;

    private final PolicyWrites writes;
    private final InlinePolicyRepository inline;
    private final Principals principals;

    public InlinePolicyService(PolicyWrites writes, InlinePolicyRepository inline, Principals principals) {
        this.writes = writes;
        this.inline = inline;
        this.principals = principals;
    }

    public Uni<Committed<Void>> put(Caller caller, Kind kind, String principalName, String policyName, String document) {
        checkNames(kind, principalName, policyName);
        PolicyKind size = sizeKind(kind);
        String id = "arn:aws:iam::" + caller.accountId() + ":" + kind.type() + "/" + principalName + "/" + policyName;
        PolicyDocuments.check(id, document, PolicyType.IDENTITY, size);
        String accountId = caller.accountId();
        // the principal is looked up before the transaction: the directory may call identity-service
        return principals.require(accountId, kind, principalName).chain(principal -> writes.write(accountId, caller.arn(),
                change -> inline.ofPrincipal(principal.id()).chain(existing -> {
                    int others = existing.stream().filter(p -> !p.policyName.equals(policyName))
                            .mapToInt(p -> PolicyDocuments.size(p.document)).sum();
                    if (others + PolicyDocuments.size(document) > size.maxCharacters()) {
                        return Uni.createFrom().failure(IamException.limitExceeded("Maximum policy size of "
                                + size.maxCharacters() + " bytes exceeded for " + kind.type() + " " + principal.name()));
                    }
                    InlinePolicyEntity row = existing.stream().filter(p -> p.policyName.equals(policyName)).findFirst()
                            .orElseGet(InlinePolicyEntity::new);
                    row.accountId = accountId;
                    row.principalType = kind.type();
                    row.principalId = principal.id();
                    row.principalName = principal.name();
                    row.policyName = policyName;
                    row.document = document;
                    row.updatedAt = change.now();
                    Uni<?> saved = row.id == null ? inline.persist(row) : Uni.createFrom().item(row);
                    return saved.chain(() -> change.emit(put(kind, principal, policyName, document)));
                })));
    }

    public Uni<InlinePolicy> get(String accountId, Kind kind, String principalName, String policyName) {
        checkNames(kind, principalName, policyName);
        return principals.require(accountId, kind, principalName).chain(principal ->
                Panache.withSession(() -> inline.findPolicy(principal.id(), policyName)).map(row -> {
                    if (row == null) {
                        throw notFound(kind, policyName);
                    }
                    return new InlinePolicy(principal.name(), row.policyName, row.document);
                }));
    }

    public Uni<Committed<Void>> delete(Caller caller, Kind kind, String principalName, String policyName) {
        checkNames(kind, principalName, policyName);
        String accountId = caller.accountId();
        return principals.require(accountId, kind, principalName).chain(principal -> writes.write(accountId, caller.arn(),
                change -> inline.findPolicy(principal.id(), policyName).chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(notFound(kind, policyName));
                    }
                    return inline.delete(row).chain(() -> change.emit(deleted(kind, principal, policyName)));
                })));
    }

    /** List{User,Group,Role}Policies: the names, in name order. */
    public Uni<Page<String>> list(String accountId, Kind kind, String principalName, String marker, Integer maxItems) {
        Rules.name(kind.field(), principalName, maxPrincipalName(kind));
        PageRequest page = PageRequest.of(marker, maxItems);
        return principals.require(accountId, kind, principalName)
                .chain(principal -> Panache.withSession(() -> inline.ofPrincipal(principal.id())))
                .map(rows -> page.slice(rows.stream().map(row -> row.policyName).toList(), name -> name));
    }

    private static void checkNames(Kind kind, String principalName, String policyName) {
        Rules.name(kind.field(), principalName, maxPrincipalName(kind));
        Rules.name("policyName", policyName, MAX_POLICY_NAME);
    }

    /** Inline-policy actions take existing users by {@code existingUserNameType} (128), unlike attachments (64). */
    private static int maxPrincipalName(Kind kind) {
        return kind == Kind.ROLE ? 64 : 128;
    }

    private static PolicyKind sizeKind(Kind kind) {
        return switch (kind) {
            case USER -> PolicyKind.INLINE_USER;
            case GROUP -> PolicyKind.INLINE_GROUP;
            case ROLE -> PolicyKind.INLINE_ROLE;
        };
    }

    private static IamException notFound(Kind kind, String policyName) {
        return IamException.noSuchEntity("The " + kind.type() + " policy with name " + policyName + " cannot be found.");
    }

    private static PolicyEvent put(Kind kind, Principal p, String policyName, String document) {
        return switch (kind) {
            case USER -> new PolicyEvent.UserInlinePolicyPut(p.name(), p.id(), policyName, document);
            case GROUP -> new PolicyEvent.GroupInlinePolicyPut(p.name(), p.id(), policyName, document);
            case ROLE -> new PolicyEvent.RoleInlinePolicyPut(p.name(), p.id(), policyName, document);
        };
    }

    private static PolicyEvent deleted(Kind kind, Principal p, String policyName) {
        return switch (kind) {
            case USER -> new PolicyEvent.UserInlinePolicyDeleted(p.name(), p.id(), policyName);
            case GROUP -> new PolicyEvent.GroupInlinePolicyDeleted(p.name(), p.id(), policyName);
            case ROLE -> new PolicyEvent.RoleInlinePolicyDeleted(p.name(), p.id(), policyName);
        };
    }
}
