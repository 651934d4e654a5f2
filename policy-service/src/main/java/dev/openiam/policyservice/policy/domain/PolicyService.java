package dev.openiam.policyservice.policy.domain;

import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.EntityType;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.event.PolicyEvent;
import dev.openiam.model.rules.Rules;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.attachment.persistence.AttachmentRepository;
import dev.openiam.policyservice.boundary.persistence.BoundaryRepository;
import dev.openiam.policyservice.common.PolicyDocuments;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.outbox.Committed;
import dev.openiam.policyservice.outbox.PolicyWrites;
import dev.openiam.policyservice.policy.persistence.PolicyEntity;
import dev.openiam.policyservice.policy.persistence.PolicyRepository;
import dev.openiam.policyservice.policy.persistence.PolicyTagRepository;
import dev.openiam.policyservice.policy.persistence.PolicyVersionEntity;
import dev.openiam.policyservice.policy.persistence.PolicyVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.List;

/** Customer managed policies: CreatePolicy, GetPolicy, DeletePolicy and their tags. Listing is {@link PolicyListing}. */
@ApplicationScoped
public class PolicyService {

    static final int MAX_NAME = 128;

    private final PolicyWrites writes;
    private final PolicyRepository policies;
    private final PolicyVersionRepository versions;
    private final PolicyTagRepository tags;
    private final AttachmentRepository attachments;
    private final BoundaryRepository boundaries;
    private final PolicyLookup lookup;
    private final SecureRandom random = new SecureRandom();

    public PolicyService(PolicyWrites writes, PolicyRepository policies, PolicyVersionRepository versions,
                         PolicyTagRepository tags, AttachmentRepository attachments, BoundaryRepository boundaries,
                         PolicyLookup lookup) {
        this.writes = writes;
        this.policies = policies;
        this.versions = versions;
        this.tags = tags;
        this.attachments = attachments;
        this.boundaries = boundaries;
        this.lookup = lookup;
    }

