package dev.openiam.policyservice.policy.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.policy.persistence.PolicyEntity;
import dev.openiam.policyservice.policy.persistence.PolicyRepository;
import dev.openiam.policyservice.policy.persistence.PolicyVersionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * Finds a managed policy by ARN: the caller's account's own policies, or AWS-managed ones. A policy of
 * another account is as absent as one that never existed.
 */
@ApplicationScoped
public class PolicyLookup {

    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws:iam::(\\d{12}|aws):policy/.+");

    private final PolicyRepository policies;
    private final PolicyVersionRepository versions;
    private final AwsManagedPolicies aws;

    public PolicyLookup(PolicyRepository policies, PolicyVersionRepository versions, AwsManagedPolicies aws) {
        this.policies = policies;
        this.versions = versions;
        this.aws = aws;
    }

    /** Checks a {@code PolicyArn}-like parameter as IAM does: length first, then the ARN's form. */
    public static String checkArn(String field, String arn) {
        Rules.required(field, arn);
        Rules.length(field, arn, 20, 2048);
        if (!POLICY_ARN.matcher(arn).matches()) {
            throw new IamException(ErrorCode.INVALID_INPUT, "ARN " + arn + " is not valid.");
        }
        return arn;
    }

    /** The policy, or NoSuchEntity "Policy … was not found." (GetPolicy, versions, tags, deletion). */
    public Uni<PolicyRef> require(String accountId, String arn) {
        return find(accountId, arn, "Policy " + arn + " was not found.");
    }

    /** The policy, or NoSuchEntity "Policy … does not exist or is not attachable." (attachments, boundaries). */
    public Uni<PolicyRef> requireAttachable(String accountId, String arn) {
        return find(accountId, arn, "Policy " + arn + " does not exist or is not attachable.");
    }

    /** The account's own policy; an AWS-managed one is refused as AWS refuses changing it. */
    public Uni<PolicyEntity> requireLocal(Caller caller, String arn, String iamAction) {
        return require(caller.accountId(), arn).map(ref -> {
            if (ref instanceof PolicyRef.Local local) {
                return local.entity();
            }
            throw new IamException(ErrorCode.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: "
                    + iamAction + " on resource: policy " + arn + " because AWS managed policies cannot be modified");
        });
    }

    /** The document a policy currently applies (its default version's). */
    public Uni<String> defaultDocument(PolicyRef ref) {
        if (ref instanceof PolicyRef.Aws a) {
            return Uni.createFrom().item(a.policy().document());
        }
        PolicyEntity entity = ((PolicyRef.Local) ref).entity();
        return versions.findVersion(entity.policyId, entity.defaultVersionId).map(v -> v.document);
    }

    private Uni<PolicyRef> find(String accountId, String arn, String notFound) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return Uni.createFrom().item(aws.find(arn).<PolicyRef>map(PolicyRef.Aws::new)
                    .orElseThrow(() -> IamException.noSuchEntity(notFound)));
        }
        if (!arn.startsWith("arn:aws:iam::" + accountId + ":")) {
            return Uni.createFrom().failure(IamException.noSuchEntity(notFound));
        }
        return policies.findByArn(accountId, arn).map(entity -> {
            if (entity == null) {
                throw IamException.noSuchEntity(notFound);
            }
            return new PolicyRef.Local(entity);
        });
    }
}
