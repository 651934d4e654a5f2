package dev.openiam.identity.accesskey.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.auth.Caller;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.query.IamXml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed. Without
 * {@code UserName} they act on the caller's own keys (the root user's, for root), as in AWS.
 */
@ApplicationScoped
public class AccessKeyActions implements IamActionGroup {

    private final AccessKeyService keys;

    public AccessKeyActions(AccessKeyService keys) {
        this.keys = keys;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateAccessKey", this::create),
                new IamAction("ListAccessKeys", this::list),
                new IamAction("UpdateAccessKey", this::update),
                new IamAction("DeleteAccessKey", this::delete),
                new IamAction("GetAccessKeyLastUsed", this::lastUsed));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return keys.create(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName"))).map(c -> Result.written(r -> r.element("AccessKey",
                k -> k.text("UserName", c.value().userName()).text("AccessKeyId", c.value().accessKeyId())
                        .text("Status", c.value().status()).text("SecretAccessKey", c.value().secretAccessKey())
                        .date("CreateDate", c.value().createDate())), c.revision()));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return keys.list(caller.accountId(), caller.userOrSelf(q.string("UserName"))).map(all -> {
            var slice = page.slice(all, key -> key.accessKeyId());
            return Result.of(r -> r.list("AccessKeyMetadata", slice.items(), IamXml::accessKeyMetadata)
                    .page(slice.isTruncated(), slice.marker()));
        });
    }

    private Uni<Result> update(QueryRequest q, Caller caller) {
        return keys.updateStatus(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("AccessKeyId"), q.required("Status"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return keys.delete(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("AccessKeyId"))
                .map(c -> Result.empty(c.revision()));
    }

    /** AWS answers {@code N/A} for service and region of a key never used. */
    private Uni<Result> lastUsed(QueryRequest q, Caller caller) {
        return keys.lastUsed(caller.accountId(), q.required("AccessKeyId")).map(used -> Result.of(r -> r
                .text("UserName", used.userName())
                .element("AccessKeyLastUsed", e -> e.date("LastUsedDate", used.lastUsedDate())
                        .text("ServiceName", used.serviceName() == null ? "N/A" : used.serviceName())
                        .text("Region", used.region() == null ? "N/A" : used.region()))));
    }
}
