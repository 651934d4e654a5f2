package dev.openiam.policyservice.advisor.domain;

import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.policyservice.attachment.persistence.AttachmentEntity;
import dev.openiam.policyservice.attachment.persistence.AttachmentRepository;
import dev.openiam.policyservice.decision.PolicySourceLoader;
import dev.openiam.policyservice.decision.PolicySources;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.policy.domain.AwsManagedPolicies;
import dev.openiam.policyservice.principal.AccountPrincipals;
import dev.openiam.policyservice.principal.IdentityProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves the ARN a report is asked for to what it covers ({@link ReportSubject}): principals from the identity
 * projection at the front door's revision, policies as the decision point reads them. An ARN that is no user, group,
 * role or managed policy is InvalidInput; one that does not exist (or is of another account) NoSuchEntity.
 */
@ApplicationScoped
public class ReportSubjects {

    private final IdentityProjection identities;
    private final PolicySourceLoader loader;
    private final AttachmentRepository attachments;

    public ReportSubjects(IdentityProjection identities, PolicySourceLoader loader, AttachmentRepository attachments) {
        this.identities = identities;
        this.loader = loader;
        this.attachments = attachments;
    }

    public Uni<ReportSubject> resolve(Caller caller, String arnText) {
        if (AwsManagedPolicies.isAwsManaged(arnText)) {
            return principals(caller).chain(account -> policy(account, arnText));
        }
        Arn arn;
        try {
            arn = Arn.parse(arnText);
        } catch (IamException e) {
            throw invalid(arnText);
        }
        String resource = arn.resource();
        int slash = resource.indexOf('/');
        String type = slash < 0 ? resource : resource.substring(0, slash);
        if (!"iam".equals(arn.service()) || slash < 0 || !List.of("user", "group", "role", "policy").contains(type)) {
            throw invalid(arnText);
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (!arn.account().equals(caller.accountId())) {
            throw missing(type, name, arnText);
        }
        return principals(caller).chain(account -> switch (type) {
            case "user" -> user(account, name, arnText);
            case "role" -> role(account, name, arnText);
            case "group" -> group(account, name, arnText);
            default -> policy(account, arnText);
        });
    }

    private Uni<AccountPrincipals> principals(Caller caller) {
        return identities.at(caller.accountId(), caller.atLeastIdentityRevision() == null ? 0 : caller.atLeastIdentityRevision());
    }

    private Uni<ReportSubject> user(AccountPrincipals account, String name, String arn) {
        AccountPrincipals.User user = account.userByName(name);
        if (user == null || !user.arn().equalsIgnoreCase(arn)) {
            throw missing("user", name, arn);
        }
        ReportSubject.Entity entity = new ReportSubject.Entity("USER", user.id(), user.name(), user.path(), user.arn(), List.of(user.arn()));
        return loader.load(account.accountId(), user.id(), List.copyOf(user.groupIds()))
                .map(sources -> new ReportSubject(user.arn(), documents(sources), List.of(entity)));
    }

    private Uni<ReportSubject> role(AccountPrincipals account, String name, String arn) {
        AccountPrincipals.Role role = account.roleByName(name);
        if (role == null || !role.arn().equalsIgnoreCase(arn)) {
            throw missing("role", name, arn);
        }
        ReportSubject.Entity entity = new ReportSubject.Entity("ROLE", role.id(), role.name(), role.path(), role.arn(), List.of(role.arn()));
        return loader.load(account.accountId(), role.id(), List.of())
                .map(sources -> new ReportSubject(role.arn(), documents(sources), List.of(entity)));
    }

    private Uni<ReportSubject> group(AccountPrincipals account, String name, String arn) {
        AccountPrincipals.Group group = account.groupByName(name);
        if (group == null || !group.arn().equalsIgnoreCase(arn)) {
            throw missing("group", name, arn);
        }
        List<ReportSubject.Entity> members = account.members(group.id()).stream()
                .map(u -> new ReportSubject.Entity("USER", u.id(), u.name(), u.path(), u.arn(), List.of(u.arn()))).toList();
        return loader.load(account.accountId(), group.id(), List.of())
                .map(sources -> new ReportSubject(group.arn(), documents(sources), members));
    }

    /** A managed policy: its default version, and the users, roles and groups (with their members) it is attached to. */
    private Uni<ReportSubject> policy(AccountPrincipals account, String arn) {
        return loader.managed(arn).chain(source -> {
            if (source == null) {
                throw IamException.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
            }
            return Panache.withSession(() -> attachments.ofPolicy(account.accountId(), source.id()))
                    .map(rows -> new ReportSubject(source.id(), List.of(source), attached(account, rows)));
        });
    }

    private static List<ReportSubject.Entity> attached(AccountPrincipals account, List<AttachmentEntity> rows) {
        List<ReportSubject.Entity> entities = new ArrayList<>();
        for (AttachmentEntity row : rows) {
            switch (row.principalType) {
                case "user" -> {
                    AccountPrincipals.User u = account.user(row.principalId);
                    if (u != null) {
                        entities.add(new ReportSubject.Entity("USER", u.id(), u.name(), u.path(), u.arn(), List.of(u.arn())));
                    }
                }
                case "role" -> {
                    AccountPrincipals.Role r = account.role(row.principalId);
                    if (r != null) {
                        entities.add(new ReportSubject.Entity("ROLE", r.id(), r.name(), r.path(), r.arn(), List.of(r.arn())));
                    }
                }
                default -> {
                    AccountPrincipals.Group g = account.group(row.principalId);
                    if (g != null) {
                        entities.add(new ReportSubject.Entity("GROUP", g.id(), g.name(), g.path(), g.arn(),
                                account.members(g.id()).stream().map(AccountPrincipals.User::arn).toList()));
                    }
                }
            }
        }
        return entities;
    }

    private static List<PolicySources.Source> documents(PolicySources sources) {
        return sources.identity();
    }

    private static IamException invalid(String arn) {
        return new IamException(ErrorCode.INVALID_INPUT, "ARN " + arn + " is not valid.");
    }

    private static IamException missing(String type, String name, String arn) {
        return "policy".equals(type) ? IamException.noSuchEntity("Policy " + arn + " does not exist or is not attachable.")
                : IamException.noSuchEntity("The " + type.toLowerCase(Locale.ROOT) + " with name " + name + " cannot be found.");
    }
}