    public Uni<Committed<ManagedPolicy>> create(Caller caller, String name, String path, String document,
                                                String description, List<Tag> tagList) {
        Rules.name("policyName", name, MAX_NAME);
        String policyPath = Rules.policyPath("path", path);
        Rules.description("description", description);
        List<Tag> validTags = Rules.tags(tagList);
        String accountId = caller.accountId();
        String arn = Arn.iamEntity(AccountId.of(accountId), "policy", policyPath, name).toString();
        PolicyDocuments.check(arn, document, PolicyType.IDENTITY, PolicyKind.MANAGED);
        return writes.write(accountId, caller.arn(), change -> policies.findByName(accountId, name).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists(
                        "A policy called " + name + " already exists. Duplicate names are not allowed."));
            }
            PolicyEntity policy = new PolicyEntity();
            policy.policyId = EntityType.POLICY.newId(random);
            policy.accountId = accountId;
            policy.policyName = name;
            policy.path = policyPath;
            policy.arn = arn;
            policy.description = description;
            policy.defaultVersionId = "v1";
            policy.nextVersion = 2;
            policy.createdAt = change.now();
            policy.updatedAt = change.now();
            PolicyVersionEntity v1 = new PolicyVersionEntity();
            v1.policyId = policy.policyId;
            v1.versionId = "v1";
            v1.document = document;
            v1.createdAt = change.now();
            return policies.persist(policy)
                    .chain(() -> versions.persist(v1))
                    .chain(() -> tags.tag(policy.policyId, validTags))
                    .call(saved -> change.emit(new PolicyEvent.PolicyCreated(arn, policy.policyId, name, policyPath, "v1",
                            document, description, change.now(), saved)))
                    .map(saved -> local(policy, 0, 0, saved));
        }));
    }

    @WithSession
    public Uni<ManagedPolicy> get(String accountId, String arn) {
        PolicyLookup.checkArn("policyArn", arn);
        return lookup.require(accountId, arn).chain(ref -> attachments.countOfPolicy(accountId, arn)
                .chain(attached -> boundaries.countOfPolicy(accountId, arn).chain(bounded -> {
                    if (ref instanceof PolicyRef.Aws a) {
                        return Uni.createFrom().item(aws(a.policy(), attached, bounded));
                    }
                    PolicyEntity entity = ((PolicyRef.Local) ref).entity();
                    return tags.tagsOf(entity.policyId).map(t -> local(entity, attached, bounded, t));
                })));
    }

    /**
     * DeletePolicy: refused while the policy is attached to any principal or used as a boundary, and while it
     * has versions besides the default (which is deleted with the policy), as IAM does.
     */
    public Uni<Committed<Void>> delete(Caller caller, String arn) {
        PolicyLookup.checkArn("policyArn", arn);
        String accountId = caller.accountId();
        return writes.write(accountId, caller.arn(), change -> lookup.requireLocal(caller, arn, "iam:DeletePolicy")
                .chain(policy -> attachments.countOfPolicy(accountId, arn).chain(attached ->
                        boundaries.countOfPolicy(accountId, arn).chain(bounded -> {
                            if (attached + bounded > 0) {
                                return Uni.createFrom().failure(IamException.deleteConflict(
                                        "Cannot delete a policy attached to entities."));
                            }
                            return versions.versionsOf(policy.policyId).chain(all -> {
                                if (all.size() > 1) {
                                    return Uni.createFrom().failure(IamException.deleteConflict(
                                            "This policy has more than one version. Before you delete a policy, you must "
                                                    + "delete the policy's versions. The default version is deleted with the policy."));
                                }
                                return tags.deleteAll(policy.policyId)
                                        .chain(() -> versions.deleteAllOf(policy.policyId))
                                        .chain(() -> policies.delete(policy))
                                        .chain(() -> change.emit(new PolicyEvent.PolicyDeleted(arn, policy.policyId,
                                                policy.policyName)));
                            });
                        }))));
    }

    public Uni<Committed<List<Tag>>> tag(Caller caller, String arn, List<Tag> tagList) {
        PolicyLookup.checkArn("policyArn", arn);
        List<Tag> valid = Rules.tags(tagList);
        if (valid.isEmpty()) {
            Rules.required("tags", null);
        }
        return writes.write(caller.accountId(), caller.arn(), change -> lookup.requireLocal(caller, arn, "iam:TagPolicy")
                .chain(policy -> tags.tag(policy.policyId, valid)
                        .call(result -> change.emit(new PolicyEvent.PolicyTagsChanged(arn, result)))));
    }

    public Uni<Committed<List<Tag>>> untag(Caller caller, String arn, List<String> keys) {
        PolicyLookup.checkArn("policyArn", arn);
        Rules.required("tagKeys", keys);
        keys.forEach(key -> Rules.tagKey("tagKeys.member", key));
        return writes.write(caller.accountId(), caller.arn(), change -> lookup.requireLocal(caller, arn, "iam:UntagPolicy")
                .chain(policy -> tags.untag(policy.policyId, keys)
                        .call(result -> change.emit(new PolicyEvent.PolicyTagsChanged(arn, result)))));
    }

    @WithSession
    public Uni<List<Tag>> listTags(String accountId, String arn) {
        PolicyLookup.checkArn("policyArn", arn);
        return lookup.require(accountId, arn).chain(ref -> ref instanceof PolicyRef.Local local
                ? tags.tagsOf(local.entity().policyId) : Uni.createFrom().item(List.<Tag>of()));
    }

    static ManagedPolicy local(PolicyEntity p, long attached, long bounded, List<Tag> tagList) {
        return new ManagedPolicy(p.policyName, p.policyId, p.arn, p.path, p.defaultVersionId, attached, bounded, true,
                p.description, p.createdAt, p.updatedAt, tagList, false);
    }

    static ManagedPolicy aws(AwsManagedPolicy p, long attached, long bounded) {
        return new ManagedPolicy(p.name(), p.policyId(), p.arn(), p.path(), p.defaultVersionId(), attached, bounded, true,
                null, p.createDate(), p.updateDate(), null, true);
    }
}
