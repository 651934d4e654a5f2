package dev.openiam.policyservice.simulation;

import dev.openiam.awsprotocol.query.ValidationErrors;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyException;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.decision.CompiledPolicies;
import dev.openiam.policyservice.decision.PolicySourceLoader;
import dev.openiam.policyservice.decision.PolicySources;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.principal.AccountPrincipals;
import dev.openiam.policyservice.principal.IdentityProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gathers the documents of a simulation: a principal's stored policies, read like the decision point reads
 * them (identity projection, {@link PolicySourceLoader}, {@link CompiledPolicies}), and the documents of
 * the request, compiled here. A malformed document of the request is the caller's input error.
 */
@ApplicationScoped
public class SimulationPolicies {

    /** The principal a {@code PolicySourceArn} names, with what loading its policies needs. */
    record Source(String type, String id, String arn, Set<String> groupIds) {
    }

    private final IdentityProjection identities;
    private final PolicySourceLoader loader;
    private final CompiledPolicies compiled;

    public SimulationPolicies(IdentityProjection identities, PolicySourceLoader loader, CompiledPolicies compiled) {
        this.identities = identities;
        this.loader = loader;
        this.compiled = compiled;
    }

    /** The user, group or role {@code policySourceArn} names in the caller's account, or NoSuchEntity. */
    Uni<Source> source(Caller caller, String policySourceArn) {
        Arn arn = parse(policySourceArn);
        String[] parts = arn.resource().split("/");
        String type = parts[0];
        if (!arn.service().equals("iam") || parts.length < 2 || !List.of("user", "group", "role").contains(type)) {
            throw new IamException(ErrorCode.INVALID_INPUT, "ARN " + policySourceArn + " is not valid.");
        }
        String name = parts[parts.length - 1];
        IamException missing = IamException.noSuchEntity("The " + type + " with name " + name + " cannot be found.");
        if (!arn.account().equals(caller.accountId())) {
            throw missing;
        }
        long revision = caller.atLeastIdentityRevision() == null ? 0 : caller.atLeastIdentityRevision();
        return identities.at(caller.accountId(), revision).map(account -> {
            Source source = find(account, type, name);
            if (source == null || !source.arn().equals(policySourceArn)) {
                throw missing;
            }
            return source;
        });
    }

    /**
     * The source's stored policies (for a user, its groups' too) and boundary, then the request's
     * documents; a boundary given in the request replaces the stored one.
     */
    Uni<SimulatedPolicies> ofPrincipal(Caller caller, Source source, List<String> inputs, List<String> boundaryInputs,
                                       String resourcePolicy) {
        return loader.load(caller.accountId(), source.id(), List.copyOf(source.groupIds())).map(sources -> {
            List<SimulatedPolicy> identity = new ArrayList<>();
            for (PolicySources.Source stored : sources.identity()) {
                identity.add(stored(stored, PolicyType.IDENTITY));
            }
            identity.addAll(inputs(inputs));
            SimulatedPolicy boundary = boundary(boundaryInputs);
            if (boundary == null && sources.boundary() != null) {
                boundary = stored(sources.boundary(), PolicyType.PERMISSION_BOUNDARY);
            }
            return new SimulatedPolicies(identity, boundary, resource(resourcePolicy));
        });
    }

    /** Only the request's documents. */
    SimulatedPolicies custom(List<String> inputs, List<String> boundaryInputs, String resourcePolicy) {
        return new SimulatedPolicies(inputs(inputs), boundary(boundaryInputs), resource(resourcePolicy));
    }

    private SimulatedPolicy stored(PolicySources.Source source, PolicyType type) {
        CompiledPolicy policy = compiled.get(source, type);
        String id = source.id();
        int inline = id.indexOf("/inline/");
        if (inline > 0) {
            // inline ids read <type>/<principal name>/inline/<policy name>
            return new SimulatedPolicy(policy, id.substring(inline + "/inline/".length()), id.substring(0, id.indexOf('/')),
                    source.document());
        }
        return new SimulatedPolicy(policy, id.substring(id.lastIndexOf('/') + 1), source.awsManaged() ? "aws-managed" : "user-managed",
                source.document());
    }

    private static List<SimulatedPolicy> inputs(List<String> documents) {
        List<SimulatedPolicy> policies = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String id = "PolicyInputList." + (i + 1);
            policies.add(new SimulatedPolicy(compile(id, documents.get(i), PolicyType.IDENTITY, PolicyKind.MANAGED), id, null,
                    documents.get(i)));
        }
        return policies;
    }

    private static SimulatedPolicy boundary(List<String> documents) {
        if (documents.isEmpty()) {
            return null;
        }
        if (documents.size() > 1) {
            // a principal has at most one permissions boundary
            throw new IamException(ErrorCode.INVALID_INPUT, "PermissionsBoundaryPolicyInputList takes one document, not "
                    + documents.size() + ".");
        }
        String id = "PermissionsBoundaryPolicyInputList.1";
        return new SimulatedPolicy(compile(id, documents.get(0), PolicyType.PERMISSION_BOUNDARY, PolicyKind.MANAGED), id, null,
                documents.get(0));
    }

    private static SimulatedPolicy resource(String document) {
        if (document == null) {
            return null;
        }
        return new SimulatedPolicy(compile("ResourcePolicy", document, PolicyType.RESOURCE, PolicyKind.RESOURCE), "ResourcePolicy",
                "resource", document);
    }

    /**
     * A document of the request, held to the customer limits of the policy it stands for (the engine's
     * {@link PolicyKind}): identity documents and the boundary are managed policies (6,144 characters, as the
     * API reference points to for these parameters), the resource policy a resource-based one. AWS's characters
     * and 131,072 characters with white space first (ValidationError), as botocore's {@code policyDocumentType}.
     */
    private static CompiledPolicy compile(String id, String document, PolicyType type, PolicyKind kind) {
        Rules.policyCharacters(ValidationErrors.memberName(id.replace(".", ".member.")), document);
        try {
            return PolicyEngine.compile(id, document, type, kind);
        } catch (PolicyException e) {
            throw new IamException(ErrorCode.INVALID_INPUT, id + ": " + e.getMessage());
        }
    }

    private static Source find(AccountPrincipals account, String type, String name) {
        return switch (type) {
            case "user" -> {
                AccountPrincipals.User user = account.userByName(name);
                yield user == null ? null : new Source("user", user.id(), user.arn(), user.groupIds());
            }
            case "group" -> {
                AccountPrincipals.Group group = account.groupByName(name);
                yield group == null ? null : new Source("group", group.id(), group.arn(), Set.of());
            }
            default -> {
                AccountPrincipals.Role role = account.roleByName(name);
                yield role == null ? null : new Source("role", role.id(), role.arn(), Set.of());
            }
        };
    }

    static Arn parse(String text) {
        try {
            return Arn.parse(text);
        } catch (IamException e) {
            throw new IamException(ErrorCode.INVALID_INPUT, "ARN " + text + " is not valid.");
        }
    }
}
