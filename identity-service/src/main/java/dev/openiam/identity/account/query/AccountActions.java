package dev.openiam.identity.account.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.account.AccountAliasService;
import dev.openiam.identity.account.AccountSummaryService;
import dev.openiam.identity.account.AuthorizationDetailsService;
import dev.openiam.identity.auth.Caller;
import dev.openiam.model.rules.PageRequest;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.identity.query.IamXml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** CreateAccountAlias, DeleteAccountAlias, ListAccountAliases, GetAccountSummary, GetAccountAuthorizationDetails. */
@ApplicationScoped
public class AccountActions implements IamActionGroup {

    private final AccountAliasService aliases;
    private final AccountSummaryService summary;
    private final AuthorizationDetailsService details;

    public AccountActions(AccountAliasService aliases, AccountSummaryService summary, AuthorizationDetailsService details) {
        this.aliases = aliases;
        this.summary = summary;
        this.details = details;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateAccountAlias", this::createAlias),
                new IamAction("DeleteAccountAlias", this::deleteAlias),
                new IamAction("ListAccountAliases", this::listAliases),
                new IamAction("GetAccountSummary", this::summary),
                new IamAction("GetAccountAuthorizationDetails", this::details));
    }

    private Uni<Result> createAlias(QueryRequest q, Caller caller) {
        return aliases.create(caller.accountId(), caller.arn(), q.required("AccountAlias")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> deleteAlias(QueryRequest q, Caller caller) {
        return aliases.delete(caller.accountId(), caller.arn(), q.required("AccountAlias")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listAliases(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return aliases.list(caller.accountId()).map(all -> {
            var slice = page.slice(all, alias -> alias);
            return Result.of(r -> r.stringList("AccountAliases", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }

    private Uni<Result> summary(QueryRequest q, Caller caller) {
        return summary.summary(caller.accountId()).map(map -> Result.of(r -> r.element("SummaryMap", m ->
                map.forEach((key, value) -> m.element("entry", e -> e.text("key", key).integer("value", value))))));
    }

    private Uni<Result> details(QueryRequest q, Caller caller) {
        return details.details(caller.accountId(), q.list("Filter"), q.string("Marker"), q.integer("MaxItems"))
                .map(found -> Result.of(r -> r
                        .list("UserDetailList", found.users(), (e, detail) -> {
                            IamXml.user(e, detail.user());
                            e.stringList("GroupList", detail.groupNames());
                        })
                        .list("GroupDetailList", found.groups(), IamXml::group)
                        .list("RoleDetailList", found.roles(), (e, detail) -> {
                            IamXml.role(e, detail.role());
                            e.list("InstanceProfileList", detail.instanceProfiles(), IamXml::instanceProfile);
                        })
                        .list("Policies", List.of(), (e, ignored) -> { })
                        .page(found.isTruncated(), found.marker())));
    }
}
