package dev.openiam.identity.oidcprovider.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.oidcprovider.domain.OidcProviderService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.model.rules.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Create/Get/List/DeleteOpenIDConnectProvider, Add/RemoveClientIDToOpenIDConnectProvider,
 * UpdateOpenIDConnectProviderThumbprint, Tag/Untag/ListOpenIDConnectProviderTags.
 */
@ApplicationScoped
public class OidcProviderActions implements IamActionGroup {

    private static final String ARN = "OpenIDConnectProviderArn";

    private final OidcProviderService providers;

    public OidcProviderActions(OidcProviderService providers) {
        this.providers = providers;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateOpenIDConnectProvider", this::create),
                new IamAction("GetOpenIDConnectProvider", this::get),
                new IamAction("ListOpenIDConnectProviders", this::list),
                new IamAction("DeleteOpenIDConnectProvider", this::delete),
                new IamAction("AddClientIDToOpenIDConnectProvider", this::addClientId),
                new IamAction("RemoveClientIDFromOpenIDConnectProvider", this::removeClientId),
                new IamAction("UpdateOpenIDConnectProviderThumbprint", this::updateThumbprints),
                new IamAction("TagOpenIDConnectProvider", this::tag),
                new IamAction("UntagOpenIDConnectProvider", this::untag),
                new IamAction("ListOpenIDConnectProviderTags", this::listTags));
    }

    private Uni<Result> create(QueryRequest q, Caller caller) {
        return providers.create(caller.accountId(), caller.arn(), q.required("Url"), q.list("ClientIDList"), q.list("ThumbprintList"),
                q.tags("Tags")).map(c -> Result.written(r -> r.text("OpenIDConnectProviderArn", c.value().arn())
                .tags("Tags", c.value().tags().isEmpty() ? null : c.value().tags()), c.revision()));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return providers.get(caller.accountId(), q.required(ARN)).map(p -> Result.of(r -> r.text("Url", p.url())
                .stringList("ClientIDList", p.clientIds()).stringList("ThumbprintList", p.thumbprints())
                .date("CreateDate", p.createDate()).tags("Tags", p.tags().isEmpty() ? null : p.tags())));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        return providers.list(caller.accountId()).map(arns -> Result.of(r -> r.list("OpenIDConnectProviderList", arns,
                (m, arn) -> m.text("Arn", arn))));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return providers.delete(caller.accountId(), caller.arn(), q.required(ARN)).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> addClientId(QueryRequest q, Caller caller) {
        return providers.addClientId(caller.accountId(), caller.arn(), q.required(ARN), q.required("ClientID"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> removeClientId(QueryRequest q, Caller caller) {
        return providers.removeClientId(caller.accountId(), caller.arn(), q.required(ARN), q.required("ClientID"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> updateThumbprints(QueryRequest q, Caller caller) {
        return providers.updateThumbprints(caller.accountId(), caller.arn(), q.required(ARN), q.list("ThumbprintList"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> tag(QueryRequest q, Caller caller) {
        return providers.tag(caller.accountId(), caller.arn(), q.required(ARN), q.tags("Tags")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> untag(QueryRequest q, Caller caller) {
        List<String> keys = q.list("TagKeys");
        return providers.untag(caller.accountId(), caller.arn(), q.required(ARN), keys.isEmpty() ? null : keys)
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listTags(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return providers.listTags(caller.accountId(), q.required(ARN)).map(tags -> {
            var slice = page.slice(tags, tag -> tag.key().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.tags("Tags", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }
}
