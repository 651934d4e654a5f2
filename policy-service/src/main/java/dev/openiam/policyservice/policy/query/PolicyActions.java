package dev.openiam.policyservice.policy.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.policyservice.internal.Caller;
import dev.openiam.policyservice.policy.domain.PolicyListing;
import dev.openiam.policyservice.policy.domain.PolicyService;
import dev.openiam.policyservice.policy.domain.PolicyVersionService;
import dev.openiam.policyservice.query.IamAction;
import dev.openiam.policyservice.query.IamAction.Result;
import dev.openiam.policyservice.query.IamActionGroup;
import dev.openiam.policyservice.query.PolicyXml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, the version actions, TagPolicy, UntagPolicy and
 * ListPolicyTags. ({@code ListEntitiesForPolicy} lives with the attachments.)
 */
@ApplicationScoped
public class PolicyActions implements IamActionGroup {

    private final PolicyService policies;
    private final PolicyListing listing;
    private final PolicyVersionService versions;

    public PolicyActions(PolicyService policies, PolicyListing listing, PolicyVersionService versions) {
        this.policies = policies;
        this.listing = listing;
        this.versions = versions;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreatePolicy", this::create),
                new IamAction("GetPolicy", this::get),
                new IamAction("ListPolicies", this::list),
                new IamAction("DeletePolicy", this::delete),
                new IamAction("CreatePolicyVersion", this::createVersion),
                new IamAction("GetPolicyVersion", this::getVersion),
                new IamAction("ListPolicyVersions", this::listVersions),
                new IamAction("DeletePolicyVersion", this::deleteVersion),
                new IamAction("SetDefaultPolicyVersion", this::setDefault),
                new IamAction("TagPolicy", this::tag),
                new IamAction("UntagPolicy", this::untag),
                new IamAction("ListPolicyTags", this::listTags));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return policies.create(caller, q.required("PolicyName"), q.string("Path"), q.required("PolicyDocument"),
                        q.string("Description"), q.tags("Tags"))
                .map(c -> Result.written(r -> r.element("Policy", p -> PolicyXml.policy(p, c.value())), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return policies.get(caller.accountId(), q.required("PolicyArn"))
                .map(policy -> Result.of(r -> r.element("Policy", p -> PolicyXml.policy(p, policy))));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return listing.list(caller.accountId(), q.string("Scope"), q.bool("OnlyAttached"), q.string("PathPrefix"),
                        q.string("PolicyUsageFilter"), q.string("Marker"), q.integer("MaxItems"))
                .map(page -> Result.of(r -> r.list("Policies", page.items(), PolicyXml::policy)
                        .page(page.isTruncated(), page.marker())));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return policies.delete(caller, q.required("PolicyArn")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> createVersion(QueryRequest q, Caller caller) {
        return versions.create(caller, q.required("PolicyArn"), q.required("PolicyDocument"), q.bool("SetAsDefault"))
                .map(c -> Result.written(r -> r.element("PolicyVersion", v -> PolicyXml.version(v, c.value())), c.revision()));
    }

    private Uni<Result> getVersion(QueryRequest q, Caller caller) {
        return versions.get(caller.accountId(), q.required("PolicyArn"), q.required("VersionId"))
                .map(version -> Result.of(r -> r.element("PolicyVersion", v -> PolicyXml.version(v, version))));
    }

    private Uni<Result> listVersions(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return versions.list(caller.accountId(), q.required("PolicyArn")).map(all -> {
            // newest first: the sort key orders larger version numbers first
            var slice = page.slice(all, v -> String.format(Locale.ROOT, "%010d", Integer.MAX_VALUE - number(v.versionId())));
            return Result.of(r -> r.list("Versions", slice.items(), PolicyXml::version).page(slice.isTruncated(), slice.marker()));
        });
    }

    private Uni<Result> deleteVersion(QueryRequest q, Caller caller) {
        return versions.delete(caller, q.required("PolicyArn"), q.required("VersionId")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> setDefault(QueryRequest q, Caller caller) {
        return versions.setDefault(caller, q.required("PolicyArn"), q.required("VersionId")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> tag(QueryRequest q, Caller caller) {
        return policies.tag(caller, q.required("PolicyArn"), q.tags("Tags")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> untag(QueryRequest q, Caller caller) {
        List<String> keys = q.list("TagKeys");
        return policies.untag(caller, q.required("PolicyArn"), keys.isEmpty() ? null : keys).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listTags(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return policies.listTags(caller.accountId(), q.required("PolicyArn")).map(tags -> {
            var slice = page.slice(tags, tag -> tag.key().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.tags("Tags", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }

    private static int number(String versionId) {
        int end = versionId.indexOf('.');
        return Integer.parseInt(end < 0 ? versionId.substring(1) : versionId.substring(1, end));
    }
}
