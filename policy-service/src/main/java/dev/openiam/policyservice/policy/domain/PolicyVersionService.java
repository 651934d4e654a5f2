package dev.openiam.policyservice.policy.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.common.PolicyDocuments;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.outbox.Committed;
import dev.openiam.policyservice.outbox.PolicyWrites;
import dev.openiam.policyservice.policy.persistence.PolicyEntity;
import dev.openiam.policyservice.policy.persistence.PolicyVersionEntity;
import dev.openiam.policyservice.policy.persistence.PolicyVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Versions of customer managed policies: at most five, exactly one the default; the default cannot be
 * deleted. AWS-managed policies show their default version only and cannot be changed.
 */
@ApplicationScoped
public class PolicyVersionService {

    public static final int MAX_VERSIONS = 5;
    private static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");

    private final PolicyWrites writes;
    private final PolicyVersionRepository versions;
    private final PolicyLookup lookup;

    public PolicyVersionService(PolicyWrites writes, PolicyVersionRepository versions, PolicyLookup lookup) {
        this.writes = writes;
        this.versions = versions;
        this.lookup = lookup;
    }

    public Uni<Committed<PolicyVersion>> create(Caller caller, String arn, String document, Boolean setAsDefault) {
        PolicyLookup.checkArn("policyArn", arn);
        PolicyDocuments.check(arn, document, PolicyType.IDENTITY, PolicyKind.MANAGED);
        boolean makeDefault = Boolean.TRUE.equals(setAsDefault);
        return writes.write(caller.accountId(), caller.arn(), change ->
                lookup.requireLocal(caller, arn, "iam:CreatePolicyVersion").chain(policy ->
                        versions.versionsOf(policy.policyId).chain(existing -> {
                            if (existing.size() >= MAX_VERSIONS) {
                                return Uni.createFrom().failure(IamException.limitExceeded("A managed policy can have up to "
                                        + MAX_VERSIONS + " versions. Before you create a new version, you must delete an "
                                        + "existing version."));
                            }
                            PolicyVersionEntity version = new PolicyVersionEntity();
                            version.policyId = policy.policyId;
                            version.versionId = "v" + policy.nextVersion;
                            version.document = document;
                            version.createdAt = change.now();
                            policy.nextVersion++;
                            policy.updatedAt = change.now();
                            if (makeDefault) {
                                policy.defaultVersionId = version.versionId;
                            }
                            return versions.persist(version)
                                    .call(() -> change.emit(new PolicyEvent.PolicyVersionCreated(arn, version.versionId,
                                            document, makeDefault)))
                                    .map(v -> new PolicyVersion(v.versionId, v.document, makeDefault, v.createdAt));
                        })));
    }

    @WithSession
    public Uni<PolicyVersion> get(String accountId, String arn, String versionId) {
        PolicyLookup.checkArn("policyArn", arn);
        checkVersionId(versionId);
        return lookup.require(accountId, arn).chain(ref -> {
            if (ref instanceof PolicyRef.Aws a) {
                if (!a.policy().defaultVersionId().equals(versionId)) {
                    throw noSuchVersion(arn, versionId);
                }
                return Uni.createFrom().item(new PolicyVersion(versionId, a.policy().document(), true, a.policy().updateDate()));
            }
            PolicyEntity policy = ((PolicyRef.Local) ref).entity();
            return versions.findVersion(policy.policyId, versionId).map(v -> {
                if (v == null) {
                    throw noSuchVersion(arn, versionId);
                }
                return new PolicyVersion(v.versionId, v.document, v.versionId.equals(policy.defaultVersionId), v.createdAt);
            });
        });
    }

    /** Newest first; IAM leaves the documents out of the list. */
    @WithSession
    public Uni<List<PolicyVersion>> list(String accountId, String arn) {
        PolicyLookup.checkArn("policyArn", arn);
        return lookup.require(accountId, arn).chain(ref -> {
            if (ref instanceof PolicyRef.Aws a) {
                return Uni.createFrom().item(List.of(new PolicyVersion(a.policy().defaultVersionId(), null, true,
                        a.policy().updateDate())));
            }
            PolicyEntity policy = ((PolicyRef.Local) ref).entity();
            return versions.versionsOf(policy.policyId).map(all -> all.stream()
                    .map(v -> new PolicyVersion(v.versionId, null, v.versionId.equals(policy.defaultVersionId), v.createdAt))
                    .toList());
        });
    }

    public Uni<Committed<Void>> delete(Caller caller, String arn, String versionId) {
        PolicyLookup.checkArn("policyArn", arn);
        checkVersionId(versionId);
        return writes.write(caller.accountId(), caller.arn(), change ->
                lookup.requireLocal(caller, arn, "iam:DeletePolicyVersion").chain(policy ->
                        versions.findVersion(policy.policyId, versionId).chain(version -> {
                            if (version == null) {
                                return Uni.createFrom().failure(noSuchVersion(arn, versionId));
                            }
                            if (versionId.equals(policy.defaultVersionId)) {
                                return Uni.createFrom().failure(IamException.deleteConflict(
                                        "Cannot delete the default version of a policy."));
                            }
                            policy.updatedAt = change.now();
                            return versions.delete(version)
                                    .chain(() -> change.emit(new PolicyEvent.PolicyVersionDeleted(arn, versionId)));
                        })));
    }

    public Uni<Committed<Void>> setDefault(Caller caller, String arn, String versionId) {
        PolicyLookup.checkArn("policyArn", arn);
        checkVersionId(versionId);
        return writes.write(caller.accountId(), caller.arn(), change ->
                lookup.requireLocal(caller, arn, "iam:SetDefaultPolicyVersion").chain(policy ->
                        versions.findVersion(policy.policyId, versionId).chain(version -> {
                            if (version == null) {
                                return Uni.createFrom().failure(noSuchVersion(arn, versionId));
                            }
                            policy.defaultVersionId = versionId;
                            policy.updatedAt = change.now();
                            return change.emit(new PolicyEvent.DefaultPolicyVersionSet(arn, versionId, version.document));
                        })));
    }

    private static void checkVersionId(String versionId) {
        Rules.required("versionId", versionId);
        if (!VERSION_ID.matcher(versionId).matches()) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + versionId
                    + "' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + VERSION_ID.pattern());
        }
    }

    private static IamException noSuchVersion(String arn, String versionId) {
        return IamException.noSuchEntity("Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
    }
}
