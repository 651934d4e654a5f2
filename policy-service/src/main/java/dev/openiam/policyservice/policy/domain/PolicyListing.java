package dev.openiam.policyservice.policy.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Page;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.model.rules.Rules;
import dev.openiam.policyservice.attachment.persistence.AttachmentRepository;
import dev.openiam.policyservice.boundary.persistence.BoundaryRepository;
import dev.openiam.policyservice.policy.persistence.PolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ListPolicies: the account's own policies and the AWS-managed ones, filtered by {@code Scope},
 * {@code OnlyAttached}, {@code PathPrefix} and {@code PolicyUsageFilter}, in name order. An account has at
 * most a few thousand policies, so the filtering happens in memory over one query per table.
 */
@ApplicationScoped
public class PolicyListing {

    private final PolicyRepository policies;
    private final AttachmentRepository attachments;
    private final BoundaryRepository boundaries;
    private final AwsManagedPolicies aws;

    public PolicyListing(PolicyRepository policies, AttachmentRepository attachments, BoundaryRepository boundaries,
                         AwsManagedPolicies aws) {
        this.policies = policies;
        this.attachments = attachments;
        this.boundaries = boundaries;
        this.aws = aws;
    }

    @WithSession
    public Uni<Page<ManagedPolicy>> list(String accountId, String scope, Boolean onlyAttached, String pathPrefix,
                                         String usageFilter, String marker, Integer maxItems) {
        String theScope = scope == null ? "All" : scope;
        enumeration("scope", theScope, List.of("All", "AWS", "Local"));
        if (usageFilter != null) {
            enumeration("policyUsageFilter", usageFilter, List.of("PermissionsPolicy", "PermissionsBoundary"));
        }
        String prefix = Rules.policyPath("pathPrefix", pathPrefix);
        PageRequest page = PageRequest.of(marker, maxItems);
        boolean attachedOnly = Boolean.TRUE.equals(onlyAttached);
        return attachments.countsByPolicy(accountId).chain(attached -> boundaries.countsByPolicy(accountId).chain(bounded -> {
            Uni<List<ManagedPolicy>> local = theScope.equals("AWS") ? Uni.createFrom().item(List.of())
                    : policies.listAll(accountId).map(rows -> rows.stream().map(p -> PolicyService.local(p,
                    count(attached, p.arn), count(bounded, p.arn), null)).toList());
            return local.map(own -> {
                List<ManagedPolicy> all = new ArrayList<>(own);
                if (!theScope.equals("Local")) {
                    aws.all().forEach(p -> all.add(PolicyService.aws(p, count(attached, p.arn()), count(bounded, p.arn()))));
                }
                List<ManagedPolicy> matching = all.stream()
                        .filter(p -> p.path().startsWith(prefix))
                        // IAM: "only the policies that are attached to an IAM user, group, or role" (not boundaries)
                        .filter(p -> !attachedOnly || p.attachmentCount() > 0)
                        .filter(p -> usageFilter == null || used(p, usageFilter))
                        .toList();
                return page.slice(matching, PolicyListing::sortKey);
            });
        }));
    }

    /**
     * With a usage filter, only policies used that way (IAM: "only the policies that are used as permissions
     * policies / boundaries"); an unattached policy counts as a possible permissions policy.
     */
    private static boolean used(ManagedPolicy p, String usage) {
        return usage.equals("PermissionsBoundary") ? p.permissionsBoundaryUsageCount() > 0
                : p.attachmentCount() > 0 || p.permissionsBoundaryUsageCount() == 0;
    }

    /** Names may repeat between an account's own and AWS's policies; the ARN breaks the tie. */
    static String sortKey(ManagedPolicy p) {
        return p.policyName().toLowerCase(Locale.ROOT) + " " + p.arn();
    }

    private static long count(Map<String, Long> counts, String arn) {
        return counts.getOrDefault(arn, 0L);
    }

    private static void enumeration(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + value + "' at '"
                    + field + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }
}
